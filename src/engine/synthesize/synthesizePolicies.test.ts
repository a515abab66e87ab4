import { describe, expect, it } from 'vitest';
import type { Expectation, ExpectationSide } from '../expectations/model';
import { podKey } from '../model/ids';
import type { PortQuery } from '../model/verdict';
import { loadWorkspace } from '../normalize/loadWorkspace';
import { netpol, ns, pod } from '../testing/builders';
import { chooseSelector } from './chooseSelector';
import type { NetworkPolicyManifest } from './model';
import { synthesizePolicies } from './synthesizePolicies';

const P = (key: string): ExpectationSide => ({
  kind: 'pod',
  key: podKey(...(key.split('/') as [string, string])),
});
const tcp = (port: number | string): PortQuery => ({ port, protocol: 'TCP' });
const allow = (from: ExpectationSide, to: ExpectationSide, port: PortQuery = 'any'): Expectation => ({
  from,
  to,
  port,
  expect: 'allowed',
  index: 0,
});
const block = (from: ExpectationSide, to: ExpectationSide, port: PortQuery = 'any'): Expectation => ({
  ...allow(from, to, port),
  expect: 'blocked',
});

const shop = [
  ns('shop'),
  ns('data'),
  pod('shop', 'web', { app: 'web', tier: 'front' }, { ports: [{ name: 'http', port: 8080 }] }),
  pod('shop', 'api', { app: 'api', tier: 'back' }, { ports: [{ name: 'http', port: 8080 }] }),
  pod('shop', 'worker', { app: 'worker', tier: 'back' }),
  pod('data', 'db', { app: 'db' }, { ports: [{ port: 5432 }] }),
  pod('data', 'cache', { app: 'cache' }, { ports: [{ port: 6379 }] }),
];
const load = (objs: object[]) => loadWorkspace(objs).workspace;
const byName = (ps: readonly NetworkPolicyManifest[], ns: string, name: string) =>
  ps.find((p) => p.metadata.namespace === ns && p.metadata.name === name);

describe('chooseSelector', () => {
  const pods = load([
    pod('a', 'x', { app: 'x', tier: 'web', version: 'v1' }),
    pod('a', 'y', { app: 'y', tier: 'web' }),
    pod('a', 'z', { 'app.kubernetes.io/name': 'z', tier: 'db' }),
    pod('a', 'x-canary', { app: 'x', tier: 'web', version: 'v1', track: 'canary' }),
  ]).pods;
  const get = (name: string) => pods.filter((p) => p.name === name);

  it.each([
    ['y', { matchLabels: { app: 'y' } }],
    ['z', { matchLabels: { 'app.kubernetes.io/name': 'z' } }],
    // every label of x is also on x-canary: all of them, and track DoesNotExist
    [
      'x',
      {
        matchLabels: { app: 'x', tier: 'web', version: 'v1' },
        matchExpressions: [{ key: 'track', operator: 'DoesNotExist' }],
      },
    ],
    ['x-canary', { matchLabels: { track: 'canary' } }],
  ])('selects exactly %s by the fewest preferred labels', (name, expected) => {
    expect(chooseSelector(get(name), pods)).toEqual(expected);
  });

  it('prefers app over other keys of the same size', () => {
    const ws = load([pod('a', 'p', { zone: 'z1', app: 'p' }), pod('a', 'q', { zone: 'z2', app: 'q' })]);
    expect(chooseSelector([ws.pods[0]!], ws.pods)).toEqual({ matchLabels: { app: 'p' } });
  });
});

