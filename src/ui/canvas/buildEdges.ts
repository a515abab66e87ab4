/**
 * The canvas edges for the latest truth table. The default, the **service map**, draws
 * the connectivity that policies shape: an allowed connection is drawn when a policy
 * isolating one of its ends admits it (a connection nothing isolates is allowed by
 * default and says nothing), and a pod reachable from everywhere (or reaching
 * everywhere) gets a badge instead of an edge from every other pod. Both directions of a pair become one
 * edge with two arrowheads. Blocked connections appear around the focus (the hovered
 * or selected pod, the selected namespace) or on demand. The other modes: every pod
 * pair, the selected pod's row and column, or namespace-to-namespace bundles (the service
 * map above {@link PAIR_EDGES_LIMIT} pods: only bundles holding a connection it would draw).
 */
import { MarkerType } from '@xyflow/react';
import type { Edge } from '@xyflow/react';
import { cellAllowed, cellOpenEnds, cellRow } from '../../engine';
import type { EdgeMode } from '../../store/viewSlice';
import type { MatrixResult } from '../../store/analysisTypes';
import { bundlesFromSums, countBundles, countedBundles, shapedBundles } from './bundleCounts';
import { bundleEdge, leaveOutUnshaped } from './bundles';
import { EDGE_COLOURS } from './edgeGeometry';

/** Above this many pods, `all` and `map` are not drawn pair by pair: bundles, or the focused pod's edges. */
export const PAIR_EDGES_LIMIT = 150;
/** Lessons and `all` draw every pod pair up to this many pods. */
export const ALL_EDGES_LIMIT = 16;

export type Verdict = 'allowed' | 'blocked';
/** What is drawn: `auto` is the service map (every pair during a small lesson). */
export type DrawnMode = 'map' | Exclude<EdgeMode, 'auto'>;

export interface Isolation {
  ingress: boolean;
  egress: boolean;
}

export interface EdgeOptions {
  mode: EdgeMode;
  /** The pod whose connections are shown in full (hovered, else selected). */
  focusPod: string | null;
  /** A selected namespace: the traffic crossing its boundary is shown in full. */
  focusNamespace: string | null;
  /** Draw blocked connections everywhere (service map). */
  showBlocked: boolean;
  /** A lesson is running: small workspaces show every pair, so any connection can be predicted. */
  lesson: boolean;
  selectedEdge: { from: string; to: string } | null;
  collapsed: readonly string[];
  /** Namespace of each pod key (outside addresses have none). */
  namespaceOf: ReadonlyMap<string, string>;
  /** Which pods a policy isolates, per direction (absent: none). */
  isolation: ReadonlyMap<string, Isolation>;
  /** A selected policy: edges touching its target pods stay bright, the rest dim. */
  highlight: { targets: ReadonlySet<string>; peers: ReadonlySet<string> } | null;
  /** Connections gained and lost against a baseline, as `from->to` keys. */
  changes: { gained: ReadonlySet<string>; lost: ReadonlySet<string> } | null;
  /** Edges a learner marked as "will change" (lessons), as `from->to` keys. */
  predictions: ReadonlySet<string>;
  /** After a lesson's reveal: how each prediction (and each missed change) scored. */
  scored: boolean;
}

/** The mode actually drawn for this many pods. */
export function effectiveMode(
  mode: EdgeMode,
  podCount: number,
  selectedPod: string | null,
  lesson = false,
): DrawnMode {
  const wanted: DrawnMode = mode === 'auto' ? (lesson && podCount <= ALL_EDGES_LIMIT ? 'all' : 'map') : mode;
  if ((wanted === 'map' || wanted === 'all') && podCount > PAIR_EDGES_LIMIT)
    return selectedPod ? 'focus' : 'bundles';
  return wanted;
}

/** Per endpoint: every other endpoint may reach it (column) / it may reach every other (row). */
export function openEnds(result: MatrixResult): { openIn: Uint8Array; openOut: Uint8Array } {
  return result.ends ?? cellOpenEnds(result.cells);
}

interface Pair {
  i: number;
  j: number;
  verdict: Verdict;
}

/** Called for each pair drawn; pairs are visited by index, so nothing is allocated per pair. */
type Emit = (i: number, j: number, verdict: Verdict) => void;

/** Pairs the service map draws (indices into `result.keys`). */
export function mapPairs(result: MatrixResult, options: EdgeOptions): Pair[] {
  const pairs: Pair[] = [];
  forEachMapPair(result, options, (i, j, verdict) => pairs.push({ i, j, verdict }));
  return pairs;
}

