import { Handle, Position } from '@xyflow/react';
import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { Node } from '@xyflow/react';
import type { PodNodeData } from './buildFlow';

const MAX_CHIPS = 3;

function PodNodeView({ data, selected }: NodeProps<Node<PodNodeData, 'pod'>>) {
  const labels = Object.entries(data.labels).filter(([k]) => !k.startsWith('pod-template-hash'));
  return (
    <div
      className={`pod-node${selected ? ' selected' : ''}${data.stale ? ' stale' : ''}`}
      title={
        data.stale ? `${data.key}: its YAML has a syntax error; showing the last good version` : data.key
      }
    >
      <Handle type="target" position={Position.Left} className="pod-handle" />
      <div className="pod-head">
        <span className="pod-name">{data.name}</span>
        {data.kind !== 'Pod' && (
          <span className="pod-kind">
            {data.kind}
            {data.replicas !== undefined ? ` ×${data.replicas}` : ''}
          </span>
        )}
      </div>
      <div className="pod-labels">
        {labels.slice(0, MAX_CHIPS).map(([k, v]) => (
          <span key={k} className="chip">
            {k}={v}
          </span>
        ))}
        {labels.length > MAX_CHIPS && <span className="chip more">+{labels.length - MAX_CHIPS}</span>}
      </div>
      {data.ports.length > 0 && <div className="pod-ports">{data.ports.join(' · ')}</div>}
      <Handle type="source" position={Position.Right} className="pod-handle" />
    </div>
  );
}

export const PodNode = memo(PodNodeView);
