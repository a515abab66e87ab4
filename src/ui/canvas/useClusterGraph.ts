import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from '@xyflow/react';
import type { Edge, NodeChange, ReactFlowState } from '@xyflow/react';
import type { EdgeRoutes } from '../../store/persistence';
import type { MatrixResult } from '../../store/analysisTypes';
import { diffMatrices, sameItems } from '../../engine';
import { useAppStore } from '../app/storeContext';
import { flowEdges, markedEdges } from './flowEdges';
import { sameContent } from './sameContent';
import { policyHighlight } from './policyHighlight';
import { useRecentChanges } from './useRecentChanges';
import { bundleVerdict } from './bundles';
import {
  drawnPairs,
  effectiveMode,
  openEnds,
  PAIR_EDGES_LIMIT,
  styleEdges,
  unfocusedOptions,
} from './buildEdges';
import type { EdgeOptions } from './buildEdges';
import { buildNodes, isolationFrom } from './buildFlow';
import { viewRect } from './overviewBoxes';
import { FAR_FRAMES, FAR_ZOOM, layoutBounds, splitFarFrames } from './farFrames';
import type { FlowNode } from './buildFlow';
import type { LayerBundle } from './BundleLayer';
import type { Box, Layout, Point } from '../../store/layout/computeLayout';

/**
 * Everything the cluster canvas draws, derived from the store: the layout (a full ELK
 * layout when nothing has a position, else placing only what is new, and saving it),
 * the nodes with their emphasis, the edges for the current mode and focus, and the drag
 * handling that keeps dragged positions as view state. `fitPending`: the view is about to
 * be fitted (a large workspace is then drawn as its overview).
 */
