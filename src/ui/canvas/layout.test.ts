import ELK from 'elkjs/lib/elk.bundled.js';
import { describe, expect, it } from 'vitest';
import { layoutWithElk, tiedTogether } from './elkLayout';
import type { ElkInput } from './elkLayout';
import { computeLayout, HEADER, overlaps, POD_HEIGHT, POD_WIDTH } from '../../store/layout/computeLayout';
import type { Box, Layout, LayoutInput, Positions } from '../../store/layout/computeLayout';

const elk = new ELK();

/** Every pod box in absolute coordinates, and every top-level box. */
function boxesOf(layout: Layout): { top: (Box & { id: string })[]; pods: (Box & { id: string })[] } {
  const top = Object.entries(layout.frames).map(([id, b]) => ({ id: `ns:${id}`, ...b }));
  for (const [id, p] of Object.entries(layout.externals))
    top.push({ id: `ext:${id}`, ...p, width: 190, height: 56 });
  return {
    top,
    pods: Object.entries(layout.pods).map(([id, p]) => ({ id, ...p, width: POD_WIDTH, height: POD_HEIGHT })),
  };
}

function expectNoOverlap(boxes: (Box & { id: string })[]): void {
  for (const a of boxes)
    for (const b of boxes) if (a.id < b.id) expect(overlaps(a, b), `${a.id} overlaps ${b.id}`).toBe(false);
}

function expectTidy(input: LayoutInput, layout: Layout): void {
  const { top } = boxesOf(layout);
  expectNoOverlap(top);
  for (const ns of input.namespaces) {
    const frame = layout.frames[ns.name];
    if (!frame || ns.collapsed) continue;
    const pods = ns.pods.map((k) => ({
      id: k,
      ...(layout.pods[k] ?? { x: 0, y: 0 }),
      width: POD_WIDTH,
      height: POD_HEIGHT,
    }));
    expectNoOverlap(pods);
    for (const p of pods) {
      expect(p.y).toBeGreaterThanOrEqual(HEADER);
      expect(p.x + p.width).toBeLessThanOrEqual(frame.width);
      expect(p.y + p.height).toBeLessThanOrEqual(frame.height);
    }
  }
}

const shop: ElkInput = {
  namespaces: [
    { name: 'web', pods: ['web/frontend', 'web/loadgen'], collapsed: false },
    {
      name: 'shop',
      pods: ['shop/cart', 'shop/checkout', 'shop/currency', 'shop/payment', 'shop/email'],
      collapsed: false,
    },
    { name: 'data', pods: ['data/redis'], collapsed: false },
  ],
  externals: ['198.51.100.10'],
  links: [
    ['ext:198.51.100.10', 'pod:web/frontend'],
    ['pod:web/loadgen', 'pod:web/frontend'],
    ['pod:web/frontend', 'pod:shop/cart'],
    ['pod:web/frontend', 'pod:shop/checkout'],
    ['pod:shop/checkout', 'pod:shop/payment'],
    ['pod:shop/checkout', 'pod:shop/email'],
    ['pod:shop/checkout', 'pod:shop/currency'],
    ['pod:shop/cart', 'pod:data/redis'],
  ],
};

