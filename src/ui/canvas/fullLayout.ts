/**
 * The page's full layout (the store's `FullLayout`): ELK, in its own worker, along the
 * connections the service map draws; beyond what a layered layout does in a few seconds,
 * or with no connection to follow, the provisional grid.
 */
import type { EdgeRoutes } from '../../store/persistence';
import type { FullLayout, FullLayoutRequest } from '../../store/layoutSlice';
import type { WorkspaceAnalysis } from '../../store/workspaceAnalysis';
import { gridPositions } from '../../store/layout/computeLayout';
import type { Point } from '../../store/layout/computeLayout';
import { serviceMapLinks } from './buildEdges';
import { isolationFrom } from './buildFlow';
import { browserElk } from './elkBrowser';
import { layoutWithElk, tiedTogether } from './elkLayout';
import type { Routes } from './elkLayout';

/**
 * Up to this many pods and connections a full ELK layout runs; beyond, a grid. Measured
 * in Node (layered, orthogonal routes, compound frames): 30 pods and 34 connections
 * ~300 ms warm; 150 pods and 706 connections 31 s. Routing cost grows with connections.
 */
const ELK_POD_LIMIT = 100;
const ELK_LINK_LIMIT = 200;

/** Too many pods for ELK: the grid is the layout (and the connections need not be found). */
const gridOnly = (analysis: WorkspaceAnalysis): boolean => analysis.workspace.pods.length > ELK_POD_LIMIT;

const layOut = async ({ input, analysis, result, collapsed }: FullLayoutRequest) => {
  const { workspace, podIsolation } = analysis;
  if (gridOnly(analysis)) return { positions: gridPositions(input), routes: {} };
  const namespaceOf = new Map(workspace.pods.map((p) => [p.key as string, p.namespace]));
  const isolation = isolationFrom(workspace.pods, podIsolation);
  const links = serviceMapLinks(result, { isolation, namespaceOf, collapsed: [...collapsed] });
  if (links.length === 0 || links.length > ELK_LINK_LIMIT)
    return { positions: gridPositions(input), routes: {} };
  const { positions, routes } = await layoutWithElk(browserElk(), tiedTogether(input, links));
  return { positions, routes: routesWithEnds(routes, positions) };
};

export const elkFullLayout: FullLayout = Object.assign(layOut, { gridOnly });

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
