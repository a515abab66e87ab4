/**
 * Layout as view state, computed in the store, never while rendering: whenever the model,
 * the positions, the collapsed namespaces or the node dragged last change, the layout is
 * computed again (only what is new is placed; see `layout/computeLayout.ts`) and what it
 * placed is saved in the same update. When nothing has a position yet, a full layout is
 * asked of `fullLayout` (ELK in the page, injected by the composition root) once the
 * worker's answer for the current text is in.
 */
import type { StateCreator, StoreApi } from 'zustand/vanilla';
import type { AppState, Positions } from './appStore';
import type { MatrixResult } from './analysisTypes';
import { computeLayout, gridPositions, layoutPositions, sameLayoutInput } from './layout/computeLayout';
import type { Layout, LayoutInput, Point } from './layout/computeLayout';
import type { EdgeRoutes } from './persistence';
import type { WorkspaceAnalysis } from './workspaceAnalysis';

/** What a full layout is made from: what to place, and the model and table to follow. */
export interface FullLayoutRequest {
  input: LayoutInput;
  analysis: WorkspaceAnalysis;
  result: MatrixResult;
  collapsed: readonly string[];
}

/** A full layout: every position, and the edge routes it drew. */
export interface FullLayout {
  (request: FullLayoutRequest): Promise<{ positions: Positions; routes: EdgeRoutes }>;
  /**
   * Whether the full layout of this workspace would be the provisional grid (too large for
   * a layered layout): then the grid is saved in the update that draws it, with no second
   * layout and no second drawing.
   */
  readonly gridOnly?: (analysis: WorkspaceAnalysis) => boolean;
}

/** With no layout engine (headless tests): the provisional grid is the layout. */
export const gridLayout: FullLayout = Object.assign(
  ({ input }: FullLayoutRequest) => Promise.resolve({ positions: gridPositions(input), routes: {} }),
  { gridOnly: () => true },
);

export interface LayoutSlice {
  positions: Positions;
  /** Edge routes of the last full layout (see `EdgeRoutes`). */
  routes: EdgeRoutes;
  collapsed: string[];
  /** Where everything is drawn now (frames, pods relative to their frame, outside nodes). */
  layout: Layout;
  /** A full layout is on its way: the canvas shows the provisional grid meanwhile. */
  layoutPending: boolean;
  /** The node the user dragged last: it keeps its place when others are pushed apart. */
  pinned: string | null;
  mergePositions: (positions: Positions) => void;
  /** A node dropped where the user let go of it (it is pinned there). */
  placeNode: (id: string, position: Point) => void;
  /** A full layout's result: every position, and its edge routes. */
  applyLayout: (positions: Positions, routes: EdgeRoutes) => void;
  /** Forgets every position: the canvas is laid out afresh. */
  resetLayout: () => void;
  toggleCollapsed: (namespace: string) => void;
}

type Set = StoreApi<AppState>['setState'];

const EMPTY_INPUT: LayoutInput = { namespaces: [], externals: [] };

export function createLayoutSlice(
  set: Set,
  start: { positions?: Positions; routes?: EdgeRoutes; collapsed?: string[] },
): LayoutSlice {
  const positions = start.positions ?? {};
  return {
    positions,
    routes: start.routes ?? {},
    collapsed: start.collapsed ?? [],
    layout: computeLayout(EMPTY_INPUT, positions),
    layoutPending: false,
    pinned: null,
    mergePositions(placed) {
      set((s) => ({ positions: { ...s.positions, ...placed } }));
    },
    placeNode(id, position) {
      set((s) => ({ pinned: id, positions: { ...s.positions, [id]: position } }));
    },
    applyLayout(placed, routes) {
      set((s) => ({ positions: { ...s.positions, ...placed }, routes }));
    },
    resetLayout() {
      set((s) => ({ positions: {}, routes: {}, fitRequest: s.fitRequest + 1 }));
    },
    toggleCollapsed(namespace) {
      set((s) => ({
        collapsed: s.collapsed.includes(namespace)
          ? s.collapsed.filter((n) => n !== namespace)
          : [...s.collapsed, namespace],
      }));
    },
  };
}

/** What the layout places: the model's namespaces with their pods, and the outside nodes. */
export function layoutInputOf(analysis: LaidOut, collapsed: readonly string[]): LayoutInput {
  const podsOf = new Map<string, string[]>();
  for (const pod of analysis.workspace.pods) {
    const list = podsOf.get(pod.namespace);
    if (list) list.push(pod.key);
    else podsOf.set(pod.namespace, [pod.key]);
  }
  return {
    namespaces: analysis.workspace.namespaces.map((ns) => ({
      name: ns.name,
      pods: podsOf.get(ns.name) ?? [],
      collapsed: collapsed.includes(ns.name),
    })),
    externals: analysis.externals.map((e) => e.address),
  };
}

/** What of a model the layout places. */
type LaidOut = Pick<WorkspaceAnalysis, 'workspace' | 'externals'>;

/** What the layout is computed from besides the model: the view state. */
type LayoutSource = Pick<AppState, 'collapsed' | 'positions' | 'pinned'>;

/** The layout of one model and view state, each part computed when first asked for. */
interface LayoutPlan {
  input: LayoutInput;
  layout(): Layout;
  /** Every position of the layout (`layoutPositions`). */
  positions(): Positions;
}

/**
 * The layout of the model and view state asked for last, kept: a large file's answer is laid
 * out in the task that receives it (`ahead`), and the update that draws it, in a task of its
 * own, finds the layout done (at 10,000 pods ~55 ms, which made that task the longest of the
 * open). Keyed by the lists' identity (they keep it while unchanged, workspaceWire.ts).
 */