/** Options with no focus, selection, baseline or lesson: what the service map always draws. */
export function unfocusedOptions(
  context: Pick<EdgeOptions, 'isolation' | 'namespaceOf'> & Partial<Pick<EdgeOptions, 'collapsed'>>,
): EdgeOptions {
  return {
    mode: 'auto',
    focusPod: null,
    focusNamespace: null,
    showBlocked: false,
    lesson: false,
    selectedEdge: null,
    collapsed: [],
    highlight: null,
    changes: null,
    predictions: new Set(),
    scored: false,
    ...context,
  };
}

/**
 * The connections the layout follows: the service map's unfocused pairs as node ids
 * (`pod:KEY`, `ext:ADDRESS`, or `ns:NAME` for a pod of a collapsed namespace).
 */
export function serviceMapLinks(
  result: MatrixResult,
  context: Pick<EdgeOptions, 'isolation' | 'namespaceOf' | 'collapsed'>,
): [string, string][] {
  const collapsed = new Set(context.collapsed);
  const nodeId = (key: string) => {
    const ns = context.namespaceOf.get(key);
    if (ns === undefined) return `ext:${key}`;
    return collapsed.has(ns) ? `ns:${ns}` : `pod:${key}`;
  };
  return mapPairs(result, unfocusedOptions(context)).map(({ i, j }): [string, string] => [
    nodeId(result.keys[i] ?? ''),
    nodeId(result.keys[j] ?? ''),
  ]);
}

/** Per endpoint: an isolated end that restricts who it talks to (not open to all), per direction. */
function shapingEnds(
  result: MatrixResult,
  options: EdgeOptions,
): { shapesIn: Uint8Array; shapesOut: Uint8Array } {
  const { openIn, openOut } = openEnds(result);
  const n = result.keys.length;
  const shapesIn = new Uint8Array(n);
  const shapesOut = new Uint8Array(n);
  result.keys.forEach((k, i) => {
    const iso = options.isolation.get(k);
    shapesIn[i] = iso?.ingress === true && openIn[i] !== 1 ? 1 : 0;
    shapesOut[i] = iso?.egress === true && openOut[i] !== 1 ? 1 : 0;
  });
  return { shapesIn, shapesOut };
}

/** Whether something is in focus (a pod, a namespace, a chosen edge, changed pairs). */
function focusing(options: EdgeOptions): boolean {
  const changes = options.changes ? options.changes.gained.size + options.changes.lost.size : 0;
  return (
    options.focusPod !== null ||
    options.focusNamespace !== null ||
    options.selectedEdge !== null ||
    changes > 0
  );
}

function forEachMapPair(result: MatrixResult, options: EdgeOptions, emit: Emit): void {
  const { keys, cells } = result;
  const n = keys.length;
  const ns = keys.map((k) => options.namespaceOf.get(k));
  const { shapesIn, shapesOut } = shapingEnds(result, options);
  const focus = options.focusPod ? keys.indexOf(options.focusPod) : -1;
  // The connection being explained stays drawn.
  const chosenFrom = options.selectedEdge ? keys.indexOf(options.selectedEdge.from) : -1;
  const chosenTo = options.selectedEdge ? keys.indexOf(options.selectedEdge.to) : -1;
  // Connections that changed (against a baseline, or by the last gesture) are always drawn.
  const changed = new Set<number>();
  if (options.changes) {
    const index = new Map(keys.map((k, i) => [k, i]));
    for (const key of [...options.changes.gained, ...options.changes.lost]) {
      const [from = '', to = ''] = key.split('->');
      const i = index.get(from);
      const j = index.get(to);
      if (i !== undefined && j !== undefined) changed.add(i * n + j);
    }
  }
  const anyFocus = focusing(options);
  const inFocus = (i: number, j: number): boolean =>
    (i === chosenFrom && j === chosenTo) ||
    changed.has(i * n + j) ||
    i === focus ||
    j === focus ||
    (options.focusNamespace !== null &&
      (ns[i] === options.focusNamespace) !== (ns[j] === options.focusNamespace));
  // A million pairs at 1,000 pods: the loop reads numbers only, a row at a time.
  const row = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const outside = ns[i] === undefined;
    cellRow(cells, i, row);
    for (let j = 0; j < n; j++) {
      if (i === j || (outside && ns[j] === undefined)) continue;
      if (row[j] === 1) {
        // Drawn when an isolated end restricts who it talks to and admits this one. Not drawn:
        // allowed by default (nothing isolates either end), or by an end that admits every
        // peer (its "open" badge says so).
        if (shapesIn[j] === 1 || shapesOut[i] === 1 || (anyFocus && inFocus(i, j))) emit(i, j, 'allowed');
      } else if (options.showBlocked || (anyFocus && inFocus(i, j))) emit(i, j, 'blocked');
    }
  }
}

