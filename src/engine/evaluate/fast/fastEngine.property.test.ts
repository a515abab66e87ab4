import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PortQuery } from '../../model/verdict';
import type { Workspace } from '../../model/workspace';
import { loadWorkspace } from '../../normalize/loadWorkspace';
import { anp, banp, cnp, labelledNode, netpol, ns, pod } from '../../testing/builders';
import { evaluateConnection } from '../evaluateConnection';
import { podsSelectedBy } from '../../explain/selectionAt';
import { createEvaluator, ISOLATED_EGRESS, ISOLATED_INGRESS } from './createEvaluator';
import type { FastTruthTable } from './classTable';

const NAMESPACES = ['a', 'b'];
const IPS = ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.1.0.1', '192.168.0.1', '2001:db8::1'];

const labels = fc.record(
  { app: fc.constantFrom('x', 'y'), tier: fc.constantFrom('web', 'db') },
  { requiredKeys: [] },
);
const expression = fc.record({
  key: fc.constantFrom('app', 'tier'),
  operator: fc.constantFrom('In', 'NotIn', 'Exists', 'DoesNotExist'),
  values: fc.uniqueArray(fc.constantFrom('x', 'y', 'web'), { minLength: 1, maxLength: 2 }),
});
const selector = fc.record(
  {
    matchLabels: labels,
    matchExpressions: fc
      .array(expression, { maxLength: 1 })
      .map((es) =>
        es.map((e) =>
          e.operator === 'Exists' || e.operator === 'DoesNotExist' ? { key: e.key, operator: e.operator } : e,
        ),
      ),
  },
  { requiredKeys: [] },
);
const ipBlock = fc.constantFrom(
  { cidr: '10.0.0.0/8', except: ['10.0.0.0/31'] },
  { cidr: '10.0.0.0/16' },
  { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '192.168.0.0/24'] },
  { cidr: '192.168.0.0/16' },
  { cidr: '2001:db8::/32' },
);
const peer = fc.oneof(
  fc.record({ podSelector: selector }),
  fc.record({ namespaceSelector: selector }),
  fc.record({ podSelector: selector, namespaceSelector: selector }),
  fc.record({ ipBlock }),
);
const protocol = fc.constantFrom('TCP', 'UDP', undefined);
const portEntry = fc.oneof(
  fc.record({ port: fc.constantFrom(53, 80, 8080), protocol }, { requiredKeys: ['port'] }),
  fc.record({ port: fc.constantFrom('http', 'dns'), protocol }, { requiredKeys: ['port'] }),
  fc.record(
    { port: fc.constantFrom(53, 80), endPort: fc.constantFrom(80, 8080, 9000), protocol },
    { requiredKeys: ['port', 'endPort'] },
  ),
  fc.record({ protocol: fc.constantFrom('TCP', 'UDP', 'SCTP') }),
);
const rule = (key: 'from' | 'to') =>
  fc.record(
    {
      [key]: fc.option(fc.array(peer, { maxLength: 2 }), { nil: undefined }),
      ports: fc.option(fc.array(portEntry, { maxLength: 2 }), { nil: undefined }),
    },
    { requiredKeys: [] },
  );
const policy = fc.record({
  namespace: fc.constantFrom(...NAMESPACES),
  spec: fc.record(
    {
      podSelector: selector,
      policyTypes: fc.constantFrom(['Ingress'], ['Egress'], ['Ingress', 'Egress']),
      ingress: fc.array(rule('from'), { maxLength: 2 }),
      egress: fc.array(rule('to'), { maxLength: 2 }),
    },
    { requiredKeys: ['podSelector'] },
  ),
});
const containerPort = fc.record(
  {
    name: fc.constantFrom('http', 'dns'),
    port: fc.constantFrom(53, 80, 8080),
    protocol: fc.constantFrom('TCP', 'UDP'),
  },
  { requiredKeys: ['port'] },
);
const podArb = fc.record({
  namespace: fc.constantFrom(...NAMESPACES),
  labels,
  ports: fc.array(containerPort, { maxLength: 2 }),
  ip: fc.option(fc.constantFrom(...IPS), { nil: undefined }),
  nodeName: fc.option(fc.constantFrom('n1', 'n2'), { nil: undefined }),
  hostNetwork: fc.constantFrom(false, false, false, false, true),
  replicas: fc.constantFrom(undefined, undefined, 1, 3),
});
type PodArb = typeof podArb extends fc.Arbitrary<infer T> ? T : never;

