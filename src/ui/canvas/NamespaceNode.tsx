import { memo } from 'react';
import type { Node, NodeProps } from '@xyflow/react';
import type { NamespaceNodeData } from './buildFlow';

function NamespaceNodeView({ data }: NodeProps<Node<NamespaceNodeData, 'namespace'>>) {
  return (
    <div className="ns-frame">
      <div className="ns-title">
        <span className="ns-icon" aria-hidden>
          ▢
        </span>
        {data.name}
        <span className="ns-count">{data.podCount}</span>
      </div>
    </div>
  );
}

export const NamespaceNode = memo(NamespaceNodeView);
