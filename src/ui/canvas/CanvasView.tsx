import {
  Background,
  Controls,
  MiniMap,
  Panel,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
} from '@xyflow/react';
import type { Connection, Edge, NodeMouseHandler } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useCallback, useEffect, useRef, useState } from 'react';
import { isTypingTarget } from '../app/keyTarget';
import { useAppStore } from '../app/storeContext';
import { BundleEdge } from './BundleEdge';
import type { FlowNode } from './buildFlow';
import { effectiveMode } from './buildFlow';
import { CanvasToolbar } from './CanvasToolbar';
import { ConnectDialog } from './ConnectDialog';
import { ExternalNode } from './ExternalNode';
import { Legend } from './Legend';
import { NamespaceNode } from './NamespaceNode';
import { PodNode } from './PodNode';
import { PolicyDiagram } from './PolicyDiagram';
import { useClusterGraph } from './useClusterGraph';
import { VerdictEdge } from './VerdictEdge';

// Module constants: React Flow warns when these are recreated on each render.
const nodeTypes = { pod: PodNode, namespace: NamespaceNode, external: ExternalNode };
const edgeTypes = { verdict: VerdictEdge, bundle: BundleEdge };
// Room at the top for the legend and the toolbar.
const fitViewOptions = { padding: { top: '90px', left: '24px', right: '24px', bottom: '24px' } } as const;
const proOptions = { hideAttribution: true };

const minimapColour = (node: FlowNode): string =>
  node.type === 'namespace' ? 'rgba(47, 111, 222, 0.15)' : node.type === 'external' ? '#c98a14' : '#6b7690';

/** Node id (`pod:KEY`, `ext:ADDRESS`) to the endpoint it stands for. */
const endpointOfNode = (id: string | null): string | null => (id ? id.replace(/^(pod|ext):/, '') : null);

export function CanvasView() {
  const policyView = useAppStore((s) => s.policyView);
  const selectedPolicy = useAppStore((s) => s.selectedPolicy);
  return (
    <ReactFlowProvider>
      {policyView && selectedPolicy ? <PolicyDiagram policyKey={selectedPolicy} /> : <ClusterCanvas />}
    </ReactFlowProvider>
  );
}