/** A bare Pod, or a Deployment standing for `replicas` pods (1 = single instance). */
function podObject(p: PodArb, i: number): object {
  const base = pod(p.namespace, `p${i}`, p.labels, {
    ports: p.ports,
    ...(p.ip ? { ip: p.ip } : {}),
    ...(p.nodeName ? { nodeName: p.nodeName } : {}),
    hostNetwork: p.hostNetwork,
  }) as { metadata: object; spec: object };
  if (p.replicas === undefined) return base;
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: base.metadata,
    spec: {
      replicas: p.replicas,
      selector: { matchLabels: p.labels },
      template: { metadata: { labels: p.labels }, spec: base.spec },
    },
  };
}

const scenario = fc.record({
  nsLabels: fc.array(labels, { minLength: 2, maxLength: 2 }),
  pods: fc.array(podArb, { minLength: 1, maxLength: 7 }),
  policies: fc.array(policy, { maxLength: 4 }),
  edit: fc.record({ at: fc.nat(), kind: fc.constantFrom('replace', 'add', 'remove'), policy }),
  externals: fc.uniqueArray(
    fc.constantFrom('8.8.8.8', '10.0.0.1', '10.0.0.7', '192.168.0.1', '192.168.0.2', '2001:db8::5'),
    {
      maxLength: 3,
    },
  ),
  ipBlockMatchesPodIPs: fc.boolean(),
});

/** Admin tiers: AdminNetworkPolicy / BaselineAdminNetworkPolicy (v1alpha1), ClusterNetworkPolicy (v1alpha2). */
const namespacedPod = fc.record(
  { namespaceSelector: selector, podSelector: selector },
  { requiredKeys: ['podSelector'] },
);
const adminPeerIn = fc.oneof(fc.record({ namespaces: selector }), fc.record({ pods: namespacedPod }));
const adminPeerOut = fc.oneof(
  adminPeerIn,
  fc.record({
    networks: fc.constantFrom(
      ['10.0.0.0/31'],
      ['10.0.0.0/8', '192.168.0.0/24'],
      ['0.0.0.0/0'],
      ['2001:db8::/32'],
    ),
  }),
  fc.record({ nodes: fc.constantFrom({}, { matchLabels: { role: 'infra' } }) }),
);
const v1Port = fc.oneof(
  fc.record({
    portNumber: fc.record({ port: fc.constantFrom(53, 80, 8080), protocol }, { requiredKeys: ['port'] }),
  }),
  fc.record({
    portRange: fc.record(
      { start: fc.constantFrom(53, 80), end: fc.constantFrom(81, 8080, 9000), protocol },
      { requiredKeys: ['start', 'end'] },
    ),
  }),
  fc.record({ namedPort: fc.constantFrom('http', 'dns') }),
);
const v2Protocol = fc.oneof(
  fc.record({ tcp: fc.record({ destinationPort: fc.record({ number: fc.constantFrom(53, 80, 8080) }) }) }),
  fc.record({
    udp: fc.record({
      destinationPort: fc.record({
        range: fc.record({ start: fc.constantFrom(1, 53), end: fc.constantFrom(80, 9000) }),
      }),
    }),
  }),
  fc.record({ sctp: fc.record({ destinationPort: fc.record({ number: fc.constantFrom(53, 80) }) }) }),
  fc.record({ destinationNamedPort: fc.constantFrom('http', 'dns') }),
);
const adminRule = (key: 'from' | 'to', actions: string[], portsKey: 'ports' | 'protocols') =>
  fc.record(
    {
      action: fc.constantFrom(...actions),
      [key]: fc.array<object>(key === 'from' ? adminPeerIn : adminPeerOut, { minLength: 1, maxLength: 2 }),
      [portsKey]: fc.array<object>(portsKey === 'ports' ? v1Port : v2Protocol, {
        minLength: 1,
        maxLength: 2,
      }),
    },
    { requiredKeys: ['action', key] },
  );
