import { Handle, Position } from '@xyflow/react';
import type { Node, NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { ExternalNodeData } from './buildFlow';

/** An address outside the cluster: an ipBlock of some policy, or "outside the cluster". */
function ExternalNodeView({ data }: NodeProps<Node<ExternalNodeData, 'external'>>) {
  return (
    <div
      className={`ext-node emphasis-${data.emphasis}`}
      title={`Stands for ${data.label} (sample address ${data.address})`}
    >
      <Handle type="target" position={Position.Left} className="pod-handle" />
      <div className="ext-label">{data.label}</div>
      <div className="ext-address">e.g. {data.address}</div>
      <Handle type="source" position={Position.Right} className="pod-handle source" />
    </div>
  );
}

export const ExternalNode = memo(ExternalNodeView);