function ClusterCanvas() {
  const { nodes, edges, onNodesChange, onNodeDragStop, podCount } = useClusterGraph();
  const theme = useAppStore((s) => s.theme);
  const edgeMode = useAppStore((s) => s.edgeMode);
  const selectedPod = useAppStore((s) => s.selectedPod);
  const staleDocuments = useAppStore((s) => s.parsed.staleDocuments);
  const plugin = useAppStore((s) => s.plugin);
  const progress = useAppStore((s) => (s.evaluation.stale ? s.evaluation.progress : null));
  const selectPod = useAppStore((s) => s.selectPod);
  const selectEdge = useAppStore((s) => s.selectEdge);
  const selectNamespace = useAppStore((s) => s.selectNamespace);
  const clearSelection = useAppStore((s) => s.clearSelection);
  const [connecting, setConnecting] = useState<{ from: string; to: string } | null>(null);

  const onNodeClick: NodeMouseHandler<FlowNode> = useCallback(
    (_event, node) => {
      if (node.type === 'pod') selectPod(node.data.key);
      else if (node.type === 'namespace') selectNamespace(node.data.name);
      else clearSelection();
    },
    [selectPod, selectNamespace, clearSelection],
  );
  const predicting = useAppStore((s) => s.lesson?.phase === 'predict');
  const togglePrediction = useAppStore((s) => s.togglePrediction);
  const onEdgeClick = useCallback(
    (_event: unknown, edge: Edge) => {
      const attrs = edge.domAttributes as Record<string, string> | undefined;
      const from = attrs?.['data-from'];
      const to = attrs?.['data-to'];
      if (!from || !to) return;
      // During a lesson's prediction, a click marks the connection as "will change".
      if (predicting) togglePrediction(`${from}->${to}`);
      else selectEdge({ from, to });
    },
    [predicting, selectEdge, togglePrediction],
  );
  const externals = useAppStore((s) => s.parsed.externals);
  const onConnect = useCallback(
    (connection: Connection) => {
      // An outside node that stands for an ipBlock is that CIDR; "outside the cluster" its address.
      const endpoint = (id: string | null) => {
        const ref = endpointOfNode(id);
        return externals.find((e) => e.address === ref)?.cidr ?? ref;
      };
      const from = endpoint(connection.source);
      const to = endpoint(connection.target);
      if (from && to && from !== to) setConnecting({ from, to });
    },
    [externals],
  );

  const mode = effectiveMode(edgeMode, podCount, selectedPod);
  return (
    <>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onNodeDragStop={onNodeDragStop}
        onNodeClick={onNodeClick}
        onEdgeClick={onEdgeClick}
        onPaneClick={clearSelection}
        onConnect={onConnect}
        isValidConnection={(c) => c.source !== c.target && !c.target.startsWith('ns:')}
        fitView
        fitViewOptions={fitViewOptions}
        minZoom={0.05}
        proOptions={proOptions}
        colorMode={theme}
        deleteKeyCode={null}
        selectionKeyCode={null}
        multiSelectionKeyCode={null}
        onlyRenderVisibleElements={podCount > 200}
      >
        <Background gap={24} />
        <MiniMap pannable zoomable nodeColor={minimapColour} nodeStrokeWidth={2} className="minimap" />
        <Controls />
        <Legend mode={mode} />
        <CanvasToolbar />
        <CanvasKeys nodeCount={nodes.length} />
        {mode === 'focus' && !selectedPod && (
          <Panel position="top-center" className="canvas-hint" data-testid="canvas.focus-hint">
            Click a pod to see its connections.
          </Panel>
        )}
        {progress && (
          <Panel position="top-center" className="progress" data-testid="canvas.progress" role="status">
            <span className="spinner" aria-hidden />{' '}
            {progress === 'parsing' ? 'Reading the YAML…' : 'Evaluating every connection…'}
          </Panel>
        )}
        {plugin === 'none' && (
          <Panel position="bottom-center" className="plugin-banner" data-testid="canvas.no-enforcement">
            No network plugin enforces NetworkPolicies here (Flannel alone, for one): every connection is
            allowed and the policies have no effect.
          </Panel>
        )}
        {staleDocuments.length > 0 && (
          <Panel position="bottom-center" className="stale-banner" data-testid="canvas.stale">
            {staleDocuments.length === 1 ? 'One document has' : `${staleDocuments.length} documents have`} a
            YAML syntax error: the canvas shows {staleDocuments.length === 1 ? 'its' : 'their'} last good
            version.
          </Panel>
        )}
      </ReactFlow>
      {connecting && (
        <ConnectDialog from={connecting.from} to={connecting.to} onClose={() => setConnecting(null)} />
      )}
    </>
  );
}

/**
 * F fits the view (outside text fields); the other shortcuts are global. The view is
 * also fitted when the first nodes arrive and when another workspace is loaded.
 */
function CanvasKeys({ nodeCount }: { nodeCount: number }) {
  const flow = useReactFlow();
  const workspaceId = useAppStore((s) => s.workspaceId);
  const origin = useAppStore((s) => s.origin);
  // Fit once per workspace, when its own analysis has arrived (not the previous one's nodes).
  const ready = useAppStore((s) => s.parsed.text === s.text) && nodeCount > 0;
  const fitted = useRef<string | null>(null);
  useEffect(() => {
    if (!ready || fitted.current === workspaceId) return undefined;
    fitted.current = workspaceId;
    const frame = requestAnimationFrame(() => void flow.fitView(fitViewOptions));
    return () => cancelAnimationFrame(frame);
  }, [flow, ready, workspaceId]);
  // Something drawn on the canvas must be in view: fit again when a gesture adds nodes.
  // A pod selected from the YAML is brought into view (large workspaces do not fit).
  const revealPod = useAppStore((s) => s.revealPod);
  useEffect(() => {
    if (!revealPod) return undefined;
    const frame = requestAnimationFrame(
      () =>
        void flow.fitView({ nodes: [{ id: `pod:${revealPod}` }], duration: 200, maxZoom: 1.1, padding: 0.5 }),
    );
    return () => cancelAnimationFrame(frame);
  }, [flow, revealPod]);
  const lastCount = useRef(nodeCount);
  useEffect(() => {
    const grew = nodeCount > lastCount.current && origin === 'canvas';
    lastCount.current = nodeCount;
    if (grew) void flow.fitView({ ...fitViewOptions, duration: 150 });
  }, [flow, nodeCount, origin]);
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (isTypingTarget(event.target)) return;
      if ((event.key === 'f' || event.key === 'F') && !event.ctrlKey && !event.metaKey && !event.altKey) {
        void flow.fitView({ ...fitViewOptions, duration: 200 });
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [flow]);
  return null;
}