const adminSpec = (actions: string[], portsKey: 'ports' | 'protocols') =>
  fc.record({
    subject: fc.oneof(fc.record({ namespaces: selector }), fc.record({ pods: namespacedPod })),
    ingress: fc.array(adminRule('from', actions, portsKey), { maxLength: 2 }),
    egress: fc.array(adminRule('to', actions, portsKey), { maxLength: 2 }),
  });
const tiers = fc.oneof(
  fc.record({
    anps: fc.array(
      fc.record({ priority: fc.constantFrom(1, 2, 3), spec: adminSpec(['Allow', 'Deny', 'Pass'], 'ports') }),
      {
        maxLength: 2,
      },
    ),
    banp: fc.option(adminSpec(['Allow', 'Deny'], 'ports'), { nil: undefined }),
  }),
  fc.record({
    cnps: fc.array(
      fc.record({
        tier: fc.constantFrom('Admin' as const, 'Baseline' as const),
        priority: fc.constantFrom(1, 2, 3),
        spec: adminSpec(['Accept', 'Deny', 'Pass'], 'protocols'),
      }),
      { minLength: 1, maxLength: 3 },
    ),
  }),
);
type TiersArb = typeof tiers extends fc.Arbitrary<infer T> ? T : never;

function tierObjects(t: TiersArb): object[] {
  if ('cnps' in t) return t.cnps.map((c, i) => cnp(`c${i}`, c.tier, c.priority, c.spec));
  return [...t.anps.map((a, i) => anp(`a${i}`, a.priority, a.spec)), ...(t.banp ? [banp(t.banp)] : [])];
}

const PORTS: PortQuery[] = [
  'any',
  { port: 80, protocol: 'TCP' },
  { port: 53, protocol: 'UDP' },
  { port: 'http', protocol: 'TCP' },
  { port: 'dns', protocol: 'UDP' },
];

function load(s: typeof scenario extends fc.Arbitrary<infer T> ? T : never, policies: object[]): Workspace {
  const objects = [
    ...NAMESPACES.map((n, i) => ns(n, s.nsLabels[i])),
    labelledNode('n1', { role: 'infra' }, ['192.168.0.1']),
    labelledNode('n2', { role: 'edge' }, ['192.168.0.2']),
    ...s.pods.map(podObject),
    ...policies,
  ];
  return loadWorkspace(objects, { ipBlockMatchesPodIPs: s.ipBlockMatchesPodIPs }).workspace;
}

/**
 * Every cell of the table (and of its byte matrices) against the reference; a cell whose
 * classes' bit is set in `classBits` is allowed.
 */
function agrees(ws: Workspace, table: FastTruthTable, label: string): void {
  const n = table.rows.length;
  PORTS.forEach((q, k) => {
    const bytes = table.toByteMatrix(k);
    const { bits, words } = table.classBits(k)!;
    const classBit = (i: number, j: number): boolean => {
      const cj = table.rowClass[j]!;
      return ((bits[table.rowClass[i]! * words + (cj >>> 5)]! >>> (cj & 31)) & 1) === 1;
    };
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const from = table.rows[i]!;
        const to = table.rows[j]!;
        const verdict = evaluateConnection(ws, from.endpoint, to.endpoint, q);
        const expected = verdict.allowed;
        if (table.isAllowed(i, j, k) !== expected || bytes[i * n + j] !== (expected ? 1 : 0))
          throw new Error(`${label}: ${from.key} -> ${to.key} ${JSON.stringify(q)}: reference ${expected}`);
        if (classBit(i, j) && !expected)
          throw new Error(`${label}: ${from.key} -> ${to.key} ${JSON.stringify(q)}: class bit set, blocked`);
        // An `any` answer is backed by a concrete port that is allowed.
        if (
          q === 'any' &&
          verdict.witness &&
          !evaluateConnection(ws, from.endpoint, to.endpoint, verdict.witness).allowed
        )
          throw new Error(`${label}: ${from.key} -> ${to.key}: the witness port of 'any' is blocked`);
        // A concrete allowed port implies that `any` is allowed.
        const anyIndex = PORTS.indexOf('any');
        if (q !== 'any' && expected && anyIndex >= 0 && !table.isAllowed(i, j, anyIndex))
          throw new Error(
            `${label}: ${from.key} -> ${to.key}: ${JSON.stringify(q)} allowed but 'any' is not`,
          );
      }
    }
  });
}

