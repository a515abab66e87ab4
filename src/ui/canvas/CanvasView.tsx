import { Background, Controls, MiniMap, Panel, ReactFlow, ReactFlowProvider } from '@xyflow/react';
import type { NodeMouseHandler } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useCallback, useMemo } from 'react';
import { useAppStore } from '../app/storeContext';
import { ALL_EDGES_LIMIT, buildEdges, buildNodes } from './buildFlow';
import type { FlowNode } from './buildFlow';
import { CanvasToolbar } from './CanvasToolbar';
import { Legend } from './Legend';
import { NamespaceNode } from './NamespaceNode';
import { PodNode } from './PodNode';
import { VerdictEdge } from './VerdictEdge';

// Module constants: React Flow warns when these are recreated on each render.
const nodeTypes = { pod: PodNode, namespace: NamespaceNode };
const edgeTypes = { verdict: VerdictEdge };
const fitViewOptions = { padding: 0.15 };

const minimapColour = (node: FlowNode): string =>
  node.type === 'namespace' ? 'rgba(47, 111, 222, 0.12)' : '#8a94a8';

export function CanvasView() {
  const workspace = useAppStore((s) => s.parsed.workspace);
  const result = useAppStore((s) => s.evaluation.result);
  const stale = useAppStore((s) => s.evaluation.stale);
  const selectPod = useAppStore((s) => s.selectPod);

  const staleDocuments = useAppStore((s) => s.parsed.staleDocuments);
  const selectedPod = useAppStore((s) => s.selectedPod);
  const nodes = useMemo(
    () => buildNodes(workspace, staleDocuments, selectedPod),
    [workspace, staleDocuments, selectedPod],
  );
  const edges = useMemo(
    () => buildEdges(result, { focus: selectedPod, stale }),
    [result, selectedPod, stale],
  );

  const onNodeClick: NodeMouseHandler<FlowNode> = useCallback(
    (_event, node) => selectPod(node.type === 'pod' ? node.data.key : null),
    [selectPod],
  );
  const onPaneClick = useCallback(() => selectPod(null), [selectPod]);

  return (
    <ReactFlowProvider>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodeClick={onNodeClick}
        onPaneClick={onPaneClick}
        fitView
        fitViewOptions={fitViewOptions}
        minZoom={0.1}
        proOptions={{ hideAttribution: true }}
        nodesConnectable={false}
        deleteKeyCode={null}
        onlyRenderVisibleElements={workspace.pods.length > 200}
      >
        <Background gap={24} />
        <MiniMap pannable zoomable nodeColor={minimapColour} nodeStrokeWidth={2} />
        <Controls />
        <Legend />
        <CanvasToolbar />
        {!selectedPod && workspace.pods.length > ALL_EDGES_LIMIT && (
          <Panel position="top-center" className="canvas-hint" data-testid="canvas.focus-hint">
            {workspace.pods.length} pods: click one to see its connections.
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
    </ReactFlowProvider>
  );
}
