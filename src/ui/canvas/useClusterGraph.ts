import { isStale } from '../../store/appStore';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from '@xyflow/react';
import type { Edge, NodeChange, ReactFlowState } from '@xyflow/react';
import type { EdgeRoutes } from '../../store/persistence';
import { diffMatrices } from '../../engine';
import { useAppStore, useAppStoreApi } from '../app/storeContext';
import { policyHighlight } from './policyHighlight';
import { useRecentChanges } from './useRecentChanges';
import {
  bundleVerdict,
  drawnPairs,
  openEnds,
  PAIR_EDGES_LIMIT,
  serviceMapLinks,
  styleEdges,
  unfocusedOptions,
} from './buildEdges';
import type { EdgeOptions } from './buildEdges';
import { buildNodes, isolationFrom } from './buildFlow';
import type { FlowNode } from './buildFlow';
import { browserElk } from './elkBrowser';
import { layoutWithElk, tiedTogether } from './elkLayout';
import type { Routes } from './elkLayout';
import type { LayerBundle } from './BundleLayer';
import { computeLayout } from './layout';
import type { Box, Layout, LayoutInput, Point } from './layout';

/**
 * Everything the cluster canvas draws, derived from the store: the layout (a full ELK
 * layout when nothing has a position, else placing only what is new, and saving it),
 * the nodes with their emphasis, the edges for the current mode and focus, and the drag
 * handling that keeps dragged positions as view state. `fitPending`: the view is about to
 * be fitted (a large workspace is then drawn as its overview).
 */
