import { isStale } from '../../store/appStore';
import {
  Background,
  Controls,
  MiniMap,
  Panel,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  useStore,
} from '@xyflow/react';
import type { Connection, Edge, NodeMouseHandler, ReactFlowState } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { MouseEvent as ReactMouseEvent } from 'react';
import { isTypingTarget } from '../app/keyTarget';
import { useAppStore } from '../app/storeContext';
import { AdminPolicyDiagram } from './AdminPolicyDiagram';
import { BundleEdge } from './BundleEdge';
import { BundleLayer } from './BundleLayer';
import { effectiveMode, PAIR_EDGES_LIMIT } from './buildEdges';
import type { FlowNode } from './buildFlow';
import { CanvasToolbar } from './CanvasToolbar';
import { ConnectDialog } from './ConnectDialog';
import { warmUpElk } from './elkBrowser';
import { ExternalNode } from './ExternalNode';
import { FrameMinimap } from './FrameMinimap';
import { FindLabelLayer, LabelLayerProvider } from './labelLayer';
import { Legend } from './Legend';
import { NamespaceNode } from './NamespaceNode';
import { overviewBoxes, podBoxAt } from './overviewBoxes';
import { frameAt } from './farFrames';
import { OverviewLayer } from './OverviewLayer';
import { PodNode } from './PodNode';
import { PolicyDiagram } from './PolicyDiagram';
import { useCanvasFit } from './useCanvasFit';
import { useClusterGraph } from './useClusterGraph';
import { VerdictEdge } from './VerdictEdge';
import { FlowEdge } from './FlowEdge';
import { FlowsLegend } from '../synthesis/FlowsLegend';

// Module constants: React Flow warns when these are recreated on each render.
const nodeTypes = { pod: PodNode, namespace: NamespaceNode, external: ExternalNode };
const edgeTypes = { verdict: VerdictEdge, bundle: BundleEdge, flow: FlowEdge };
const proOptions = { hideAttribution: true };
/** Above this many pods the whole graph no longer reads at the fitted view: show a minimap. */
const MINIMAP_FROM = 40;

const minimapColour = (node: FlowNode): string =>
  node.type === 'namespace' ? 'rgba(47, 111, 222, 0.15)' : node.type === 'external' ? '#c98a14' : '#6b7690';

const gridTooDense = (s: ReactFlowState) => s.transform[2] < GRID_ZOOM;
/** Below this zoom the dot grid is a dense haze, and painting it is most of each frame's cost. */
const GRID_ZOOM = 0.4;

/** The dot grid, when it is far enough apart to be read as one. */
function DotGrid() {
  const hidden = useStore(gridTooDense);
  return hidden ? null : <Background gap={24} />;
}

/**
 * The edges turn grey only when an evaluation takes longer than this: a keystroke answered
 * sooner changes nothing but the edges it recolours (greying and colouring every edge twice
 * per keystroke re-rasterised the whole edge layer, seconds at 5,000 pods, and flickered).
 */
const GREY_AFTER_MS = 300;

/** `value`, but turning true only after it stayed true for `delay` ms (false at once). */
function useDelayed(value: boolean, delay: number): boolean {
  const [late, setLate] = useState(false);
  useEffect(() => {
    if (!value) return;
    const timer = setTimeout(() => setLate(true), delay);
    return () => {
      clearTimeout(timer);
      setLate(false);
    };
  }, [value, delay]);
  return value && late;
}

/** A node id (`pod:KEY`, `ns:NAME`, `ext:ADDRESS`) as an endpoint of a proposed policy. */
function endpointOfNode(id: string, cidrOf: (address: string) => string | undefined): string {
  if (id.startsWith('pod:')) return id.slice(4);
  if (id.startsWith('ext:')) return cidrOf(id.slice(4)) ?? id.slice(4);
  return id; // `ns:NAME`: every pod of that namespace
}

export function CanvasView() {
  const policyView = useAppStore((s) => s.policyView);
  const selectedPolicy = useAppStore((s) => s.selectedPolicy);
  const adminPolicy = useAppStore((s) =>
    s.selectedPolicy ? s.parsed.workspace.adminPolicies.find((p) => p.key === s.selectedPolicy) : undefined,
  );
  return (
    <ReactFlowProvider>
      {policyView && adminPolicy ? (
        <AdminPolicyDiagram policy={adminPolicy} />
      ) : policyView && selectedPolicy ? (
        <PolicyDiagram policyKey={selectedPolicy} />
      ) : (
        <ClusterCanvas />
      )}
    </ReactFlowProvider>
  );
}

/** A connection is drawn from a pod or an address to another node (not from a frame). */
const isValidConnection = (c: Edge | Connection): boolean =>
  c.source !== c.target && !c.source.startsWith('ns:');

