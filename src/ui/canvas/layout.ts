/**
 * Where things go on the canvas. Namespace frames and outside nodes are arranged by
 * dagre (top to bottom along the allowed connections) the first time, or when the user
 * asks for a new layout; after that, positions are kept (view state, persisted), so
 * an edit only places what is new: a new pod takes the next free slot of its frame, a
 * new frame goes to the right of the others. Dragged positions are never overridden.
 */
import dagre from '@dagrejs/dagre';

export const POD_WIDTH = 210;
export const POD_HEIGHT = 92;
export const EXTERNAL_WIDTH = 190;
export const EXTERNAL_HEIGHT = 56;
export const GAP = 24;
export const HEADER = 38;
const PODS_PER_ROW = 2;
const COLLAPSED = { width: POD_WIDTH + 2 * GAP, height: HEADER + 28 };

export interface Point {
  x: number;
  y: number;
}

export interface Box extends Point {
  width: number;
  height: number;
}

/** Saved positions by node id: `ns:NAME` and `ext:ADDRESS` absolute, `pod:KEY` relative to its frame. */
export type Positions = Record<string, Point>;

export interface LayoutInput {
  namespaces: { name: string; pods: string[]; collapsed: boolean }[];
  externals: string[];
  /** Frame/external ids that have at least one allowed connection, for dagre's ordering (asked only when dagre runs). */
  links: () => [string, string][];
}

export interface Layout {
  frames: Record<string, Box>;
  pods: Record<string, Point>;
  externals: Record<string, Point>;
  /** Positions that were computed now (not saved before): the caller saves them. */
  placed: Positions;
}

const overlaps = (a: Point, b: Point) => Math.abs(a.x - b.x) < POD_WIDTH && Math.abs(a.y - b.y) < POD_HEIGHT;

function slot(i: number): Point {
  return {
    x: GAP + (i % PODS_PER_ROW) * (POD_WIDTH + GAP),
    y: HEADER + Math.floor(i / PODS_PER_ROW) * (POD_HEIGHT + GAP),
  };
}

export function computeLayout(input: LayoutInput, saved: Positions): Layout {
  const placed: Positions = {};
  const pods: Record<string, Point> = {};
  const sizes: Record<string, { width: number; height: number }> = {};

  for (const ns of input.namespaces) {
    const taken: Point[] = [];
    const fresh: string[] = [];
    for (const key of ns.pods) {
      const at = saved[`pod:${key}`];
      if (at) {
        pods[key] = at;
        taken.push(at);
      } else fresh.push(key);
    }
    let i = 0;
    for (const key of fresh) {
      let candidate = slot(i);
      while (taken.some((t) => overlaps(t, candidate))) candidate = slot(++i);
      pods[key] = candidate;
      taken.push(candidate);
      placed[`pod:${key}`] = candidate;
    }
    const right = Math.max(POD_WIDTH + GAP, ...taken.map((p) => p.x + POD_WIDTH)) + GAP;
    const bottom = Math.max(HEADER + POD_HEIGHT, ...taken.map((p) => p.y + POD_HEIGHT)) + GAP;
    sizes[`ns:${ns.name}`] = ns.collapsed ? COLLAPSED : { width: right, height: bottom };
  }
  for (const address of input.externals)
    sizes[`ext:${address}`] = { width: EXTERNAL_WIDTH, height: EXTERNAL_HEIGHT };

  const ids = Object.keys(sizes);
  const missing = ids.filter((id) => !saved[id]);
  const positions: Positions = {};
  for (const id of ids) if (saved[id]) positions[id] = saved[id];
  if (missing.length === ids.length) Object.assign(positions, arrangeWithDagre(ids, sizes, input.links()));
  else placeToTheRight(missing, sizes, positions);
  for (const id of missing) if (positions[id]) placed[id] = positions[id];

  const frames: Record<string, Box> = {};
  const externals: Record<string, Point> = {};
  for (const id of ids) {
    const at = positions[id] ?? { x: 0, y: 0 };
    const size = sizes[id] ?? COLLAPSED;
    if (id.startsWith('ns:')) frames[id.slice(3)] = { ...at, ...size };
    else externals[id.slice(4)] = at;
  }
  return { frames, pods, externals, placed };
}

function arrangeWithDagre(
  ids: string[],
  sizes: Record<string, { width: number; height: number }>,
  links: [string, string][],
): Positions {
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({ rankdir: 'TB', nodesep: 50, ranksep: 70, marginx: 0, marginy: 0 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const id of ids) graph.setNode(id, { ...sizes[id] });
  for (const [a, b] of links) if (a !== b && graph.hasNode(a) && graph.hasNode(b)) graph.setEdge(a, b);
  dagre.layout(graph);
  const out: Positions = {};
  for (const id of ids) {
    const node = graph.node(id) as { x: number; y: number; width: number; height: number } | undefined;
    // dagre gives centres; React Flow positions are top-left corners.
    if (node) out[id] = { x: Math.round(node.x - node.width / 2), y: Math.round(node.y - node.height / 2) };
  }
  return out;
}

/** New frames and outside nodes go in a column to the right of everything placed. */
function placeToTheRight(
  missing: string[],
  sizes: Record<string, { width: number; height: number }>,
  positions: Positions,
): void {
  const boxes = Object.entries(positions).map(([id, p]) => ({ ...p, ...(sizes[id] ?? COLLAPSED) }));
  const right = Math.max(0, ...boxes.map((b) => b.x + b.width)) + GAP * 3;
  let y = Math.min(...boxes.map((b) => b.y), 0);
  for (const id of missing) {
    positions[id] = { x: right, y };
    y += (sizes[id]?.height ?? COLLAPSED.height) + GAP * 2;
  }
}