describe('synthesizePolicies', () => {
  const ws = load(shop);
  const intent = [
    allow(P('shop/web'), P('shop/api'), tcp(8080)),
    allow(P('shop/api'), P('data/db'), tcp(5432)),
    allow(P('shop/worker'), P('data/db'), tcp(5432)),
    allow(P('shop/api'), { kind: 'ip', ip: '8.8.8.8' }, tcp(443)),
  ];

  it('writes default denies, DNS, and one policy per workload and direction, verified', () => {
    const r = synthesizePolicies(ws, intent);
    expect(r.problems).toEqual([]);
    expect(r.verified).toBe(true);
    expect(r.namespaces).toEqual(['data', 'shop']);
    expect(r.policies.map((p) => `${p.metadata.namespace}/${p.metadata.name}`)).toEqual([
      'data/default-deny-ingress',
      'data/default-deny-egress',
      'data/allow-dns-egress',
      'data/db-ingress',
      'shop/default-deny-ingress',
      'shop/default-deny-egress',
      'shop/allow-dns-egress',
      'shop/api-egress',
      'shop/api-ingress',
      'shop/web-egress',
      'shop/worker-egress',
    ]);
    expect(r.ruleCount).toBe(
      r.policies.reduce((n, p) => n + (p.spec.ingress?.length ?? 0) + (p.spec.egress?.length ?? 0), 0),
    );
  });

  it('uses a named port where the destination names it, and kubernetes.io/metadata.name for namespaces', () => {
    const r = synthesizePolicies(ws, intent);
    expect(byName(r.policies, 'shop', 'api-ingress')?.spec.ingress).toEqual([
      {
        from: [{ podSelector: { matchLabels: { app: 'web' } } }],
        ports: [{ port: 'http', protocol: 'TCP' }],
      },
    ]);
    expect(byName(r.policies, 'shop', 'api-egress')?.spec.egress).toEqual([
      { to: [{ ipBlock: { cidr: '8.8.8.8/32' } }], ports: [{ port: 443, protocol: 'TCP' }] },
      {
        to: [
          {
            namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'data' } },
            podSelector: { matchLabels: { app: 'db' } },
          },
        ],
        ports: [{ port: 5432, protocol: 'TCP' }],
      },
    ]);
  });

  it('groups peers that share ports into one rule', () => {
    const r = synthesizePolicies(ws, intent);
    expect(byName(r.policies, 'data', 'db-ingress')?.spec.ingress).toEqual([
      {
        from: [
          {
            namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'shop' } },
            podSelector: { matchLabels: { app: 'api' } },
          },
          {
            namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'shop' } },
            podSelector: { matchLabels: { app: 'worker' } },
          },
        ],
        ports: [{ port: 5432, protocol: 'TCP' }],
      },
    ]);
  });

  it('groups ports that share peers, and names a whole namespace when all its kinds of pods are peers', () => {
    const r = synthesizePolicies(ws, [
      allow(P('shop/web'), P('data/db'), tcp(5432)),
      allow(P('shop/web'), P('data/cache'), tcp(6379)),
      allow(P('shop/web'), P('shop/api'), tcp(8080)),
      allow(P('shop/web'), P('shop/api'), tcp(9090)),
    ]);
    expect(r.problems).toEqual([]);
    const egress = byName(r.policies, 'shop', 'web-egress')?.spec.egress;
    expect(egress).toHaveLength(3);
    expect(egress).toContainEqual({
      to: [{ podSelector: { matchLabels: { app: 'api' } } }],
      ports: [
        { port: 'http', protocol: 'TCP' },
        { port: 9090, protocol: 'TCP' },
      ],
    });
  });

  it('adds DNS egress to kube-dns in every covered namespace', () => {
    const dns = byName(synthesizePolicies(ws, intent).policies, 'shop', 'allow-dns-egress');
    expect(dns?.spec).toEqual({
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [
        {
          to: [
            {
              namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
              podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
            },
          ],
          ports: [
            { port: 53, protocol: 'UDP' },
            { port: 53, protocol: 'TCP' },
          ],
        },
      ],
    });
    expect(
      synthesizePolicies(ws, intent, { dns: false }).policies.some(
        (p) => p.metadata.name === 'allow-dns-egress',
      ),
    ).toBe(false);
  });

  it('lists the connections it opens and closes', () => {
    const withDeny = load([...shop, netpol('data', 'deny', { podSelector: {}, policyTypes: ['Ingress'] })]);
    const r = synthesizePolicies(withDeny, intent);
    expect(r.opened.map((c) => `${c.from}>${c.to} ${JSON.stringify(c.port)}`)).toContain(
      'shop/api>data/db {"port":5432,"protocol":"TCP"}',
    );
    expect(r.closed.map((c) => `${c.from}>${c.to}`)).toContain('shop/web>shop/worker');
    expect(r.closed.some((c) => c.from === 'shop/web' && c.to === 'shop/api')).toBe(false);
    // the existing default deny is kept, not written again
    expect(
      r.policies.some((p) => p.metadata.namespace === 'data' && p.metadata.name === 'default-deny-ingress'),
    ).toBe(false);
  });

  it('never reuses the name of a kept policy', () => {
    const named = load([
      ...shop,
      netpol('shop', 'api-ingress', {
        podSelector: { matchLabels: { app: 'api' } },
        ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: 8080 }] }],
      }),
    ]);
    const r = synthesizePolicies(named, intent);
    expect(r.problems).toEqual([]);
    expect(r.policies.map((p) => p.metadata.name)).toContain('api-ingress-2');
  });

  it('without least privilege, isolates only the workloads the intent names', () => {
    const r = synthesizePolicies(ws, [allow(P('shop/web'), P('shop/api'), tcp(8080))], {
      leastPrivilege: false,
    });
    expect(r.problems).toEqual([]);
    expect(r.policies.map((p) => p.metadata.name)).toEqual(['api-ingress', 'web-egress']);
    expect(byName(r.policies, 'shop', 'web-egress')?.spec.egress).toHaveLength(2); // api, DNS
  });

  describe('refuses what labels or policies cannot express', () => {
    const twins = load([
      ns('shop'),
      pod('shop', 'web-1', { app: 'web' }),
      pod('shop', 'web-2', { app: 'web' }),
      pod('shop', 'api', { app: 'api' }, { ports: [{ port: 8080 }] }),
    ]);

    it('identical labels, one reachable and the other not (least privilege)', () => {
      const r = synthesizePolicies(twins, [allow(P('shop/web-1'), P('shop/api'), tcp(8080))]);
      expect(r.policies).toEqual([]);
      expect(r.verified).toBe(false);
      expect(r.problems).toHaveLength(1);
      expect(r.problems[0]).toMatchObject({ kind: 'identical-labels', expectations: [0] });
      expect(r.problems[0]?.message).toContain('shop/web-1 and shop/web-2 have identical labels (app=web)');
      expect(r.problems[0]?.pods).toEqual(expect.arrayContaining(['shop/web-1', 'shop/web-2', 'shop/api']));
    });

    it('identical labels, one explicitly blocked', () => {
      const r = synthesizePolicies(
        twins,
        [allow(P('shop/web-1'), P('shop/api'), tcp(8080)), block(P('shop/web-2'), P('shop/api'), tcp(8080))],
        { leastPrivilege: false },
      );
      expect(r.policies).toEqual([]);
      expect(r.problems[0]).toMatchObject({ kind: 'identical-labels', expectations: [0, 1] });
    });

    it('two expectations that contradict each other', () => {
      const r = synthesizePolicies(ws, [
        allow(P('shop/web'), P('shop/api'), tcp(8080)),
        block({ kind: 'pods', namespace: 'shop' }, P('shop/api')),
      ]);
      expect(r.policies).toEqual([]);
      expect(r.problems).toEqual([
        expect.objectContaining({
          kind: 'contradiction',
          expectations: [1, 0],
          pods: ['shop/web', 'shop/api'],
        }),
      ]);
      expect(r.problems[0]?.message).toMatch(
        /#1 .* wants shop\/web -> shop\/api on any port blocked, but #0 .* wants it allowed/,
      );
    });

    it('an existing policy allows what must be blocked (keepExisting)', () => {
      const open = load([
        ...shop,
        netpol('shop', 'allow-all', { podSelector: {}, ingress: [{}], egress: [{}] }),
      ]);
      const intent2 = [
        allow(P('shop/web'), P('shop/api'), tcp(8080)),
        block(P('shop/web'), P('shop/worker')),
      ];
      const r = synthesizePolicies(open, intent2);
      expect(r.policies).toEqual([]);
      expect(r.problems.map((p) => p.kind)).toContain('existing-allows');
      expect(r.problems.find((p) => p.expectations.includes(1))?.message).toContain(
        'existing shop/allow-all',
      );
      // replace: the existing policy goes, and the intent is met
      expect(synthesizePolicies(open, intent2, { mode: 'replace' }).problems).toEqual([]);
    });

    it('a side that selects nothing, or a named port the destination lacks', () => {
      const r = synthesizePolicies(ws, [
        allow(P('shop/ghost'), P('shop/api')),
        allow(P('shop/web'), P('shop/worker'), tcp('http')),
      ]);
      expect(r.problems.map((p) => [p.kind, p.expectations])).toEqual([
        ['unresolved', [0]],
        ['unresolved', [1]],
      ]);
      expect(r.problems[1]?.message).toContain('shop/worker defines no container port named http/TCP');
    });

    it('a pod blocked from itself', () => {
      const r = synthesizePolicies(ws, [block(P('shop/web'), P('shop/web'))]);
      expect(r.problems[0]).toMatchObject({ kind: 'not-enforceable', pods: ['shop/web'] });
    });

    it('DNS blocked while the dns option is on', () => {
      const dnsWs = load([...shop, pod('kube-system', 'coredns', { 'k8s-app': 'kube-dns' })]);
      const r = synthesizePolicies(dnsWs, [
        block(P('shop/web'), P('kube-system/coredns'), { port: 53, protocol: 'UDP' }),
      ]);
      expect(r.problems[0]?.kind).toBe('contradiction');
      expect(
        synthesizePolicies(
          dnsWs,
          [block(P('shop/web'), P('kube-system/coredns'), { port: 53, protocol: 'UDP' })],
          { dns: false },
        ).problems,
      ).toEqual([]);
    });
  });

  it('a namespace-wide side becomes one rule with the namespace', () => {
    const r = synthesizePolicies(ws, [allow({ kind: 'pods', namespace: 'shop' }, P('data/db'), tcp(5432))]);
    expect(r.problems).toEqual([]);
    expect(byName(r.policies, 'data', 'db-ingress')?.spec.ingress).toEqual([
      {
        from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'shop' } } }],
        ports: [{ port: 5432, protocol: 'TCP' }],
      },
    ]);
  });

  it('allowed from an outside address becomes an ipBlock ingress rule', () => {
    const r = synthesizePolicies(ws, [allow({ kind: 'ip', ip: '203.0.113.7' }, P('shop/web'), tcp(8080))]);
    expect(r.problems).toEqual([]);
    expect(byName(r.policies, 'shop', 'web-ingress')?.spec.ingress).toEqual([
      { from: [{ ipBlock: { cidr: '203.0.113.7/32' } }], ports: [{ port: 'http', protocol: 'TCP' }] },
    ]);
  });
});
