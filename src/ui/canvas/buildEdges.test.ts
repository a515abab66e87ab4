import { describe, expect, it } from 'vitest';
import { cellsFromBytes } from '../../engine';
import type { MatrixResult } from '../../store/analysisTypes';
import { buildEdges, drawnPairs, effectiveMode, mapPairs, unfocusedOptions } from './buildEdges';
import type { EdgeOptions, Isolation } from './buildEdges';

/**
 * The demo, as a truth table: web admits everyone (an allow-all policy), api admits web,
 * postgres admits api; prometheus and the outside address are not isolated.
 */
const keys = ['shop/web', 'shop/api', 'data/postgres', 'monitoring/prometheus', '198.51.100.10'];
const allowedPairs = new Set([
  'shop/api->shop/web',
  'data/postgres->shop/web',
  'monitoring/prometheus->shop/web',
  '198.51.100.10->shop/web',
  'shop/web->shop/api',
  'shop/api->data/postgres',
  ...keys.filter((k) => k !== 'monitoring/prometheus').map((k) => `${k}->monitoring/prometheus`),
  ...['shop/web', 'shop/api', 'data/postgres', 'monitoring/prometheus'].map((k) => `${k}->198.51.100.10`),
]);
const result: MatrixResult = {
  keys,
  cells: cellsFromBytes(
    keys.length,
    Uint8Array.from(keys.flatMap((a) => keys.map((b) => (allowedPairs.has(`${a}->${b}`) ? 1 : 0)))),
  ),
};
const isolated: Isolation = { ingress: true, egress: false };
const options = (more: Partial<EdgeOptions> = {}): EdgeOptions => ({
  ...unfocusedOptions({
    namespaceOf: new Map(keys.slice(0, 4).map((k) => [k, k.split('/')[0] ?? ''])),
    isolation: new Map([
      ['shop/web', isolated],
      ['shop/api', isolated],
      ['data/postgres', isolated],
    ]),
  }),
  ...more,
});
const drawn = (o: EdgeOptions) =>
  buildEdges(result, 4, o).map((e) => {
    const a = e.domAttributes as Record<string, string>;
    return `${a['data-from']}${a['data-both'] ? '<->' : '->'}${a['data-to']} ${a['data-verdict']}`;
  });

describe('the service map', () => {
  it('draws only what policies shape: web -> api and api -> postgres', () => {
    expect(drawn(options()).sort()).toEqual([
      'shop/api->data/postgres allowed',
      'shop/web->shop/api allowed',
    ]);
    // The same pairs lay the canvas out.
    expect(mapPairs(result, options())).toHaveLength(2);
  });

  it('a focused pod shows its whole row and column, blocked ones too, both ways as one edge', () => {
    const edges = drawn(options({ focusPod: 'shop/api' }));
    expect(edges).toContain('shop/web<->shop/api allowed');
    expect(edges).toContain('monitoring/prometheus->shop/api blocked');
    expect(edges).toContain('198.51.100.10->shop/api blocked');
    expect(edges).toContain('shop/api->data/postgres allowed');
    expect(edges).toContain('data/postgres->shop/api blocked');
    expect(edges).toHaveLength(7);
  });

  it('a selected namespace shows the traffic crossing its boundary', () => {
    const edges = drawn(options({ focusNamespace: 'data' }));
    expect(edges).toContain('shop/web->data/postgres blocked');
    expect(edges).toContain('data/postgres->monitoring/prometheus allowed');
    expect(edges).not.toContain('monitoring/prometheus->shop/api blocked');
    // Traffic inside other namespaces is dimmed.
    const inShop = buildEdges(result, 4, options({ focusNamespace: 'data' })).find(
      (e) => e.id === 'shop/web->shop/api',
    );
    expect(inShop?.className).toContain('dimmed');
  });

  it('the explained connection stays drawn, and "all" adds every blocked one', () => {
    expect(drawn(options({ selectedEdge: { from: 'shop/web', to: 'data/postgres' } }))).toContain(
      'shop/web->data/postgres blocked',
    );
    const all = drawn(options({ showBlocked: true }));
    expect(all.filter((e) => e.endsWith('blocked'))).toHaveLength(
      keys.length * keys.length - keys.length - allowedPairs.size,
    );
  });

  it('bundles count pod pairs per namespace pair', () => {
    const bundles = buildEdges(result, 4, options({ mode: 'bundles' })).map((e) => e.domAttributes);
    expect(bundles).toContainEqual(
      expect.objectContaining({
        'data-bundle-from': 'monitoring',
        'data-bundle-to': 'shop',
        'data-allowed': '1',
        'data-blocked': '1',
      }),
    );
  });

  it('falls back to bundles (or the selected pod) above 150 pods; small lessons draw every pair', () => {
    expect(effectiveMode('auto', 151, null)).toBe('bundles');
    expect(effectiveMode('auto', 151, 'a/b')).toBe('focus');
    expect(effectiveMode('auto', 10, null, true)).toBe('all');
    expect(effectiveMode('auto', 10, null)).toBe('map');
  });
});

