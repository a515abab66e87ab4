import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PortQuery } from '../model/verdict';
import { loadWorkspace } from '../normalize/loadWorkspace';
import { netpol, node, ns, pod } from '../testing/builders';
import { computeTruthTable } from './computeTruthTable';
import { evaluateConnection } from './evaluateConnection';

const NAMESPACES = ['a', 'b', 'c'];
const IPS = ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.1.1', '192.168.0.1', '2001:db8::1', '2001:db8:1::1'];

const labels = fc.record(
  {
    app: fc.constantFrom('x', 'y', 'z'),
    env: fc.constantFrom('prod', 'dev'),
    team: fc.constantFrom('t1', 't2'),
  },
  { requiredKeys: [] },
);
const expression = fc.oneof(
  fc.record({
    key: fc.constantFrom('app', 'env', 'team'),
    operator: fc.constantFrom('In', 'NotIn'),
    values: fc.uniqueArray(fc.constantFrom('x', 'y', 'prod', 't1'), { minLength: 1, maxLength: 2 }),
  }),
  fc.record({
    key: fc.constantFrom('app', 'env', 'team'),
    operator: fc.constantFrom('Exists', 'DoesNotExist'),
  }),
);
const selector = fc.record(
  { matchLabels: labels, matchExpressions: fc.array(expression, { maxLength: 2 }) },
  { requiredKeys: [] },
);
const cidr = fc.constantFrom(
  '10.0.0.0/8',
  '10.0.0.0/30',
  '10.0.0.2/31',
  '192.168.0.0/16',
  '0.0.0.0/0',
  '2001:db8::/32',
  '::/0',
);
const ipBlock = cidr.chain((c) =>
  fc.record({
    cidr: fc.constant(c),
    except: fc.constantFrom<string[]>(
      [],
      c === '10.0.0.0/8' ? ['10.0.0.0/30'] : [],
      c === '2001:db8::/32' ? ['2001:db8:1::/48'] : [],
      c === '0.0.0.0/0' ? ['10.0.0.0/8'] : [],
    ),
  }),
);
const peer = fc.oneof(
  fc.record({ podSelector: selector }),
  fc.record({ namespaceSelector: selector }),
  fc.record({ podSelector: selector, namespaceSelector: selector }),
  fc.record({ ipBlock }),
);
const protocol = fc.constantFrom('TCP', 'UDP', 'SCTP', undefined);
const portEntry = fc.oneof(
  fc.record({ port: fc.constantFrom(53, 80, 8080), protocol }, { requiredKeys: ['port'] }),
  fc.record({ port: fc.constantFrom('http', 'dns', 'metrics'), protocol }, { requiredKeys: ['port'] }),
  fc.record(
    { port: fc.constantFrom(50, 80), endPort: fc.constantFrom(80, 100, 9000), protocol },
    { requiredKeys: ['port', 'endPort'] },
  ),
  fc.record({ protocol: fc.constantFrom('TCP', 'UDP', 'SCTP') }),
);
const rule = (key: 'from' | 'to') =>
  fc.record(
    {
      [key]: fc.option(fc.array(peer, { maxLength: 3 }), { nil: undefined }),
      ports: fc.option(fc.array(portEntry, { maxLength: 3 }), { nil: undefined }),
    },
    { requiredKeys: [] },
  );
const spec = fc.record(
  {
    podSelector: selector,
    policyTypes: fc.constantFrom(['Ingress'], ['Egress'], ['Ingress', 'Egress'], []),
    ingress: fc.array(rule('from'), { maxLength: 3 }),
    egress: fc.array(rule('to'), { maxLength: 3 }),
  },
  { requiredKeys: [] },
);
const containerPort = fc.record(
  {
    name: fc.constantFrom('http', 'dns', 'metrics'),
    port: fc.constantFrom(53, 80, 8080, 9000),
    protocol: fc.constantFrom('TCP', 'UDP'),
  },
  { requiredKeys: ['port'] },
);
const podArb = fc.record({
  namespace: fc.constantFrom(...NAMESPACES),
  labels,
  ports: fc.array(containerPort, { maxLength: 3 }),
  ip: fc.option(fc.constantFrom(...IPS), { nil: undefined }),
  nodeName: fc.option(fc.constantFrom('n1', 'n2'), { nil: undefined }),
  hostNetwork: fc.constantFrom(false, false, false, false, false, true),
});
const workspaceArb = fc.record({
  nsLabels: fc.array(labels, { minLength: 3, maxLength: 3 }),
  pods: fc.array(podArb, { minLength: 1, maxLength: 5 }),
  policies: fc.array(fc.record({ namespace: fc.constantFrom(...NAMESPACES), spec }), { maxLength: 4 }),
  externals: fc.uniqueArray(
    fc.constantFrom('8.8.8.8', '10.0.0.1', '192.168.0.1', '2001:db8::1', '2001:db8:1::5'),
    { maxLength: 3 },
  ),
  ipBlockMatchesPodIPs: fc.boolean(),
});

const PORTS: PortQuery[] = [
  'any',
  { port: 80, protocol: 'TCP' },
  { port: 8080, protocol: 'TCP' },
  { port: 53, protocol: 'UDP' },
  { port: 'http', protocol: 'TCP' },
  { port: 80, protocol: 'SCTP' },
];

describe('computeTruthTable agrees with evaluateConnection', () => {
  it('on every pair and port of thousands of random workspaces', () => {
    let written = 0;
    let valid = 0;
    fc.assert(
      fc.property(workspaceArb, (w) => {
        const objects = [
          ...NAMESPACES.map((n, i) => ns(n, w.nsLabels[i])),
          node('n1', ['192.168.0.1']),
          node('n2', ['192.168.0.2']),
          ...w.pods.map((p, i) =>
            pod(p.namespace, `p${i}`, p.labels, {
              ports: p.ports,
              ...(p.ip ? { ip: p.ip } : {}),
              ...(p.nodeName ? { nodeName: p.nodeName } : {}),
              hostNetwork: p.hostNetwork,
            }),
          ),
          ...w.policies.map((p, i) => netpol(p.namespace, `np${i}`, p.spec)),
        ];
        const { workspace } = loadWorkspace(objects, { ipBlockMatchesPodIPs: w.ipBlockMatchesPodIPs });
        written += w.policies.length;
        valid += workspace.policies.length;
        const table = computeTruthTable(workspace, { ports: PORTS, externals: w.externals });
        table.rows.forEach((from, i) => {
          table.rows.forEach((to, j) => {
            PORTS.forEach((q, k) => {
              const v = evaluateConnection(workspace, from.endpoint, to.endpoint, q);
              if (v.allowed !== table.isAllowed(i, j, k)) {
                throw new Error(
                  `${from.key} -> ${to.key} ${JSON.stringify(q)}: table ${table.isAllowed(i, j, k)}, reference ${v.allowed}`,
                );
              }
              // An `any` answer is backed by a concrete port that is allowed.
              if (q === 'any' && v.witness) {
                expect(evaluateConnection(workspace, from.endpoint, to.endpoint, v.witness).allowed).toBe(
                  true,
                );
              }
              // A concrete allowed port implies `any` is allowed.
              if (q !== 'any' && v.allowed) expect(table.isAllowed(i, j, 0)).toBe(true);
            });
          });
        });
      }),
      { numRuns: 2500 },
    );
    // The generator must mostly produce valid policies, or the property says little.
    expect(valid / written).toBeGreaterThan(0.5);
  });
});