export function useClusterGraph(hoveredPod: string | null, fitPending = false) {
  const workspace = useAppStore((s) => s.parsed.workspace);
  // The lists keep their identity while unchanged (workspaceWire.ts): a keystroke in a
  // policy rebuilds no node.
  const { pods, namespaces } = workspace;
  const parsedText = useAppStore((s) => s.parsed.text);
  const externals = useAppStore((s) => s.parsed.externals);
  const staleDocuments = useAppStore((s) => s.parsed.staleDocuments);
  const result = useAppStore((s) => s.evaluation.result);
  const selectedPod = useAppStore((s) => s.selectedPod);
  const selectedEdge = useAppStore((s) => s.selectedEdge);
  const selectedPolicy = useAppStore((s) => s.selectedPolicy);
  const selectedNamespace = useAppStore((s) => s.selectedNamespace);
  const edgeMode = useAppStore((s) => s.edgeMode);
  const showBlocked = useAppStore((s) => s.showBlocked);
  const collapsed = useAppStore((s) => s.collapsed);
  const routes = useAppStore((s) => s.routes);
  const baseline = useAppStore((s) => s.baseline);
  const lesson = useAppStore((s) => s.lesson);
  const predictions = useMemo(() => new Set(lesson?.predictions ?? []), [lesson?.predictions]);
  const compared = useMemo(() => {
    if (!baseline?.matrix || !result) return null;
    const diff = diffMatrices(baseline.matrix, result);
    const keyOf = (e: { from: string; to: string }) => `${e.from}->${e.to}`;
    return { gained: new Set(diff.gained.map(keyOf)), lost: new Set(diff.lost.map(keyOf)) };
  }, [baseline, result]);
  // Against a baseline (Compare, lessons) when there is one, else what the last gesture changed.
  const recent = useRecentChanges(result, parsedText);
  const changes = compared ?? recent;

  // Which pods policies isolate, from the worker (no selector matching on this thread).
  const podIsolation = useAppStore((s) => s.parsed.podIsolation);
  const isolation = useMemo(() => isolationFrom(pods, podIsolation), [pods, podIsolation]);
  const steadyOpen = useMemo(() => createSteadyOpenEnds(), []);
  const open = useMemo(() => steadyOpen(result), [steadyOpen, result]);
  const namespaceOf = useMemo(() => new Map(pods.map((p) => [p.key as string, p.namespace])), [pods]);

  // Computed in the store (layoutSlice.ts): placed, saved and fully laid out there.
  const layout = useAppStore((s) => s.layout);
  const layoutPending = useAppStore((s) => s.layoutPending);
  const placeNode = useAppStore((s) => s.placeNode);

  const highlight = useMemo(
    () => policyHighlight(workspace, externals, selectedPolicy),
    [selectedPolicy, workspace, externals],
  );

  // A large workspace is drawn in two levels of detail. Zoomed out it is an overview: frames
  // draw their pods (see OverviewPods), except the selected pod's namespace, whose edges
  // need their ends as nodes. Zoomed in, only the frames in view (and a margin) hold their
  // pods as nodes: React Flow runs its per-node work (visibility, handles, selectors) over
  // every node it holds at every store update, 5,000 pod nodes for a dozen on screen.
  const zoomedOut = useStore(overviewZoom);
  const overviewNamespace = selectedPod ? (namespaceOf.get(selectedPod) ?? null) : null;
  const large = pods.length > PAIR_EDGES_LIMIT;
  const framesInView = useStore(
    useCallback((s: ReactFlowState) => (large ? framesNear(s, layout.frames) : ''), [large, layout.frames]),
  );
  const overviewOn = (zoomedOut || fitPending) && large;
  // Zoomed out, which frames are in view changes nothing drawn: no new nodes to compare (the
  // view fitted to a file opened at 10,000 pods rebuilt and compared them all, ~40 ms).
  const detailedInView = overviewOn ? '' : framesInView;
  const overview = useMemo(() => {
    if (!large) return undefined;
    const detailed = new Set<string>(overviewNamespace ? [overviewNamespace] : []);
    for (const name of detailedInView.split('\n')) if (name) detailed.add(name);
    return { detailed };
  }, [large, overviewNamespace, detailedInView]);

  // Keep each node object when nothing about it changed, so React Flow (and its minimap)
  // only touch what an edit really changed.
  const stabilise = useMemo(() => createStabiliser<FlowNode>(), []);
  const freshNodes = useMemo(
    () =>
      buildNodes({ pods, namespaces }, externals, layout, {
        staleDocuments,
        selectedPod,
        selectedNamespace,
        collapsed,
        highlight,
        isolation,
        open,
        ...(overview ? { overview } : {}),
      }),
    [
      pods,
      namespaces,
      externals,
      layout,
      staleDocuments,
      selectedPod,
      selectedNamespace,
      collapsed,
      highlight,
      isolation,
      open,
      overview,
    ],
  );
  const baseNodes = useMemo(() => stabilise(freshNodes), [freshNodes, stabilise]);
  const focusPod = hoveredPod ?? selectedPod;
  // What decides which pairs are drawn; the styling (highlight, lesson marks) on top. The scan
  // of the truth table runs once per table and focus. While an evaluation runs the canvas
  // greys every edge by one class (CanvasView), so a keystroke restyles no edge.
  const lessonRunning = lesson !== null;
  const pairOptions = useMemo(
    (): EdgeOptions => ({
      ...unfocusedOptions({ isolation, namespaceOf, collapsed }),
      mode: edgeMode,
      focusPod,
      focusNamespace: focusPod ? null : selectedNamespace,
      showBlocked,
      lesson: lessonRunning,
      selectedEdge,
      changes,
    }),
    [
      isolation,
      namespaceOf,
      collapsed,
      edgeMode,
      focusPod,
      selectedNamespace,
      showBlocked,
      lessonRunning,
      selectedEdge,
      changes,
    ],
  );
  const scored = lesson?.phase === 'revealed';
  const edgeOptions = useMemo(
    (): EdgeOptions => ({ ...pairOptions, highlight, predictions, scored }),
    [pairOptions, highlight, predictions, scored],
  );
  const podCount = pods.length;
  // Whether the worker's bundle counts are drawn; else they follow each answer, off the
  // keystroke's path. By the selected pod, not the hovered one (a hover would ask again).
  const setBundlesDrawn = useAppStore((s) => s.setBundlesDrawn);
  const bundlesDrawn = effectiveMode(edgeMode, podCount, selectedPod, lessonRunning) === 'bundles';
  useEffect(() => setBundlesDrawn(bundlesDrawn), [bundlesDrawn, setBundlesDrawn]);
  // Letting a pod go draws the counts that followed its last answer at once (the store takes
  // them up in the effect above, after this render).
  const laterBundles = useAppStore((s) => (bundlesDrawn ? s.laterBundles : null));
  const drawable = useMemo(
    () =>
      result && !result.bundles && laterBundles?.for === result
        ? { ...result, bundles: laterBundles.bundles }
        : result,
    [result, laterBundles],
  );
  const drawn = useMemo(
    () => (drawable ? drawnPairs(drawable, podCount, pairOptions) : null),
    [drawable, podCount, pairOptions],
  );
  const styled = useMemo(
    () => (drawn ? withRoutes(styleEdges(drawn, edgeOptions), routes, layout) : []),
    [drawn, edgeOptions, routes, layout],
  );
  // In the overview, bundles are drawn on one canvas layer (BundleLayer), not as SVG edges:
  // React Flow keeps them hidden (an exported picture still draws them).
  const stabiliseEdges = useMemo(() => createStabiliser<Edge>(), []);
  // Observed traffic over the verdicts, when a flows file is loaded.
  const flowAnalysis = useAppStore((s) => s.flows?.analysis ?? null);
  const flowFilter = useAppStore((s) => s.flowFilter);
  const marked = useAppStore((s) => s.marked);
  const overlay = useMemo(
    () => [
      ...(flowAnalysis
        ? flowEdges(flowAnalysis, { namespaceOf, collapsed, externals, filter: flowFilter })
        : []),
      ...markedEdges(marked, { namespaceOf, collapsed, externals }),
    ],
    [flowAnalysis, namespaceOf, collapsed, externals, flowFilter, marked],
  );
  // They stay out of React Flow's edges: each edge there, hidden or not, runs its wrapper
  // and selectors at every store update (~1,000 bundles at 5,000 pods). A picture of the
  // canvas draws them from `layerEdges`, made when one is saved (not at every answer).
  const edges = useMemo(
    () =>
      stabiliseEdges([
        ...(overviewOn ? styled.filter((edge) => edge.type !== 'bundle') : styled),
        ...overlay,
      ]),
    [styled, overviewOn, stabiliseEdges, overlay],
  );
  const layerEdges = useCallback(
    (): Edge[] =>
      overviewOn
        ? styled
            .filter((edge) => edge.type === 'bundle')
            .map((edge) => ({ ...edge, hidden: true, data: { ...edge.data, layer: true } }))
        : [],
    [styled, overviewOn],
  );
  const layerBundles = useMemo(
    (): LayerBundle[] =>
      overviewOn && drawn
        ? drawn.bundles.map((b) => ({
            source: b.from,
            target: b.to,
            verdict: bundleVerdict(b.allowed, b.blocked),
          }))
        : [],
    [drawn, overviewOn],
  );

  // While a node is dragged its position lives here; on release it is saved as view state.
  const [dragging, setDragging] = useState<Record<string, Point>>({});
  const placedNodes: FlowNode[] = useMemo(
    () =>
      Object.keys(dragging).length === 0
        ? baseNodes
        : baseNodes.map((n) => {
            const position = dragging[n.id];
            return position ? { ...n, position } : n;
          }),
    [baseNodes, dragging],
  );
  // Far out, hundreds of frames are drawn on the overview canvas, not held by React Flow.
  const farOut = useStore(farZoom);
  const far = large && namespaces.length > FAR_FRAMES && (farOut || fitPending);
  const { nodes, frames } = useMemo(() => splitFarFrames(placedNodes, far), [placedNodes, far]);
  const fitBounds = useMemo(() => (far ? layoutBounds(layout) : null), [far, layout]);
  // The handlers keep their identity from render to render: React Flow copies a changed
  // handler into its store, which runs every node's and edge's selectors (each keystroke).
  const draggingNow = useRef(dragging);
  useEffect(() => {
    draggingNow.current = dragging;
  }, [dragging]);
  const release = useCallback(
    (id: string, position: Point) => {
      placeNode(id, position);
      setDragging((d) => {
        const rest = { ...d };
        delete rest[id];
        return rest;
      });
    },
    [placeNode],
  );
  const onNodesChange = useCallback(
    (nodeChanges: NodeChange<FlowNode>[]) => {
      for (const change of nodeChanges) {
        if (change.type !== 'position' || !change.position) continue;
        const { id, position } = change;
        if (change.dragging) setDragging((d) => ({ ...d, [id]: position }));
        else release(id, position);
      }
    },
    [release],
  );
  const onNodeDragStop = useCallback(
    (_event: unknown, node: FlowNode) => release(node.id, draggingNow.current[node.id] ?? node.position),
    [release],
  );

  return {
    nodes,
    frames,
    /** Every node, far frames included (what is on the canvas, for fitting it). */
    allNodes: placedNodes,
    fitBounds,
    edges,
    layerBundles,
    layerEdges,
    onNodesChange,
    onNodeDragStop,
    podCount: pods.length,
    layoutPending,
    hiddenUnshaped: drawn?.hiddenUnshaped ?? 0,
  };
}