describe('the service map at scale', () => {
  it('bundles only the namespace pairs holding a connection the map draws; chosen bundles show all', () => {
    const bundles = (o: EdgeOptions) =>
      buildEdges(result, 151, o).map((e) => {
        const a = e.domAttributes as Record<string, string>;
        return `${a['data-bundle-from']}->${a['data-bundle-to']}`;
      });
    // Above 150 pods the map falls back to bundles: shop -> data holds api -> postgres (web -> api
    // stays inside shop, and is not a bundle).
    expect(bundles(options())).toEqual(['shop->data']);
    // Blocked connections on demand: monitoring -> shop holds prometheus -> api.
    expect(bundles(options({ showBlocked: true }))).toContain('monitoring->shop');
    // A selected namespace brings the bundles crossing its border (prometheus -> web is allowed).
    expect(bundles(options({ focusNamespace: 'monitoring' }))).toContain('monitoring->shop');
    const chosen = bundles(options({ mode: 'bundles' }));
    expect(chosen).toContain('monitoring->shop');
    expect(chosen.length).toBeGreaterThan(3);
  });
});

describe("a focused pod's bundles at scale", () => {
  /**
   * The focused pod `ns0/p0`, and `namespaces` other namespaces of two pods; the first
   * `admitting` of them isolate ingress and admit it to one of their pods; the rest isolate
   * nothing, and the first `open` of those admit it by default.
   */
  function focused(namespaces: number, admitting: number, open: number) {
    const others = Array.from({ length: namespaces * 2 }, (_, i) => `ns${(i >> 1) + 1}/q${i}`);
    const keys = ['ns0/p0', 'ns0/p1', ...others];
    const n = keys.length;
    const allowed = new Uint8Array(n * n);
    const isolation = new Map<string, Isolation>();
    others.forEach((key, k) => {
      const ns = (k >> 1) + 1;
      if (ns <= admitting) {
        isolation.set(key, isolated);
        if (k % 2 === 0) allowed[2 + k] = 1;
      } else if (ns <= admitting + open) allowed[2 + k] = 1;
    });
    const namespaceOf = new Map(keys.map((k) => [k, k.split('/')[0] ?? '']));
    return drawnPairs({ keys, cells: cellsFromBytes(n, allowed) }, 200, {
      ...unfocusedOptions({ namespaceOf, isolation }),
      focusPod: 'ns0/p0',
    });
  }
  const shown = (d: ReturnType<typeof focused>) =>
    d.bundles.map((b) => `${b.from}->${b.to} ${b.allowed}/${b.blocked}`);

  it('leave out the bundles with no connection a policy allows when there are many, and say how many', () => {
    const many = focused(40, 3, 10);
    expect(many.mode).toBe('focus');
    // Three namespaces admit the pod by a policy: drawn. Ten let it in because nothing
    // isolates them, 27 block it, and none lets anything in: 37 namespaces, not drawn.
    expect(shown(many)).toEqual([
      'pod:ns0/p0->ns:ns1 1/1',
      'pod:ns0/p0->ns:ns2 1/1',
      'pod:ns0/p0->ns:ns3 1/1',
    ]);
    expect(many.hiddenUnshaped).toBe(37);
    // The pods of its own namespace keep their edges, blocked ones too.
    expect(many.pairs.map((p) => `${many.keys[p.i]}->${many.keys[p.j]} ${p.verdict}`).sort()).toEqual([
      'ns0/p0->ns0/p1 blocked',
      'ns0/p1->ns0/p0 blocked',
    ]);
  });

  it('draw them all when they are few', () => {
    const few = focused(10, 3, 2);
    expect(few.hiddenUnshaped).toBe(0);
    expect(few.bundles).toHaveLength(20);
    expect(shown(few)).toContain('pod:ns0/p0->ns:ns4 2/0');
    expect(shown(few)).toContain('ns:ns9->pod:ns0/p0 0/2');
  });
});

describe('namespace bundles', () => {
  it('count every pair between two groups, whatever order the table lists the endpoints in', () => {
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let round = 0; round < 20; round++) {
      const n = 5 + Math.floor(next() * 60);
      // Pods of four namespaces and a few outside addresses, in a random order (or sorted:
      // the long runs of one namespace are summed a word at a time).
      const keys = Array.from({ length: n }, (_, i) =>
        next() < 0.15 ? `10.0.0.${i}` : `ns${Math.floor(next() * 4)}/p${i}`,
      ).sort((a, b) => (round % 2 === 0 ? next() - 0.5 : a.localeCompare(b)));
      const allowed = Uint8Array.from({ length: n * n }, () => (next() < 0.4 ? 1 : 0));
      const namespaceOf = new Map(keys.filter((k) => k.includes('/')).map((k) => [k, k.split('/')[0] ?? '']));
      const groupOf = (k: string) => (namespaceOf.has(k) ? `ns:${namespaceOf.get(k)}` : `ext:${k}`);
      const expected = new Map<string, [number, number]>();
      keys.forEach((a, i) =>
        keys.forEach((b, j) => {
          const [ga, gb] = [groupOf(a), groupOf(b)];
          if (ga === gb || (!namespaceOf.has(a) && !namespaceOf.has(b))) return;
          const count = expected.get(`${ga}->${gb}`) ?? [0, 0];
          count[allowed[i * n + j] === 1 ? 0 : 1]++;
          expected.set(`${ga}->${gb}`, count);
        }),
      );
      const drawn = drawnPairs({ keys, cells: cellsFromBytes(n, allowed) }, n, {
        ...unfocusedOptions({ namespaceOf, isolation: new Map() }),
        mode: 'bundles',
      });
      expect(new Map(drawn.bundles.map((b) => [`${b.from}->${b.to}`, [b.allowed, b.blocked]]))).toEqual(
        expected,
      );
    }
  });
});
