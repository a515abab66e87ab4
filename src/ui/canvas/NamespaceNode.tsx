import { Handle, Position, useConnection, useStore } from '@xyflow/react';
import type { ReactFlowState } from '@xyflow/react';
import { memo } from 'react';
import type { Node, NodeProps } from '@xyflow/react';
import { useAppStore } from '../app/storeContext';
import type { NamespaceNodeData, OverviewPod } from './buildFlow';
import { DropTarget } from './DropTarget';
import { DETAIL_ZOOM } from './PodNode';

const zoomedOut = (s: ReactFlowState) => s.transform[2] < DETAIL_ZOOM;
/**
 * Overview boxes show their pod's name from this zoom (24 px type, 6 px on screen): below
 * it the names cannot be read, and their glyphs were most of the cost of every frame
 * while panning a thousand pods. The box's tooltip still names it.
 */
const NAME_ZOOM = 0.25;
const namesReadable = (s: ReactFlowState) => s.transform[2] >= NAME_ZOOM;

function NamespaceNodeView({ data, selected }: NodeProps<Node<NamespaceNodeData, 'namespace'>>) {
  const toggleCollapsed = useAppStore((s) => s.toggleCollapsed);
  // A pod dragged onto the frame (not onto one of its pods) proposes a namespaceSelector rule.
  const connecting = useConnection((c) => c.inProgress && c.fromNode.type !== 'namespace');
  // Zoomed out, the title is set large, as pod names are.
  const compact = useStore(zoomedOut);
  const named = useStore(namesReadable);
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
      {data.overview && <OverviewPods pods={data.overview} named={named} />}
    </div>
  );
}

/**
 * A large workspace zoomed out: the frame draws its pods as plain named boxes (no node,
 * handle or subscription each), which keeps a thousand pods cheap to lay out and paint.
 * A click selects the pod; zooming in brings the full nodes back.
 */
const OverviewPods = memo(function OverviewPods({
  pods,
  named,
}: {
  pods: readonly OverviewPod[];
  named: boolean;
}) {
  const selectPod = useAppStore((s) => s.selectPod);
  return (
    <>
      {pods.map((pod) => (
        <div
          key={pod.key}
          className={`pod-box emphasis-${pod.emphasis}${pod.selected ? ' selected' : ''}${pod.ingress ? ' isolated-in' : ''}${pod.egress ? ' isolated-out' : ''}`}
          style={{ left: pod.x, top: pod.y }}
          title={pod.key}
          data-pod-box={pod.key}
          onClick={(e) => {
            e.stopPropagation();
            selectPod(pod.key);
          }}
        >
          {named && pod.name}
        </div>
      ))}
    </>
  );
});

export const NamespaceNode = memo(NamespaceNodeView);