/** podIsolation: the directions some policy selecting the pod lists (hostNetwork pods: none). */
function isolationAgrees(ws: Workspace, bits: Uint8Array): void {
  ws.pods.forEach((pod, i) => {
    let expected = 0;
    if (!pod.hostNetwork)
      for (const p of ws.policies) {
        if (!podsSelectedBy(ws, p).includes(pod.key)) continue;
        if (p.policyTypes.includes('Ingress')) expected |= ISOLATED_INGRESS;
        if (p.policyTypes.includes('Egress')) expected |= ISOLATED_EGRESS;
      }
    if (bits[i] !== expected) throw new Error(`isolation of ${pod.key}: ${bits[i]}, expected ${expected}`);
  });
}

/**
 * The one property test of the truth table: \`computeTruthTable\` is the fast engine, so
 * this compares it (fresh, after incremental edits, after pod changes) with the reference
 * \`evaluateConnection\` on every pair and port, including \`any\` and its witness port.
 */
describe('the fast engine (computeTruthTable) agrees with evaluateConnection', () => {
  it('fresh and after an incremental policy edit, on thousands of random workspaces', () => {
    let incremental = 0;
    fc.assert(
      fc.property(scenario, (s) => {
        const before = s.policies.map((p, i) => netpol(p.namespace, `np${i}`, p.spec));
        const after = [...before];
        const at = s.policies.length === 0 ? 0 : s.edit.at % s.policies.length;
        const edited = netpol(s.edit.policy.namespace, `np${at}`, s.edit.policy.spec);
        if (s.edit.kind === 'add' || after.length === 0)
          after.push(netpol(s.edit.policy.namespace, 'new', s.edit.policy.spec));
        else if (s.edit.kind === 'remove') after.splice(at, 1);
        else after[at] = edited;
        const ws0 = load(s, before);
        const ws1 = load(s, after);
        const query = { ports: PORTS, externals: s.externals };
        const evaluator = createEvaluator(ws0);
        const earlier = evaluator.table(query);
        agrees(ws0, earlier, 'fresh');
        const kept = PORTS.map((_, k) => [earlier.toByteMatrix(k), earlier.classBits(k)!.bits.slice()]);
        const update = evaluator.update(ws1);
        if (update.mode === 'incremental') incremental++;
        agrees(ws1, evaluator.table(query), `after ${s.edit.kind} (${update.mode})`);
        // Tables are snapshots: the one read before the edit still answers as it did.
        PORTS.forEach((_, k) => {
          expect(earlier.toByteMatrix(k)).toEqual(kept[k]![0]);
          expect(earlier.classBits(k)!.bits).toEqual(kept[k]![1]);
        });
        // The same edit through replacePolicy.
        const direct = createEvaluator(ws0);
        direct.table(query);
        const keys = new Set(ws1.policies.map((p) => p.key));
        for (const p of ws0.policies) if (!keys.has(p.key)) direct.replacePolicy(p.key, undefined);
        for (const p of ws1.policies) direct.replacePolicy(p.key, p);
        agrees(ws1, direct.table(query), 'after replacePolicy');
        isolationAgrees(ws1, evaluator.podIsolation());
      }),
      { numRuns: 1200 },
    );
    // Most edits must take the incremental path, or the property says little about it.
    expect(incremental).toBeGreaterThan(600);
  });

  it('with admin tiers (both API versions), fresh and after moving to them from NetworkPolicies only', () => {
    let tiered = 0;
    fc.assert(
      fc.property(scenario, tiers, fc.boolean(), (raw, t, plain) => {
        // Plain pods (no labels, no ports) differ only by namespace, IP and node: what
        // networks and nodes peers tell apart.
        const s = plain
          ? {
              ...raw,
              ipBlockMatchesPodIPs: false,
              pods: raw.pods.map((p) => ({ ...p, labels: {}, ports: [], hostNetwork: false })),
            }
          : raw;
        const policies = s.policies.map((p, i) => netpol(p.namespace, `np${i}`, p.spec));
        const ws0 = load(s, policies);
        const ws1 = load(s, [...policies, ...tierObjects(t)]);
        if (ws1.adminPolicies.length > 0) tiered++;
        // Both node addresses, so that nodes peers have nodes to tell apart.
        const query = {
          ports: PORTS,
          externals: [...new Set([...s.externals, '192.168.0.1', '192.168.0.2'])],
        };
        agrees(ws1, createEvaluator(ws1).table(query), 'fresh with tiers');
        const evaluator = createEvaluator(ws0);
        evaluator.table(query);
        evaluator.update(ws1);
        agrees(ws1, evaluator.table(query), 'after adding tiers');
        evaluator.update(ws0);
        agrees(ws0, evaluator.table(query), 'after removing tiers');
      }),
      { numRuns: 500 },
    );
    // Most random admin policies must be valid, or the property says little.
    expect(tiered).toBeGreaterThan(400);
  });

  it('after pods move to new classes and back, one update after another (classes added, then rebuilt)', () => {
    // Unchanged pods keep their objects from load to load, as the worker's do: the ids of
    // label maps and port lists carry over from one rebuild of the classes to the next, and a
    // pod in a new class adds that class to the others.
    let rebuilt = 0;
    let added = 0;
    fc.assert(
      fc.property(
        scenario,
        fc.array(fc.tuple(fc.nat(), fc.nat(), fc.boolean()), { minLength: 1, maxLength: 5 }),
        (s, moves) => {
          const policies = s.policies.map((p, i) => netpol(p.namespace, `np${i}`, p.spec));
          const fixed = [
            ...NAMESPACES.map((n, i) => ns(n, s.nsLabels[i])),
            labelledNode('n1', { role: 'infra' }, ['192.168.0.1']),
            labelledNode('n2', { role: 'edge' }, ['192.168.0.2']),
          ];
          let pods = s.pods.map(podObject);
          const loaded = () =>
            loadWorkspace([...fixed, ...pods, ...policies], { ipBlockMatchesPodIPs: s.ipBlockMatchesPodIPs })
              .workspace;
          const query = { ports: PORTS, externals: s.externals };
          const evaluator = createEvaluator(loaded());
          evaluator.table(query);
          for (const [at, from, fresh] of moves) {
            const i = at % s.pods.length;
            // The pod takes another pod's labels, or labels no pod had (a new class).
            const labels = fresh
              ? { ...s.pods[i]!.labels, moved: String(at % 3) }
              : s.pods[from % s.pods.length]!.labels;
            pods = pods.map((o, k) => (k === i ? podObject({ ...s.pods[i]!, labels }, i) : o));
            const ws = loaded();
            const earlier = evaluator.table(query);
            const kept = PORTS.map((_, k) => earlier.toByteMatrix(k));
            const update = evaluator.update(ws);
            if (update.mode === 'rebuild') rebuilt++;
            if (update.reason === 'pods in new classes') added++;
            agrees(ws, evaluator.table(query), `after moving a pod (${update.reason ?? update.mode})`);
            // Tables are snapshots: the one read before still answers as it did.
            PORTS.forEach((_, k) => expect(earlier.toByteMatrix(k)).toEqual(kept[k]));
          }
        },
      ),
      { numRuns: 300 },
    );
    // Most runs must add a class at least once, or the property says little.
    expect(rebuilt).toBeGreaterThan(300);
    expect(added).toBeGreaterThan(300);
  });

  it('after pods are added to and removed from existing classes', () => {
    fc.assert(
      fc.property(scenario, fc.nat(), (s, drop) => {
        const policies = s.policies.map((p, i) => netpol(p.namespace, `np${i}`, p.spec));
        const ws0 = load(s, policies);
        const copy = { ...s.pods[drop % s.pods.length]!, ip: undefined };
        const ws1 = load(
          { ...s, pods: [...s.pods.filter((_, i) => i !== drop % s.pods.length), copy] },
          policies,
        );
        const query = { ports: PORTS, externals: s.externals };
        const evaluator = createEvaluator(ws0);
        evaluator.table(query);
        evaluator.update(ws1);
        agrees(ws1, evaluator.table(query), 'after pod changes');
      }),
      { numRuns: 300 },
    );
  });
});