type OpenEnds = { in: Set<string>; out: Set<string> };

/**
 * The pods open to everyone (`in`) and reaching everyone (`out`) per table; the sets before
 * when their content is the same (most keystrokes), so the nodes built from them are too.
 */
function createSteadyOpenEnds(): (result: MatrixResult | null) => OpenEnds {
  let before: { keys: readonly string[]; openIn: Uint8Array; openOut: Uint8Array; sets: OpenEnds } | null =
    null;
  return (result) => {
    if (!result) return { in: new Set(), out: new Set() };
    const ends = openEnds(result);
    if (
      before &&
      sameItems(before.keys, result.keys) &&
      sameItems(before.openIn, ends.openIn) &&
      sameItems(before.openOut, ends.openOut)
    )
      return before.sets;
    const sets: OpenEnds = { in: new Set(), out: new Set() };
    result.keys.forEach((key, i) => {
      if (ends.openIn[i] === 1) sets.in.add(key);
      if (ends.openOut[i] === 1) sets.out.add(key);
    });
    before = { keys: result.keys, openIn: ends.openIn, openOut: ends.openOut, sets };
    return sets;
  };
}

/**
 * Below this zoom a workspace of more than {@link PAIR_EDGES_LIMIT} pods is an overview.
 * A pod is then 66 x 23 px on screen or less, its name about 7 px: nothing of its detail
 * reads, and at 1,000 pods a full node each costs seconds of layout per edit.
 */