export function createLayoutPlanner() {
  let last: (LayoutPlan & { lists: readonly unknown[]; source: LayoutSource }) | null = null;
  const plan = (parsed: LaidOut, source: LayoutSource): LayoutPlan => {
    const lists = [parsed.workspace.pods, parsed.workspace.namespaces];
    if (
      last &&
      last.lists.every((list, i) => list === lists[i]) &&
      sameAddresses(last.input.externals, parsed.externals) &&
      last.source.collapsed === source.collapsed &&
      last.source.positions === source.positions &&
      last.source.pinned === source.pinned
    )
      return last;
    const input = layoutInputOf(parsed, source.collapsed);
    let layout: Layout | undefined;
    let positions: Positions | undefined;
    const made = {
      lists,
      source: { collapsed: source.collapsed, positions: source.positions, pinned: source.pinned },
      input,
      layout: () => (layout ??= computeLayout(input, source.positions, source.pinned)),
      positions: () => (positions ??= layoutPositions(made.layout())),
    };
    last = made;
    return made;
  };
  return {
    plan,
    /** Lays `parsed` out now for the store's view state, as the update that draws it will. */
    ahead(parsed: LaidOut, source: LayoutSource): void {
      const planned = plan(parsed, source);
      if (planned.layout().fresh) planned.positions();
    },
  };
}

export type LayoutPlanner = ReturnType<typeof createLayoutPlanner>;

function sameAddresses(addresses: readonly string[], externals: readonly { address: string }[]): boolean {
  return addresses.length === externals.length && externals.every((e, i) => e.address === addresses[i]);
}

/**
 * Keeps `layout` current, as a middleware around the store's `set`: every update that
 * changes what the layout depends on carries the new layout and the positions it placed
 * (one update: no second render, no second autosave), and a full layout is started when
 * nothing had a position and the worker's answer for the current text is in. `planner`:
 * where the store lays a model out ahead of the update.
 */
export function withLayout(
  fullLayout: FullLayout,
  planner: LayoutPlanner = createLayoutPlanner(),
): (config: StateCreator<AppState>) => StateCreator<AppState> {
  return (config) => (set, get, api) => {
    let input = EMPTY_INPUT;
    /** The input a full layout is running for (one at a time). */
    let running: LayoutInput | null = null;

    const patchFor = (previous: AppState, next: AppState): Partial<AppState> | null => {
      // The workspace's lists keep their identity while unchanged (workspaceWire.ts).
      const [was, now] = [previous.parsed.workspace, next.parsed.workspace];
      if (
        now.pods === was.pods &&
        now.namespaces === was.namespaces &&
        next.parsed.externals === previous.parsed.externals &&
        next.collapsed === previous.collapsed &&
        next.positions === previous.positions &&
        next.pinned === previous.pinned
      )
        return null;
      const planned = planner.plan(next.parsed, next);
      const inputChanged = !sameLayoutInput(planned.input, input);
      if (inputChanged) input = planned.input;
      // Most keystrokes change no pod or namespace: the layout stays as it is.
      if (!inputChanged && next.positions === previous.positions && next.pinned === previous.pinned)
        return null;
      // Laid out from the plan's input, which places the same things as `input`.
      const layout = planned.layout();
      // When the answer for the current text comes in (Replace clears the positions while the
      // workspace it replaces is still the one read; Auto layout goes the usual way).
      const answered = next.parsed !== previous.parsed && next.parsed.text === next.text;
      if (layout.fresh && answered && fullLayout.gridOnly?.(next.parsed))
        return {
          layout: { ...layout, fresh: false },
          layoutPending: running !== null,
          positions: merged(next.positions, planned.positions()),
          routes: {},
        };
      const placed = Object.keys(layout.placed).length > 0;
      return {
        layout,
        layoutPending: running !== null || layout.fresh,
        // Saved at once, so the next edit does not move them.
        ...(placed ? { positions: merged(next.positions, layout.placed) } : {}),
      };
    };

    const runFull = (state: AppState): void => {
      const { parsed, text, evaluation, layout } = state;
      const result = evaluation.status.kind === 'done' ? evaluation.result : null;
      if (!layout.fresh || parsed.text !== text || !result || running === input) return;
      if (input.namespaces.length + input.externals.length === 0) return;
      const request = { input, analysis: parsed, result, collapsed: state.collapsed };
      running = input;
      fullLayout(request)
        .catch(() => gridLayout(request))
        .then(({ positions, routes }) => {
          if (running !== request.input) return;
          running = null;
          const now = get();
          // Too late: other text was opened meanwhile, or something was placed by hand.
          if (now.text !== text || !computeLayout(request.input, now.positions).fresh) {
            wrapped({ layoutPending: now.layout.fresh });
            return;
          }
          now.applyLayout(positions, routes);
        })
        .catch(() => {
          running = null;
          wrapped({ layoutPending: get().layout.fresh });
        });
    };

    const wrapped = ((partial: Partial<AppState> | ((state: AppState) => Partial<AppState>)) => {
      const previous = get();
      const update = typeof partial === 'function' ? partial(previous) : partial;
      const patch = patchFor(previous, { ...previous, ...update });
      set(patch ? { ...update, ...patch } : update);
      runFull(get());
    }) as typeof set;
    api.setState = wrapped;
    return config(wrapped, get, api);
  };
}

/**
 * `positions` with `added` over them; `added` itself when there were none (a file opened:
 * copying 10,000 positions into a spread took ~20 ms of the first answer's task in a trace).
 */
function merged<T>(positions: Record<string, T>, added: Record<string, T>): Record<string, T> {
  for (const _ in positions) return { ...positions, ...added };
  return added;
}
