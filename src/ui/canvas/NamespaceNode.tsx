import { Handle, Position, useConnection, useStore } from '@xyflow/react';
import type { ReactFlowState } from '@xyflow/react';
import { memo } from 'react';
import type { Node, NodeProps } from '@xyflow/react';
import { useAppStore } from '../app/storeContext';
import type { NamespaceNodeData } from './buildFlow';
import { DropTarget } from './DropTarget';
import { DETAIL_ZOOM } from './PodNode';

const zoomedOut = (s: ReactFlowState) => s.transform[2] < DETAIL_ZOOM;

/** A namespace's frame; in the overview its pods are drawn by `OverviewLayer`, over it. */
function NamespaceNodeView({ data, selected }: NodeProps<Node<NamespaceNodeData, 'namespace'>>) {
  const toggleCollapsed = useAppStore((s) => s.toggleCollapsed);
  // A pod dragged onto the frame (not onto one of its pods) proposes a namespaceSelector rule.
  const connecting = useConnection((c) => c.inProgress && c.fromNode.type !== 'namespace');
  // Zoomed out, the title is set large, as pod names are.
  const compact = useStore(zoomedOut);
  const classes = ['ns-frame', selected && 'selected', data.collapsed && 'collapsed', compact && 'compact'];
  return (
    <div className={classes.filter(Boolean).join(' ')}>
      <Handle type="target" position={Position.Left} className="pod-handle" isConnectable={false} />
      <Handle type="source" position={Position.Right} className="pod-handle" isConnectable={false} />
      {connecting && <DropTarget />}
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
