import { Handle, Position } from '@xyflow/react';
import { memo } from 'react';
import type { Node, NodeProps } from '@xyflow/react';
import { useAppStore } from '../app/storeContext';
import type { NamespaceNodeData } from './buildFlow';

function NamespaceNodeView({ data, selected }: NodeProps<Node<NamespaceNodeData, 'namespace'>>) {
  const toggleCollapsed = useAppStore((s) => s.toggleCollapsed);
  return (
    <div className={`ns-frame${selected ? ' selected' : ''}${data.collapsed ? ' collapsed' : ''}`}>
      <Handle type="target" position={Position.Left} className="pod-handle" isConnectable={false} />
      <Handle type="source" position={Position.Right} className="pod-handle" isConnectable={false} />
      <div className="ns-title" title={data.declared ? data.name : `${data.name} (referenced, not declared)`}>
        <button
          type="button"
          className="ns-toggle nodrag"
          aria-label={data.collapsed ? `Expand ${data.name}` : `Collapse ${data.name}`}
          data-testid={`ns.toggle.${data.name}`}
          onClick={(e) => {
            e.stopPropagation();
            toggleCollapsed(data.name);
          }}
        >
          {data.collapsed ? '▸' : '▾'}
        </button>
        <span className="ns-name">{data.name}</span>
        {!data.declared && <span className="ns-undeclared">not declared</span>}
        <span className="ns-count">
          {data.podCount} pod{data.podCount === 1 ? '' : 's'}
        </span>
      </div>
    </div>
  );
}

export const NamespaceNode = memo(NamespaceNodeView);
