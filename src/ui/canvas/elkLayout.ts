/**
 * The full layout, by ELK (Eclipse Layout Kernel, `elkjs`), off the main thread: a
 * compound graph where namespaces are parents of their pods, laid out left to right
 * (layered) along the connections the service map draws, so a request flows from the
 * outside through the front end to the data. ELK keeps nodes and frames apart and sizes
 * each frame to its pods; the result is saved as positions (frames and outside nodes
 * absolute, pods relative to their frame, as React Flow wants them).
 */
import type { ELK, ElkNode } from 'elkjs/lib/elk-api.js';
import {
  EMPTY_FRAME,
  EXTERNAL_HEIGHT,
  EXTERNAL_WIDTH,
  GAP,
  HEADER,
  POD_HEIGHT,
  POD_WIDTH,
} from '../../store/layout/computeLayout';
import type { LayoutInput, Point, Positions } from '../../store/layout/computeLayout';

export interface ElkInput extends LayoutInput {
  /** Node-id pairs (`pod:KEY`, `ext:ADDRESS`, `ns:NAME` for a collapsed frame) to lay out along. */
  links: [string, string][];
}

const ROOT_OPTIONS = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  // Edges between pods of different namespaces shape the whole layout, not one frame.
  'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
  'elk.layered.spacing.nodeNodeBetweenLayers': String(GAP * 3),
  'elk.spacing.nodeNode': String(GAP),
  'elk.spacing.componentComponent': String(GAP * 2),
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.layered.crossingMinimization.forceNodeModelOrder': 'false',
  // Edges run at right angles around nodes, never through them; every point relative to the root.
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.json.edgeCoords': 'ROOT',
  'elk.padding': '[top=0,left=0,bottom=0,right=0]',
};

/** Room for the frame's title above its pods, and the same gap as between pods around them. */
const FRAME_PADDING = `[top=${HEADER},left=${GAP},bottom=${GAP},right=${GAP}]`;

/**
 * What ELK lays out: what the connections tie together. Frames and outside nodes that no
 * connection touches (empty namespaces, kube-system...) are left out and placed after
 * it, in rows beside the drawing (`layout.ts`), instead of widening it.
 */
export function tiedTogether(input: LayoutInput, links: [string, string][]): ElkInput {
  const frameOf = (id: string) => (id.startsWith('pod:') ? `ns:${id.slice(4).split('/')[0] ?? ''}` : id);
  const tied = new Set(links.flat().map(frameOf));
  return {
    namespaces: input.namespaces.filter((ns) => tied.has(`ns:${ns.name}`)),
    externals: input.externals.filter((address) => tied.has(`ext:${address}`)),
    links,
  };
}

/** The ELK graph for the canvas. */
export function toElkGraph(input: ElkInput): ElkNode {
  const known = new Set<string>();
  const children: ElkNode[] = input.namespaces.map((ns) => {
    const id = `ns:${ns.name}`;
    known.add(id);
    if (ns.collapsed) return { id, width: POD_WIDTH + 2 * GAP, height: HEADER + 20 };
    if (ns.pods.length === 0) return { id, ...EMPTY_FRAME };
    return {
      id,
      layoutOptions: { 'elk.padding': FRAME_PADDING },
      children: ns.pods.map((key) => {
        known.add(`pod:${key}`);
        return { id: `pod:${key}`, width: POD_WIDTH, height: POD_HEIGHT };
      }),
    };
  });
  for (const address of input.externals) {
    known.add(`ext:${address}`);
    children.push({ id: `ext:${address}`, width: EXTERNAL_WIDTH, height: EXTERNAL_HEIGHT });
  }
  const seen = new Set<string>();
  const edges = input.links
    .filter(([a, b]) => a !== b && known.has(a) && known.has(b))
    .filter(([a, b]) => !seen.has(`${a}\n${b}`) && seen.add(`${a}\n${b}`) !== undefined)
    .map(([a, b]) => ({ id: `${a}->${b}`, sources: [a], targets: [b] }));
  return { id: 'root', layoutOptions: ROOT_OPTIONS, children, edges: [...edges, ...orderingEdges(input)] };
}

/**
 * Invisible edges for what no connection places. A layered layout puts unconnected
 * nodes in one layer, a single tall column: frames nobody connects are chained left to
 * right instead, and a frame's unconnected pods (four or more) fill two columns.
 */
function orderingEdges(input: ElkInput): { id: string; sources: string[]; targets: string[] }[] {
  const linked = new Set(input.links.flat());
  const frameOf = (id: string) => (id.startsWith('pod:') ? `ns:${id.slice(4).split('/')[0] ?? ''}` : id);
  const linkedTop = new Set([...linked].map(frameOf));
  const loose = [
    ...input.namespaces.map((ns) => `ns:${ns.name}`),
    ...input.externals.map((a) => `ext:${a}`),
  ].filter((id) => !linkedTop.has(id));
  const out = loose.slice(1).map((id, i) => ({
    id: `order:${loose[i] ?? ''}->${id}`,
    sources: [loose[i] ?? ''],
    targets: [id],
  }));
  for (const ns of input.namespaces) {
    if (ns.collapsed) continue;
    const pods = ns.pods.map((k) => `pod:${k}`).filter((id) => !linked.has(id));
    if (pods.length < 4) continue;
    const half = Math.ceil(pods.length / 2);
    for (let i = 0; i + half < pods.length; i++)
      out.push({
        id: `order:${pods[i] ?? ''}->${pods[i + half] ?? ''}`,
        sources: [pods[i] ?? ''],
        targets: [pods[i + half] ?? ''],
      });
  }
  return out;
}

/** Positions from ELK's answer: top-level nodes absolute, pods relative to their frame. */
export function positionsOf(graph: ElkNode): Positions {
  const out: Positions = {};
  for (const child of graph.children ?? []) {
    out[child.id] = { x: Math.round(child.x ?? 0), y: Math.round(child.y ?? 0) };
    for (const pod of child.children ?? [])
      out[pod.id] = { x: Math.round(pod.x ?? 0), y: Math.round(pod.y ?? 0) };
  }
  return out;
}

/** Edge routes by `SOURCE->TARGET` node ids: the points of each polyline, in root coordinates. */
export type Routes = Record<string, Point[]>;

/** ELK's edge routes: start point, bend points, end point. */
export function routesOf(graph: ElkNode): Routes {
  const out: Routes = {};
  for (const edge of graph.edges ?? []) {
    if (edge.id.startsWith('order:')) continue;
    const section = edge.sections?.[0];
    if (!section) continue;
    out[edge.id] = [section.startPoint, ...(section.bendPoints ?? []), section.endPoint].map((p) => ({
      x: Math.round(p.x),
      y: Math.round(p.y),
    }));
  }
  return out;
}

/** Runs the layout with `elk` (a worker-backed instance in the browser, the bundled one in tests). */
export async function layoutWithElk(
  elk: ELK,
  input: ElkInput,
): Promise<{ positions: Positions; routes: Routes }> {
  const graph = await elk.layout(toElkGraph(input));
  return { positions: positionsOf(graph), routes: routesOf(graph) };
}
