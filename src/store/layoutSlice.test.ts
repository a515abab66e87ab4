import { describe, expect, it, vi } from 'vitest';
import type { AnalysisClient } from '../worker/client';
import { createAnalyzer } from '../worker/createAnalyzer';
import { createAppStore } from './appStore';
import { createLayoutPlanner } from './layoutSlice';
import type { FullLayout } from './layoutSlice';
import { memoryStorage } from './persistence';

function inlineClient(): AnalysisClient {
  const analyzer = createAnalyzer();
  return {
    analyze: (request) => Promise.resolve({ seq: request.seq, result: analyzer.analyze(request), millis: 0 }),
    dispose: () => undefined,
  };
}

const pod = (ns: string, name: string) =>
  `---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  namespace: ${ns}\n  labels:\n    app: ${name}\n`;
const TWO = `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n${pod('shop', 'web')}${pod('shop', 'api')}`;

/** A store over `text`, not started yet (a test may subscribe first). */
function create(text: string, fullLayout?: FullLayout) {
  const storage = memoryStorage();
  const store = createAppStore({
    client: inlineClient(),
    initialText: text,
    storage,
    saveDelayMs: 0,
    fullLayout,
  });
  return { store, storage };
}

function open(text: string, fullLayout?: FullLayout) {
  const opened = create(text, fullLayout);
  opened.store.getState().start();
  return opened;
}

describe('the layout slice', () => {
  it('lays out a workspace with no positions once the worker has read it, off the render path', async () => {
    const requests: string[][] = [];
    const { store } = open(TWO, ({ input }) => {
      requests.push(input.namespaces.flatMap((ns) => ns.pods));
      return Promise.resolve({
        positions: {
          'ns:shop': { x: 100, y: 50 },
          'pod:shop/web': { x: 20, y: 44 },
          'pod:shop/api': { x: 300, y: 44 },
        },
        routes: {},
      });
    });
    expect(store.getState().layoutPending).toBe(false);
    await vi.waitFor(() => expect(store.getState().positions['pod:shop/api']).toEqual({ x: 300, y: 44 }));
    expect(requests).toEqual([['shop/web', 'shop/api']]);
    expect(store.getState().layout.frames['shop']).toMatchObject({ x: 100, y: 50 });
    expect(store.getState().layout.fresh).toBe(false);
    expect(store.getState().layoutPending).toBe(false);
  });

  it('places only what an edit adds, saved in the same update, and keeps a dragged node where it was dropped', async () => {
    const { store } = open(TWO);
    await vi.waitFor(() => expect(store.getState().positions['pod:shop/api']).toBeDefined());
    const before = store.getState().positions;
    let updates = 0;
    store.subscribe((s, p) => {
      if (s.positions !== p.positions) updates++;
    });
    store.getState().setText(`${store.getState().text}${pod('shop', 'db')}`, 'editor');
    await vi.waitFor(() => expect(store.getState().positions['pod:shop/db']).toBeDefined());
    expect(updates).toBe(1);
    expect(store.getState().positions['pod:shop/web']).toEqual(before['pod:shop/web']);
    expect(store.getState().layout.pods['shop/db']).toEqual(store.getState().positions['pod:shop/db']);

    // Dropped onto another pod: the dropped one stays, the other is pushed away.
    const web = store.getState().positions['pod:shop/web'];
    if (!web) throw new Error('no position for web');
    store.getState().placeNode('pod:shop/api', web);
    expect(store.getState().pinned).toBe('pod:shop/api');
    expect(store.getState().layout.pods['shop/api']).toEqual(web);
    expect(store.getState().layout.pods['shop/web']).not.toEqual(web);
  });

  it('saves the grid in the update that draws it when the full layout would be the grid', async () => {
    let asked = 0;
    const fullLayout: FullLayout = Object.assign(
      () => {
        asked++;
        return Promise.reject(new Error('not asked for a grid-only workspace'));
      },
      { gridOnly: () => true },
    );
    const { store } = create(TWO, fullLayout);
    const layouts: { fresh: boolean; saved: boolean }[] = [];
    store.subscribe((s, p) => {
      if (s.layout !== p.layout)
        layouts.push({ fresh: s.layout.fresh, saved: s.positions['pod:shop/web'] !== undefined });
    });
    store.getState().start();
    await vi.waitFor(() => expect(store.getState().evaluation.status.kind).toBe('done'));
    // One layout, drawn and saved together: no provisional grid replaced by the same grid.
    expect(layouts).toEqual([{ fresh: false, saved: true }]);
    expect(store.getState().layoutPending).toBe(false);
    expect(store.getState().positions['pod:shop/web']).toEqual(store.getState().layout.pods['shop/web']);
    expect(store.getState().positions['ns:shop']).toMatchObject({
      x: store.getState().layout.frames['shop']?.x,
    });
    expect(asked).toBe(0);
  });

  it('lays out a replacing file on its own, keeping nothing of the workspace it replaces', async () => {
    const fullLayout: FullLayout = Object.assign(
      ({ input }: { input: { namespaces: { name: string }[] } }) =>
        Promise.resolve({
          positions: Object.fromEntries(
            input.namespaces.map((ns, i) => [`ns:${ns.name}`, { x: 1000 * i, y: 0 }]),
          ),
          routes: {},
        }),
      // Above two pods the grid is the layout.
      {
        gridOnly: (analysis: { workspace: { pods: readonly unknown[] } }) =>
          analysis.workspace.pods.length > 2,
      },
    );
    const big = `${pod('default', 'a')}${pod('default', 'b')}${pod('shop', 'c')}${pod('shop', 'd')}`;
    const { store } = open(big, fullLayout);
    await vi.waitFor(() => expect(store.getState().positions['pod:shop/c']).toBeDefined());
    // Replaced by a small workspace: its full layout runs, and the old positions are gone.
    store.getState().offerImport(`${pod('default', 'z')}${pod('other', 'y')}`, ['small.yaml']);
    store.getState().resolveImport('replace');
    await vi.waitFor(() => expect(store.getState().positions['ns:other']).toEqual({ x: 1000, y: 0 }));
    expect(store.getState().positions['pod:shop/c']).toBeUndefined();
    expect(store.getState().positions['ns:default']).toEqual({ x: 0, y: 0 });
  });

  it('falls back to the grid when the full layout fails, and saves it', async () => {
    const { store, storage } = open(TWO, () => Promise.reject(new Error('no ELK here')));
    await vi.waitFor(() => expect(store.getState().positions['pod:shop/web']).toBeDefined());
    expect(store.getState().layoutPending).toBe(false);
    const saved = storage.keys().find((k) => k.includes(':workspace:'));
    expect(storage.getItem(saved ?? '')).toContain('pod:shop/web');
  });
});