interface EndpointGroups {
  /** Per key, the node its edges end at. */
  nodes: string[];
  /** Per key, a small number per node (for counting bundles), and per number: */
  group: Int32Array;
  groupIds: string[];
  isNamespace: Uint8Array;
}

let lastGroups: { args: readonly unknown[]; value: EndpointGroups } | null = null;

/**
 * Which node each endpoint's edges end at, once per keys, mode and focus: a keystroke keeps
 * the keys (the store keeps the array while they are the same), so it does not make a string
 * per pod again (~30 ms at 5,000 pods).
 */
function endpointGroups(
  keys: readonly string[],
  options: EdgeOptions,
  mode: DrawnMode,
  podCount: number,
): EndpointGroups {
  const args = [
    keys,
    options.namespaceOf,
    options.collapsed,
    options.focusPod,
    mode,
    podCount > PAIR_EDGES_LIMIT,
  ];
  if (lastGroups && lastGroups.args.every((a, i) => a === args[i])) return lastGroups.value;
  const collapsed = new Set(options.collapsed);
  const focusNs = options.focusPod ? options.namespaceOf.get(options.focusPod) : undefined;
  // At scale, the focused pod's connections to other namespaces are bundled per namespace.
  const bundleOtherNamespaces = mode === 'focus' && podCount > PAIR_EDGES_LIMIT;
  const nodeOf = (key: string): string => {
    const ns = options.namespaceOf.get(key);
    if (ns === undefined) return `ext:${key}`;
    if (mode === 'bundles' || collapsed.has(ns)) return `ns:${ns}`;
    if (bundleOtherNamespaces && key !== options.focusPod && ns !== focusNs) return `ns:${ns}`;
    return `pod:${key}`;
  };
  const nodes = keys.map(nodeOf);
  // Per endpoint, once: a small group number for counting bundles, and whether it is a
  // namespace node. The pair loop then only reads numbers (a million pairs at 1,000 pods).
  const groupOf = new Map<string, number>();
  const group = Int32Array.from(nodes, (id) => {
    if (!groupOf.has(id)) groupOf.set(id, groupOf.size);
    return groupOf.get(id) ?? 0;
  });
  const groupIds = [...groupOf.keys()];
  const isNamespace = Uint8Array.from(groupIds, (id) => (id.startsWith('ns:') ? 1 : 0));
  lastGroups = { args, value: { nodes, group, groupIds, isNamespace } };
  return lastGroups.value;
}

/** Every pair (`all`, `bundles`), or the focused pod's row and column (`focus`). */
function forEachPair(result: MatrixResult, options: EdgeOptions, mode: DrawnMode, emit: Emit): void {
  const { keys, cells } = result;
  const n = keys.length;
  const external = keys.map((k) => !options.namespaceOf.has(k));
  const visit = (i: number, j: number) => {
    if (i === j || (external[i] && external[j])) return;
    emit(i, j, cellAllowed(cells, i, j) ? 'allowed' : 'blocked');
  };
  const focus = options.focusPod ? keys.indexOf(options.focusPod) : -1;
  if (mode === 'focus') {
    if (focus >= 0)
      for (let k = 0; k < n; k++) {
        visit(focus, k);
        visit(k, focus);
      }
  } else for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) visit(i, j);
}

/** What is drawn for one truth table and focus, before styling (see {@link drawnPairs}). */
export interface DrawnPairs {
  readonly keys: readonly string[];
  /** Which admin tier decided each pair (see `MatrixResult.tiers`), when any did. */
  readonly tiers?: Uint8Array;
  readonly mode: DrawnMode;
  /** Node id each endpoint is drawn as (`pod:`, `ns:` or `ext:`). */
  readonly nodes: readonly string[];
  readonly pairs: readonly Pair[];
  /** Pairs drawn as one edge with two heads (the second of each is left out of `pairs`). */
  readonly both: ReadonlySet<Pair>;
  readonly bundles: readonly { from: string; to: string; allowed: number; blocked: number }[];
  /** Other namespaces whose bundles with the focused pod hold no connection a policy allows, not drawn. */
  readonly hiddenUnshaped: number;
}