export const OVERVIEW_ZOOM = 0.3;
const overviewZoom = (s: ReactFlowState) => s.transform[2] < OVERVIEW_ZOOM;
const farZoom = (s: ReactFlowState) => s.transform[2] < FAR_ZOOM;

/**
 * The namespaces whose frames are in view or within half a view of it, as one string (a
 * store selector's result: the canvas re-renders only when this set changes, not per frame
 * of a pan).
 */
function framesNear(s: ReactFlowState, frames: Record<string, Box>): string {
  const { x, y, width, height } = viewRect(s.transform, s.width, s.height);
  const left = x - width / 2;
  const top = y - height / 2;
  const near: string[] = [];
  for (const [name, box] of Object.entries(frames))
    if (
      box.x < left + 2 * width &&
      box.x + box.width > left &&
      box.y < top + 2 * height &&
      box.y + box.height > top
    )
      near.push(name);
  return near.join('\n');
}

/** Attaches the saved route to each pod-to-pod edge whose two nodes have not moved since it was routed. */
function withRoutes(edges: Edge[], routes: EdgeRoutes, layout: Layout): Edge[] {
  if (Object.keys(routes).length === 0) return edges;
  const where = (id: string): Point | undefined => {
    if (id.startsWith('ext:')) return layout.externals[id.slice(4)];
    if (!id.startsWith('pod:')) return undefined;
    const key = id.slice(4);
    const pod = layout.pods[key];
    const frame = layout.frames[key.split('/')[0] ?? ''];
    return pod && frame ? { x: frame.x + pod.x, y: frame.y + pod.y } : undefined;
  };
  const same = (a: Point | undefined, b: Point) => a !== undefined && a.x === b.x && a.y === b.y;
  // A pair drawn as two edges (different verdicts each way) keeps two bent curves apart.
  const drawn = new Set(edges.map((e) => `${e.source}\n${e.target}`));
  return edges.map((edge) => {
    if (edge.type !== 'verdict' || drawn.has(`${edge.target}\n${edge.source}`)) return edge;
    const forward = routes[`${edge.source}->${edge.target}`];
    const backward = routes[`${edge.target}->${edge.source}`];
    const points =
      forward && same(where(edge.source), forward.source) && same(where(edge.target), forward.target)
        ? forward.points
        : backward && same(where(edge.source), backward.target) && same(where(edge.target), backward.source)
          ? [...backward.points].reverse()
          : null;
    return points ? { ...edge, data: { ...edge.data, route: points } } : edge;
  });
}

/**
 * Returns each node's (or edge's) previous object when its content is unchanged, and the
 * previous array when every element is (identity = "no re-render"): React Flow then skips
 * `setNodes` / `setEdges`, each of which runs every mounted node's, edge's and minimap
 * entry's store selectors.
 */
function createStabiliser<T extends { id: string }>(): (items: readonly T[]) => T[] {
  let previous = new Map<string, T>();
  let previousList: T[] = [];
  return (items) => {
    const next = new Map<string, T>();
    let same = items.length === previousList.length;
    const out = items.map((item, i) => {
      const kept = previous.get(item.id);
      const chosen = kept !== undefined && sameContent(kept, item) ? kept : item;
      next.set(item.id, chosen);
      if (chosen !== previousList[i]) same = false;
      return chosen;
    });
    previous = next;
    if (same) return previousList;
    previousList = out;
    return out;
  };
}