export function useClusterGraph(hoveredPod: string | null, fitPending = false) {
  const workspace = useAppStore((s) => s.parsed.workspace);
  const parsedText = useAppStore((s) => s.parsed.text);
  const externals = useAppStore((s) => s.parsed.externals);
  const staleDocuments = useAppStore((s) => s.parsed.staleDocuments);
  const result = useAppStore((s) => s.evaluation.result);
  const stale = useAppStore((s) => isStale(s.evaluation));
  const selectedPod = useAppStore((s) => s.selectedPod);
  const selectedEdge = useAppStore((s) => s.selectedEdge);
  const selectedPolicy = useAppStore((s) => s.selectedPolicy);
  const selectedNamespace = useAppStore((s) => s.selectedNamespace);
  const edgeMode = useAppStore((s) => s.edgeMode);
  const showBlocked = useAppStore((s) => s.showBlocked);
  const positions = useAppStore((s) => s.positions);
  const collapsed = useAppStore((s) => s.collapsed);
  const mergePositions = useAppStore((s) => s.mergePositions);
  const applyLayout = useAppStore((s) => s.applyLayout);
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
  const isolation = useMemo(() => isolationFrom(workspace, podIsolation), [workspace, podIsolation]);
  const open = useMemo(() => {
    const empty = { in: new Set<string>(), out: new Set<string>() };
    if (!result) return empty;
    const ends = openEnds(result);
    result.keys.forEach((key, i) => {
      if (ends.openIn[i] === 1) empty.in.add(key);
      if (ends.openOut[i] === 1) empty.out.add(key);
    });
    return empty;
  }, [result]);
  const namespaceOf = useMemo(
    () => new Map(workspace.pods.map((p) => [p.key as string, p.namespace])),
    [workspace],
  );

  // The node the user dragged last keeps its place when things are pushed apart.
  const [pinned, setPinned] = useState<string | null>(null);
  const freshLayoutInput: LayoutInput = useMemo(() => {
    const podsOf = new Map<string, string[]>();
    for (const pod of workspace.pods) {
      const list = podsOf.get(pod.namespace);
      if (list) list.push(pod.key);
      else podsOf.set(pod.namespace, [pod.key]);
    }
    return {
      namespaces: workspace.namespaces.map((ns) => ({
        name: ns.name,
        pods: podsOf.get(ns.name) ?? [],
        collapsed: collapsed.includes(ns.name),
      })),
      externals: externals.map((e) => e.address),
    };
  }, [workspace, externals, collapsed]);
  // Most keystrokes change no pod or namespace: the same input keeps the layout (and the nodes).
  const sameLayoutInput = useMemo(() => createSameContent<LayoutInput>(), []);
  const layoutInput = useMemo(() => sameLayoutInput(freshLayoutInput), [sameLayoutInput, freshLayoutInput]);
  const layout = useMemo(
    () => computeLayout(layoutInput, positions, pinned),
    [layoutInput, positions, pinned],
  );

  // Save what was placed or pushed now, so the next edit does not move it.
  useEffect(() => {
    if (Object.keys(layout.placed).length > 0) mergePositions(layout.placed);
  }, [layout, mergePositions]);

  // Nothing has a position: ask ELK for a full layout along the service map's connections.
  const text = useAppStore((s) => s.text);
  const store = useAppStoreApi();
  const ready = parsedText === text && result !== null && !stale;
  const [layoutPending, setLayoutPending] = useState(false);
  const running = useRef<LayoutInput | null>(null);
  useEffect(() => {
    if (!layout.fresh || !ready || !result || running.current === layoutInput) return;
    running.current = layoutInput;
    setLayoutPending(true);
    const links = serviceMapLinks(result, { isolation, namespaceOf, collapsed });
    const startedFor = text;
    // With no connection at all, and beyond what a layered layout does in a few seconds,
    // the grid is the layout.
    const elkInput = tiedTogether(layoutInput, links);
    const elk =
      links.length > 0 && workspace.pods.length <= ELK_POD_LIMIT && links.length <= ELK_LINK_LIMIT
        ? layoutWithElk(browserElk(), elkInput)
        : Promise.reject(new Error('no connection to lay out along, or too large'));
    elk
      .catch(() => ({ positions: gridPositions(layoutInput), routes: {} }))
      .then(({ positions: placed, routes: paths }) => {
        if (running.current !== layoutInput) return;
        running.current = null;
        setLayoutPending(false);
        // Too late: other text was opened meanwhile, or something was placed by hand.
        const now = store.getState();
        if (now.text !== startedFor || !computeLayout(layoutInput, now.positions).fresh) return;
        applyLayout(placed, routesWithEnds(paths, placed));
      })
      .catch(() => setLayoutPending(false));
  }, [
    layout.fresh,
    ready,
    result,
    text,
    layoutInput,
    collapsed,
    namespaceOf,
    isolation,
    applyLayout,
    store,
    workspace.pods.length,
  ]);

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
  const large = workspace.pods.length > PAIR_EDGES_LIMIT;
  const framesInView = useStore(
    useCallback((s: ReactFlowState) => (large ? framesNear(s, layout.frames) : ''), [large, layout.frames]),
  );
  const overviewOn = (zoomedOut || fitPending) && large;
  const overview = useMemo(() => {
    if (!large) return undefined;
    const detailed = new Set<string>(overviewNamespace ? [overviewNamespace] : []);
    if (!overviewOn) for (const name of framesInView.split('\n')) if (name) detailed.add(name);
    return { detailed };
  }, [large, overviewOn, overviewNamespace, framesInView]);

  // Keep each node object when nothing about it changed, so React Flow (and its minimap)
  // only touch what an edit really changed.
  const stabilise = useMemo(() => createStabiliser<FlowNode>(), []);
  const freshNodes = useMemo(
    () =>
      buildNodes(workspace, externals, layout, {
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
      workspace,
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
  const podCount = workspace.pods.length;
  const drawn = useMemo(
    () => (result ? drawnPairs(result, podCount, pairOptions) : null),
    [result, podCount, pairOptions],
  );
  const styled = useMemo(
    () => (drawn ? withRoutes(styleEdges(drawn, edgeOptions), routes, layout) : []),
    [drawn, edgeOptions, routes, layout],
  );
  // In the overview, bundles are drawn on one canvas layer (BundleLayer), not as SVG edges:
  // React Flow keeps them hidden (an exported picture still draws them).
  const stabiliseEdges = useMemo(() => createStabiliser<Edge>(), []);
  const edges = useMemo(
    () =>
      stabiliseEdges(
        overviewOn
          ? styled.map((edge) =>
              edge.type === 'bundle' ? { ...edge, hidden: true, data: { ...edge.data, layer: true } } : edge,
            )
          : styled,
      ),
    [styled, overviewOn, stabiliseEdges],
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
  const nodes: FlowNode[] = useMemo(
    () =>
      Object.keys(dragging).length === 0
        ? baseNodes
        : baseNodes.map((n) => {
            const position = dragging[n.id];
            return position ? { ...n, position } : n;
          }),
    [baseNodes, dragging],
  );
  const onNodesChange = (nodeChanges: NodeChange<FlowNode>[]) => {
    for (const change of nodeChanges) {
      if (change.type !== 'position' || !change.position) continue;
      const { id, position } = change;
      if (change.dragging) setDragging((d) => ({ ...d, [id]: position }));
      else release(id, position);
    }
  };
  const release = (id: string, position: Point) => {
    setPinned(id);
    mergePositions({ [id]: position });
    setDragging((d) => {
      const rest = { ...d };
      delete rest[id];
      return rest;
    });
  };
  const onNodeDragStop = (_event: unknown, node: FlowNode) =>
    release(node.id, dragging[node.id] ?? node.position);

  return {
    nodes,
    edges,
    layerBundles,
    onNodesChange,
    onNodeDragStop,
    podCount: workspace.pods.length,
    layoutPending: layoutPending || layout.fresh,
  };
}

/**
 * Up to this many pods and connections a full ELK layout runs; beyond, a grid. Measured
 * in Node (layered, orthogonal routes, compound frames): 30 pods and 34 connections
 * ~300 ms warm; 150 pods and 706 connections 31 s. Routing cost grows with connections.
 */
const ELK_POD_LIMIT = 100;
const ELK_LINK_LIMIT = 200;

/**
 * Below this zoom a workspace of more than {@link PAIR_EDGES_LIMIT} pods is an overview.
 * A pod is then 66 x 23 px on screen or less, its name about 7 px: nothing of its detail
 * reads, and at 1,000 pods a full node each costs seconds of layout per edit.
 */
export const OVERVIEW_ZOOM = 0.3;
const overviewZoom = (s: ReactFlowState) => s.transform[2] < OVERVIEW_ZOOM;

/**
 * The namespaces whose frames are in view or within half a view of it, as one string (a
 * store selector's result: the canvas re-renders only when this set changes, not per frame
 * of a pan).
 */
function framesNear(s: ReactFlowState, frames: Record<string, Box>): string {
  const [tx, ty, zoom] = s.transform;
  const width = s.width / zoom;
  const height = s.height / zoom;
  const left = -tx / zoom - width / 2;
  const top = -ty / zoom - height / 2;
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

/** Returns the previous value while the new one has the same JSON (identity = "nothing to redo"). */
function createSameContent<T>(): (value: T) => T {
  let kept: { value: T; json: string } | null = null;
  return (value) => {
    const json = JSON.stringify(value);
    if (kept?.json !== json) kept = { value, json };
    return kept.value;
  };
}

/** Where a node's top-left corner is on the canvas (pods are placed relative to their frame). */
function absoluteOf(
  id: string,
  positions: Record<string, Point>,
  frameOf: (pod: string) => string | undefined,
): Point | null {
  const at = positions[id];
  if (!at) return null;
  if (!id.startsWith('pod:')) return at;
  const frame = positions[`ns:${frameOf(id.slice(4)) ?? ''}`];
  return frame ? { x: frame.x + at.x, y: frame.y + at.y } : null;
}

/** ELK's routes with where their two nodes were: a route is drawn only while they stay there. */
function routesWithEnds(paths: Routes, positions: Record<string, Point>): EdgeRoutes {
  const out: EdgeRoutes = {};
  const frameOf = (pod: string) => pod.split('/')[0];
  for (const [id, points] of Object.entries(paths)) {
    const [from = '', to = ''] = id.split('->');
    const source = absoluteOf(from, positions, frameOf);
    const target = absoluteOf(to, positions, frameOf);
    if (source && target) out[id] = { points, source, target };
  }
  return out;
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

/** The provisional grid as positions: what is saved if ELK ever fails. */
function gridPositions(input: LayoutInput): Record<string, Point> {
  const layout = computeLayout(input, {});
  const out: Record<string, Point> = {};
  for (const [name, box] of Object.entries(layout.frames)) out[`ns:${name}`] = { x: box.x, y: box.y };
  for (const [key, p] of Object.entries(layout.pods)) out[`pod:${key}`] = p;
  for (const [address, p] of Object.entries(layout.externals)) out[`ext:${address}`] = p;
  return out;
}

/**
 * Returns each node's (or edge's) previous object when its content is unchanged, and the
 * previous array when every element is (identity = "no re-render"): React Flow then skips
 * `setNodes` / `setEdges`, each of which runs every mounted node's, edge's and minimap
 * entry's store selectors.
 */
function createStabiliser<T extends { id: string }>(): (items: readonly T[]) => T[] {
  let previous = new Map<string, { signature: string; item: T }>();
  let previousList: T[] = [];
  return (items) => {
    const next = new Map<string, { signature: string; item: T }>();
    let same = items.length === previousList.length;
    const out = items.map((item, i) => {
      const signature = JSON.stringify(item);
      const kept = previous.get(item.id);
      const chosen = kept && kept.signature === signature ? kept.item : item;
      next.set(item.id, { signature, item: chosen });
      if (chosen !== previousList[i]) same = false;
      return chosen;
    });
    previous = next;
    if (same) return previousList;
    previousList = out;
    return out;
  };
}