/**
 * The scan of the truth table: which pairs and bundles are drawn. A million pairs at 1,000
 * pods, so it runs once per table and focus; `styleEdges` then styles only what is drawn
 * (a keystroke greys the edges by one class on the canvas, restyling none of them).
 */
export function drawnPairs(result: MatrixResult, podCount: number, options: EdgeOptions): DrawnPairs {
  const mode = effectiveMode(options.mode, podCount, options.focusPod, options.lesson);
  const { keys } = result;
  const { nodes, group, groupIds, isNamespace } = endpointGroups(keys, options, mode, podCount);
  const g = groupIds.length;
  const single = new Map<number, Pair>();
  const n = keys.length;
  // The service map at scale: bundles count every pair, but only those holding a connection
  // the map would draw appear (100 namespaces would otherwise be 10,000 bundles, a mesh
  // again). Chosen by name, "Namespace bundles" shows every namespace pair.
  const mapFilter = mode === 'bundles' && options.mode !== 'bundles';
  // Without a focus, one pass both counts the bundles and finds those the map would draw.
  const oneScan = mapFilter && !focusing(options);
  // The worker's list of the pairs the map draws: no pass over every pair of namespaces (a
  // million at 10,000 pods, with arrays of that size to allocate).
  const listed = oneScan && !options.showBlocked ? shapedBundles(result, group, isNamespace, groupIds) : null;
  // Counts per group pair (`(from * g + to) * 2`, then blocked): dense where every pair is
  // scanned, else only the pairs met.
  const dense = mode === 'bundles' && !listed ? new Int32Array(g * g * 2) : null;
  const sparse = mode === 'bundles' ? null : new Map<number, number>();
  const shown = mapFilter && !listed ? new Uint8Array(g * g) : null;
  // A focused pod at scale: which of its bundles hold a connection a policy allows.
  const shaped = mode === 'focus' && podCount > PAIR_EDGES_LIMIT ? new Set<number>() : null;
  if (dense) {
    // The worker's sums when it sent them; else one pass over the cells.
    const summed = bundlesFromSums(
      result,
      group,
      isNamespace,
      dense,
      oneScan && shown ? { shown, showBlocked: options.showBlocked } : null,
    );
    if (!summed)
      countBundles(
        result,
        group,
        isNamespace,
        dense,
        oneScan && shown
          ? { shown, ...shapingEnds(result, options), showBlocked: options.showBlocked }
          : null,
      );
  } else if (sparse) {
    const shapes = shaped ? shapingEnds(result, options) : null;
    const emit: Emit = (i, j, verdict) => {
      const gi = group[i] ?? 0;
      const gj = group[j] ?? 0;
      if (isNamespace[gi] === 1 || isNamespace[gj] === 1) {
        const at = (gi * g + gj) * 2 + (verdict === 'allowed' ? 0 : 1);
        if (gi !== gj) sparse.set(at, (sparse.get(at) ?? 0) + 1);
        if (
          shaped &&
          shapes &&
          verdict === 'allowed' &&
          (shapes.shapesIn[j] === 1 || shapes.shapesOut[i] === 1)
        )
          shaped.add(gi * g + gj);
      } else single.set(i * n + j, { i, j, verdict });
    };
    if (mode === 'map') forEachMapPair(result, options, emit);
    else forEachPair(result, options, mode, emit);
  }
  if (shown && !oneScan)
    forEachMapPair(result, options, (i, j) => {
      shown[(group[i] ?? 0) * g + (group[j] ?? 0)] = 1;
    });

  const pairs: Pair[] = [];
  const both = new Set<Pair>();
  for (const pair of single.values()) {
    const back = single.get(pair.j * n + pair.i);
    // The service map draws a pair allowed (or blocked) both ways as one edge with two heads.
    const twoWay = mode === 'map' && back !== undefined && back.verdict === pair.verdict;
    if (twoWay && pair.i > pair.j) continue;
    pairs.push(pair);
    if (twoWay) both.add(pair);
  }
  const bundles = listed ?? countedBundles(groupIds, dense ?? sparse ?? new Map(), shown, shaped);
  const focusNode = options.focusPod ? nodes[keys.indexOf(options.focusPod)] : undefined;
  const focused = shaped && focusNode ? leaveOutUnshaped(bundles, focusNode) : { bundles, hidden: 0 };
  const tiers = result.tiers ? { tiers: result.tiers } : {};
  return {
    keys,
    mode,
    nodes,
    pairs,
    both,
    bundles: focused.bundles,
    hiddenUnshaped: focused.hidden,
    ...tiers,
  };
}