function ClusterCanvas() {
  const [hoveredPod, setHoveredPod] = useState<string | null>(null);
  // Until the view is fitted, a large workspace is drawn as its overview: its zoom is not
  // known yet, and a full node per pod would cost seconds only to be replaced.
  const fitRequest = useAppStore((s) => s.fitRequest);
  const [fittedRequest, setFittedRequest] = useState<number | null>(null);
  const fitPending = fittedRequest !== fitRequest;
  const graph = useClusterGraph(hoveredPod, fitPending);
  const { nodes, edges, layerBundles, layerEdges, onNodesChange, onNodeDragStop, podCount, layoutPending } =
    graph;
  const theme = useAppStore((s) => s.theme);
  const edgeMode = useAppStore((s) => s.edgeMode);
  const selectedPod = useAppStore((s) => s.selectedPod);
  const stale = useAppStore((s) => isStale(s.evaluation));
  const greyed = useDelayed(stale, GREY_AFTER_MS);
  const staleDocuments = useAppStore((s) => s.parsed.staleDocuments);
  const plugin = useAppStore((s) => s.plugin);
  const presenting = useAppStore((s) => s.presenting);
  const lesson = useAppStore((s) => s.lesson !== null);
  const progress = useAppStore((s) =>
    s.evaluation.status.kind === 'running' ? s.evaluation.status.progress : null,
  );
  const selectPod = useAppStore((s) => s.selectPod);
  const selectEdge = useAppStore((s) => s.selectEdge);
  const selectNamespace = useAppStore((s) => s.selectNamespace);
  const clearSelection = useAppStore((s) => s.clearSelection);
  const externals = useAppStore((s) => s.parsed.externals);
  const [connecting, setConnecting] = useState<{ from: string; to: string } | null>(null);
  // While the view pans or zooms, the canvas is one composited layer that moves as a whole
  // (not re-rastered every frame); when it stops, it is drawn sharp at the new zoom.
  const [moving, setMoving] = useState(false);
  const onMoveStart = useCallback(() => setMoving(true), []);
  const onMoveEnd = useCallback(() => setMoving(false), []);
  // The keyboard path to drawing: select a pod, press C, then click the target.
  const [connectFrom, setConnectFrom] = useState<string | null>(null);
  const large = podCount > PAIR_EDGES_LIMIT;
  useCanvasFit(graph.allNodes, layoutPending, setFittedRequest, graph.fitBounds, large);
  useEffect(warmUpElk, []);

  // Read when a connection is drawn, so the handlers below keep their identity as the text
  // changes (React Flow copies a changed handler into its store, which runs every node's
  // selectors).
  const externalsNow = useRef(externals);
  useEffect(() => {
    externalsNow.current = externals;
  }, [externals]);
  const endpoint = useCallback(
    (id: string) =>
      endpointOfNode(id, (address) => externalsNow.current.find((e) => e.address === address)?.cidr),
    [],
  );
  const propose = useCallback(
    (sourceId: string, targetId: string) => {
      const from = endpoint(sourceId);
      const to = endpoint(targetId);
      if (from !== to) setConnecting({ from, to });
    },
    [endpoint],
  );

  const onNodeClick: NodeMouseHandler<FlowNode> = useCallback(
    (_event, node) => {
      if (connectFrom) {
        setConnectFrom(null);
        if (node.id !== connectFrom) propose(connectFrom, node.id);
        return;
      }
      if (node.type === 'pod') selectPod(node.data.key);
      else if (node.type === 'namespace') selectNamespace(node.data.name);
      else clearSelection();
    },
    [connectFrom, propose, selectPod, selectNamespace, clearSelection],
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
  const onConnect = useCallback(
    (connection: Connection) => propose(connection.source, connection.target),
    [propose],
  );
  // Hovering a pod shows its connections in full (not at scale: that would redraw thousands).
  const hoverable = !large;
  const onNodeMouseEnter: NodeMouseHandler<FlowNode> = useCallback(
    (_event, node) => {
      if (hoverable && node.type === 'pod') setHoveredPod(node.data.key);
    },
    [hoverable],
  );
  const onNodeMouseLeave = useCallback(() => setHoveredPod(null), []);

  // The overview's pod boxes are drawn on their frames' canvases, which let the pointer
  // through: a click on the pane selects the box under it (or, picking a target, proposes
  // the connection to it); hovering one shows its name and a pointer, as an element would.
  const { screenToFlowPosition } = useReactFlow();
  // Far out, the frames are drawn there too (farFrames.ts): a click on one selects its namespace.
  const { frames } = graph;
  const boxes = useMemo(() => [...overviewBoxes(nodes), ...overviewBoxes(frames)], [nodes, frames]);
  const drawnNow = useRef({ boxes, frames });
  useEffect(() => {
    drawnNow.current = { boxes, frames };
  }, [boxes, frames]);
  /** The pod box (`pod:` id) or far frame (`ns:` id) under the pointer. */
  const drawnAt = useCallback(
    (event: ReactMouseEvent): string | null => {
      const point = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      const pod = podBoxAt(drawnNow.current.boxes, point);
      if (pod) return `pod:${pod}`;
      const frame = frameAt(drawnNow.current.frames, point);
      return frame === null ? null : `ns:${frame}`;
    },
    [screenToFlowPosition],
  );
  const onPaneClick = useCallback(
    (event: ReactMouseEvent) => {
      const id = drawnAt(event);
      if (id && connectFrom) {
        setConnectFrom(null);
        if (id !== connectFrom) propose(connectFrom, id);
      } else if (id?.startsWith('pod:')) selectPod(id.slice(4));
      else if (id) selectNamespace(id.slice(3));
      else clearSelection();
    },
    [drawnAt, connectFrom, propose, selectPod, selectNamespace, clearSelection],
  );
  const onPaneMouseMove = useCallback(
    (event: ReactMouseEvent) => {
      const pane = event.currentTarget as HTMLElement;
      const id = drawnAt(event);
      const title = id?.slice(id.indexOf(':') + 1) ?? '';
      if (pane.title === title) return;
      pane.title = title;
      pane.classList.toggle('over-pod-box', id !== null);
    },
    [drawnAt],
  );

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (isTypingTarget(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
      // In presentation mode C means "canvas only".
      if ((event.key === 'c' || event.key === 'C') && selectedPod && !presenting)
        setConnectFrom(`pod:${selectedPod}`);
      else if (event.key === 'Escape') setConnectFrom(null);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [selectedPod, presenting]);

  const mode = effectiveMode(edgeMode, podCount, selectedPod, lesson);
  const [labelLayer, setLabelLayer] = useState<HTMLElement | null>(null);
  return (
    <LabelLayerProvider value={labelLayer}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onNodeDragStop={onNodeDragStop}
        onNodeClick={onNodeClick}
        onNodeMouseEnter={onNodeMouseEnter}
        onNodeMouseLeave={onNodeMouseLeave}
        onEdgeClick={onEdgeClick}
        onPaneClick={onPaneClick}
        onPaneMouseMove={onPaneMouseMove}
        onConnect={onConnect}
        isValidConnection={isValidConnection}
        className={
          [connectFrom && 'picking-target', moving && 'moving', greyed && 'evaluating', large && 'large']
            .filter(Boolean)
            .join(' ') || undefined
        }
        onMoveStart={onMoveStart}
        onMoveEnd={onMoveEnd}
        data-layout={layoutPending ? 'pending' : 'ready'}
        data-fit={fitPending ? 'pending' : 'done'}
        minZoom={0.05}
        maxZoom={2.5}
        proOptions={proOptions}
        colorMode={theme}
        deleteKeyCode={null}
        selectionKeyCode={null}
        multiSelectionKeyCode={null}
        // Layers set by hand: edges under frames (a frame's title is never crossed), pods on
        // top; a selected pod's edges never rise above other pods and their drag grips.
        zIndexMode="manual"
        elevateNodesOnSelect={false}
        nodesConnectable={!presenting}
        onlyRenderVisibleElements={podCount > 200}
      >
        <FindLabelLayer onFound={setLabelLayer} />
        <DotGrid />
        {layerBundles.length > 0 && <BundleLayer bundles={layerBundles} stale={greyed} frames={frames} />}
        {(boxes.length > 0 || frames.length > 0) && (
          <OverviewLayer boxes={boxes} frames={frames} drawable={!fitPending} />
        )}
        {/* A small workspace fits the view: a minimap would only cover part of it. */}
        {!presenting &&
          podCount > MINIMAP_FROM &&
          (large ? (
            <FrameMinimap frames={frames} />
          ) : (
            <MiniMap pannable zoomable nodeColor={minimapColour} nodeStrokeWidth={2} className="minimap" />
          ))}
        <Controls showInteractive={false} />
        <Legend mode={mode} hiddenUnshaped={graph.hiddenUnshaped} />
        <FlowsLegend />
        {!presenting && <CanvasToolbar layerEdges={layerEdges} layerFrames={frames} />}
        {connectFrom && (
          <Panel position="bottom-center" className="canvas-hint" data-testid="canvas.connect-hint">
            Click the pod, namespace or outside node that {connectFrom.slice(4)} should reach (Esc cancels).
          </Panel>
        )}
        {mode === 'focus' && !selectedPod && (
          <Panel position="bottom-center" className="canvas-hint" data-testid="canvas.focus-hint">
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
    </LabelLayerProvider>
  );
}
