import { Background, Controls, MiniMap, ReactFlow, ReactFlowProvider } from '@xyflow/react';
import type { NodeMouseHandler } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useCallback, useMemo } from 'react';
import { useAppStore } from '../app/storeContext';
import { buildEdges, buildNodes } from './buildFlow';
import type { FlowNode } from './buildFlow';
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
  const selectedPod = useAppStore((s) => s.selectedPod);
  const selectPod = useAppStore((s) => s.selectPod);

  const nodes = useMemo(() => buildNodes(workspace), [workspace]);
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
      >
        <Background gap={24} />
        <MiniMap pannable zoomable nodeColor={minimapColour} nodeStrokeWidth={2} />
        <Controls />
        <Legend />
      </ReactFlow>
    </ReactFlowProvider>
  );
}