/** The React Flow edges of what is drawn, styled for the current selection, baseline and lesson. */
export function styleEdges(drawn: DrawnPairs, options: EdgeOptions): Edge[] {
  const edges: Edge[] = drawn.pairs.map((pair) =>
    pairEdge(drawn.keys, drawn.nodes, pair, drawn.both.has(pair), options, tierOf(drawn, pair)),
  );
  for (const b of drawn.bundles) edges.push(bundleEdge(b.from, b.to, b.allowed, b.blocked));
  return edges;
}

export function buildEdges(result: MatrixResult | null, podCount: number, options: EdgeOptions): Edge[] {
  return result ? styleEdges(drawnPairs(result, podCount, options), options) : [];
}

function pairEdge(
  keys: readonly string[],
  nodes: readonly string[],
  pair: Pair,
  both: boolean,
  options: EdgeOptions,
  tier: 'admin' | 'baseline' | null = null,
): Edge {
  const from = keys[pair.i] ?? '';
  const to = keys[pair.j] ?? '';
  const { verdict } = pair;
  const focused = options.focusPod !== null;
  const touchesFocus = !focused || from === options.focusPod || to === options.focusPod;
  const highlighted = options.highlight
    ? options.highlight.targets.has(to) || options.highlight.targets.has(from)
    : true;
  // A selected namespace: the traffic crossing its boundary stays bright.
  const inside = (key: string) => options.namespaceOf.get(key) === options.focusNamespace;
  const crossing = options.focusNamespace === null || inside(from) !== inside(to);
  const dim = !touchesFocus || !highlighted || !crossing;
  const isSelected =
    (options.selectedEdge?.from === from && options.selectedEdge.to === to) ||
    (both && options.selectedEdge?.from === to && options.selectedEdge.to === from);
  const keyOf = (a: string, b: string) => `${a}->${b}`;
  const changeOf = (key: string) =>
    options.changes?.gained.has(key) ? 'gained' : options.changes?.lost.has(key) ? 'lost' : null;
  const change = changeOf(keyOf(from, to)) ?? (both ? changeOf(keyOf(to, from)) : null);
  const predicted = options.predictions.has(keyOf(from, to));
  // After a reveal: a predicted change is right, a predicted non-change wrong, an unpredicted change missed.
  const score = options.scored ? (predicted ? (change ? 'right' : 'wrong') : change ? 'missed' : null) : null;
  const colour = EDGE_COLOURS[verdict];
  // Arrowheads in canvas units, not stroke widths: a thick (changed) edge keeps normal heads.
  const marker = {
    type: MarkerType.ArrowClosed,
    width: 16,
    height: 16,
    color: colour,
    markerUnits: 'userSpaceOnUse',
  };
  const classes = [
    `verdict-${verdict}`,
    dim && !change && 'dimmed',
    isSelected && 'chosen',
    change && `diff-${change}`,
    predicted && !options.scored && 'predicted',
    score && `score-${score}`,
    both && 'both-ways',
    tier && `tier-${tier}`,
  ];
  return {
    id: both ? `${from}<->${to}` : keyOf(from, to),
    source: nodes[pair.i] ?? '',
    target: nodes[pair.j] ?? '',
    type: 'verdict',
    className: classes.filter(Boolean).join(' '),
    markerEnd: marker,
    ...(both ? { markerStart: marker } : {}),
    data: { both, ...(tier ? { tier } : {}) },
    // Focused edges above the rest, so hovering a pod never hides its own connections.
    zIndex: focused && touchesFocus ? 2 : 1,
    domAttributes: {
      'data-from': from,
      'data-to': to,
      'data-verdict': verdict,
      ...(both ? { 'data-both': 'true' } : {}),
      ...(change ? { 'data-change': change } : {}),
      ...(score ? { 'data-score': score } : {}),
      ...(tier ? { 'data-tier': tier } : {}),
    } as Record<string, string>,
    selected: isSelected,
  };
}

/**
 * Which admin tier decided a pair drawn as one edge (either direction of a two-headed edge):
 * the canvas then says so, since the namespaces' own policies did not.
 */
function tierOf(drawn: DrawnPairs, pair: Pair): 'admin' | 'baseline' | null {
  const { tiers, keys } = drawn;
  if (!tiers) return null;
  const n = keys.length;
  const mark = tiers[pair.i * n + pair.j] || (drawn.both.has(pair) ? tiers[pair.j * n + pair.i] : 0);
  return mark === 1 ? 'admin' : mark === 2 ? 'baseline' : null;
}