describe('layout', () => {
  it('ELK lays out frames and pods with no overlap, left to right along the connections', async () => {
    const { positions, routes } = await layoutWithElk(elk, shop);
    const layout = computeLayout(shop, positions);
    expect(layout.fresh).toBe(false);
    expectTidy(shop, layout);
    const x = (ns: string) => layout.frames[ns]?.x ?? NaN;
    expect(x('web')).toBeLessThan(x('shop'));
    expect(x('shop')).toBeLessThan(x('data'));
    // Every connection has a route that starts and ends on its nodes' borders.
    expect(Object.keys(routes)).toHaveLength(shop.links.length);
    const route = routes['pod:shop/cart->pod:data/redis'] ?? [];
    const redis = layout.frames.data;
    expect(route.at(-1)?.x).toBe((redis?.x ?? 0) + (layout.pods['data/redis']?.x ?? 0));
  });

  it('with no connection at all, frames go left to right and many pods fill two columns', async () => {
    const input: ElkInput = {
      namespaces: [
        { name: 'a', pods: ['a/1', 'a/2', 'a/3', 'a/4', 'a/5'], collapsed: false },
        { name: 'b', pods: ['b/1'], collapsed: false },
        { name: 'c', pods: ['c/1'], collapsed: false },
      ],
      externals: [],
      links: [],
    };
    const layout = computeLayout(input, (await layoutWithElk(elk, input)).positions);
    expectTidy(input, layout);
    const x = (ns: string) => layout.frames[ns]?.x ?? NaN;
    expect(x('a')).toBeLessThan(x('b'));
    expect(x('b')).toBeLessThan(x('c'));
    expect(new Set(['a/1', 'a/2', 'a/3', 'a/4', 'a/5'].map((k) => layout.pods[k]?.x)).size).toBe(2);
  });

  it('ELK gets what connections tie together; untouched frames are placed beside it, in view', async () => {
    const input: LayoutInput = {
      ...shop,
      namespaces: [...shop.namespaces, { name: 'kube-system', pods: [], collapsed: false }],
    };
    const elkInput = tiedTogether(input, shop.links);
    expect(elkInput.namespaces.map((ns) => ns.name)).toEqual(['web', 'shop', 'data']);
    const layout = computeLayout(input, (await layoutWithElk(elk, elkInput)).positions);
    expectTidy(input, layout);
    expect(layout.placed['ns:kube-system']).toBeDefined();
  });

  it('with nothing saved, the layout is provisional and saves nothing', () => {
    const layout = computeLayout(shop, {});
    expect(layout.fresh).toBe(true);
    expect(layout.placed).toEqual({});
    expectTidy(shop, layout);
  });

  it('a new pod goes to a free slot, its frame grows, and the frame below moves down', async () => {
    const saved: Positions = (await layoutWithElk(elk, shop)).positions;
    // Stack the frames so that growing one runs into the next.
    saved['ns:web'] = { x: 0, y: 0 };
    saved['ns:shop'] = { x: 0, y: 300 };
    const grown: LayoutInput = {
      ...shop,
      namespaces: shop.namespaces.map((ns) =>
        ns.name === 'web' ? { ...ns, pods: [...ns.pods, 'web/a', 'web/b', 'web/c'] } : ns,
      ),
    };
    const layout = computeLayout(grown, saved);
    expectTidy(grown, layout);
    expect(layout.frames.web).toMatchObject({ x: 0, y: 0 });
    expect(layout.placed['pod:web/a']).toBeDefined();
    expect(layout.placed['ns:shop']).toBeDefined();
    // Pods already placed did not move.
    expect(layout.pods['web/frontend']).toEqual(saved['pod:web/frontend']);
  });

  it('a frame dragged onto another stays; the other is pushed away', async () => {
    const saved: Positions = (await layoutWithElk(elk, shop)).positions;
    const shopFrame = computeLayout(shop, saved).frames.shop;
    saved['ns:data'] = { x: (shopFrame?.x ?? 0) + 10, y: (shopFrame?.y ?? 0) + 10 };
    const layout = computeLayout(shop, saved, 'ns:data');
    expectTidy(shop, layout);
    expect(layout.frames.data).toMatchObject(saved['ns:data'] ?? {});
  });

  it('a pod dragged onto another pod stays; the other moves and the frame grows', async () => {
    const saved: Positions = (await layoutWithElk(elk, shop)).positions;
    const at = saved['pod:shop/cart'] ?? { x: 0, y: 0 };
    saved['pod:shop/email'] = { x: at.x + 5, y: at.y + 5 };
    const layout = computeLayout(shop, saved, 'pod:shop/email');
    expectTidy(shop, layout);
    // Where it was dropped on the canvas (the frame may move to wrap its pods).
    const absolute = (
      frame: { x: number; y: number } | undefined,
      pod: { x: number; y: number } | undefined,
    ) => ({
      x: (frame?.x ?? NaN) + (pod?.x ?? NaN),
      y: (frame?.y ?? NaN) + (pod?.y ?? NaN),
    });
    expect(absolute(layout.frames.shop, layout.pods['shop/email'])).toEqual(
      absolute(saved['ns:shop'], saved['pod:shop/email']),
    );
  });

  it('a pod dragged out past the edge of its frame takes the frame with it', async () => {
    const saved: Positions = (await layoutWithElk(elk, shop)).positions;
    const frame = saved['ns:web'] ?? { x: 0, y: 0 };
    saved['pod:web/loadgen'] = { x: -150, y: 300 };
    const layout = computeLayout(shop, saved, 'pod:web/loadgen');
    expectTidy(shop, layout);
    expect(layout.frames.web?.x).toBe(frame.x - 150 - 20);
    expect((layout.frames.web?.x ?? 0) + (layout.pods['web/loadgen']?.x ?? 0)).toBe(frame.x - 150);
  });

  it('new namespaces from a merge go to free space', async () => {
    const saved = (await layoutWithElk(elk, shop)).positions;
    const merged: LayoutInput = {
      ...shop,
      namespaces: [...shop.namespaces, { name: 'db', pods: ['db/pg', 'db/pg2'], collapsed: false }],
    };
    const layout = computeLayout(merged, saved);
    expectTidy(merged, layout);
  });
});
