import { Handle, Position } from '@xyflow/react';
import type { Node, NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { PodNodeData } from './buildFlow';

const MAX_CHIPS = 3;

function PodNodeView({ data, selected }: NodeProps<Node<PodNodeData, 'pod'>>) {
  const labels = Object.entries(data.labels).filter(([k]) => k !== 'pod-template-hash');
  const classes = ['pod-node', selected && 'selected', data.stale && 'stale', `emphasis-${data.emphasis}`]
    .filter(Boolean)
    .join(' ');
  return (
    <div
      className={classes}
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
      <div className="pod-foot">
        {data.ports.length > 0 && <span className="pod-ports">{data.ports.join(' · ')}</span>}
        <span className="badges">
          {data.isolation.ingress && (
            <span
              className="badge"
              title="Isolated for ingress: only what policies allow gets in"
              data-badge="ingress"
            >
              ⇥ in
            </span>
          )}
          {data.isolation.egress && (
            <span
              className="badge"
              title="Isolated for egress: only what policies allow gets out"
              data-badge="egress"
            >
              ↦ out
            </span>
          )}
        </span>
      </div>
      <Handle
        type="source"
        position={Position.Right}
        className="pod-handle source"
        title="Drag to another pod to allow traffic"
      />
    </div>
  );
}

export const PodNode = memo(PodNodeView);