describe('the layout planner', () => {
  const model = (names: string[], addresses: string[] = []) => ({
    workspace: {
      pods: names.map((key) => ({ key, namespace: key.split('/')[0] ?? '' })),
      namespaces: [...new Set(names.map((key) => key.split('/')[0] ?? ''))].map((name) => ({ name })),
    },
    externals: addresses.map((address) => ({ address })),
  });
  const view = { collapsed: [] as string[], positions: {}, pinned: null };
  type Laid = Parameters<ReturnType<typeof createLayoutPlanner>['plan']>[0];
  const laid = (m: ReturnType<typeof model>) => m as unknown as Laid;

  it('keeps the layout of the same lists and view state, computed once', () => {
    const planner = createLayoutPlanner();
    const shop = laid(model(['shop/web', 'shop/api'], ['10.0.0.0/8']));
    const first = planner.plan(shop, view);
    expect(first.layout().pods['shop/api']).toBeDefined();
    // The store's next update of the same answer: the layout computed ahead is the one used.
    const again = planner.plan({ ...shop, externals: [{ address: '10.0.0.0/8' }] } as Laid, { ...view });
    expect(again.layout()).toBe(first.layout());
    expect(again.positions()).toBe(first.positions());
    expect(first.positions()['pod:shop/web']).toEqual(first.layout().pods['shop/web']);
  });

  it('lays out again when a list, an outside address or the view state changes', () => {
    const planner = createLayoutPlanner();
    const shop = laid(model(['shop/web', 'shop/api'], ['10.0.0.0/8']));
    const first = planner.plan(shop, view).layout();
    const other = laid(model(['shop/web', 'shop/api'], ['10.0.0.0/8']));
    expect(planner.plan(other, view).layout()).not.toBe(first);
    const moved = { ...view, positions: { 'ns:shop': { x: 500, y: 40 } } };
    expect(planner.plan(other, moved).layout().frames['shop']).toMatchObject({ x: 500, y: 40 });
    const address = { ...other, externals: [{ address: '192.168.0.0/16' }] } as Laid;
    expect(planner.plan(address, moved).layout().externals['192.168.0.0/16']).toBeDefined();
    const folded = { ...moved, collapsed: ['shop'] };
    expect(planner.plan(address, folded).input.namespaces[0]?.collapsed).toBe(true);
  });
});
