import { Handle, Position, useConnection, useStore } from '@xyflow/react';
import type { ReactFlowState } from '@xyflow/react';
import type { Node, NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { ExternalNodeData } from './buildFlow';
import { DropTarget } from './DropTarget';
import { DETAIL_ZOOM } from './PodNode';

const zoomedOut = (s: ReactFlowState) => s.transform[2] < DETAIL_ZOOM;

/** An address outside the cluster: an ipBlock of some policy, or "outside the cluster". */
function ExternalNodeView({ id, data }: NodeProps<Node<ExternalNodeData, 'external'>>) {
  const connecting = useConnection((c) => c.inProgress && c.fromNode.id !== id);
  const compact = useStore(zoomedOut);
  return (
    <div
      className={`ext-node emphasis-${data.emphasis}${compact ? ' compact' : ''}`}
      title={`Stands for ${data.label} (sample address ${data.address})`}
    >
      <Handle type="target" position={Position.Left} className="pod-handle" />
      {connecting && <DropTarget />}
      <div className="ext-label">{data.label}</div>
      <div className="ext-address">e.g. {data.address}</div>
      <Handle
        type="source"
        position={Position.Right}
        className="pod-handle source pod-grip"
        title="Drag onto a pod to allow traffic from this address"
      />
    </div>
  );
}

export const ExternalNode = memo(ExternalNodeView);
