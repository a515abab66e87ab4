import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateConnection } from '../evaluate/evaluateConnection';
import type { Expectation } from '../expectations/model';
import { runExpectation } from '../expectations/runExpectations';
import { podKey } from '../model/ids';
import type { PortSpec } from '../model/verdict';
import { loadWorkspace } from '../normalize/loadWorkspace';
import { netpol, ns, pod } from '../testing/builders';
import { synthesizePolicies } from './synthesizePolicies';

const NAMESPACES = ['a', 'b', 'c'];
const PROBES: PortSpec[] = [
  { port: 80, protocol: 'TCP' },
  { port: 8080, protocol: 'TCP' },
  { port: 53, protocol: 'UDP' },
  { port: 443, protocol: 'TCP' },
  { port: 1, protocol: 'SCTP' },
];

const containerPort = fc.constantFrom(
  { name: 'http', port: 80 },
  { port: 8080 },
  { name: 'dns', port: 53, protocol: 'UDP' },
  { name: 'http', port: 8080 },
);
const podArb = fc.record({
  namespace: fc.constantFrom(...NAMESPACES),
  tier: fc.option(fc.constantFrom('web', 'db'), { nil: undefined }),
  team: fc.option(fc.constantFrom('x', 'y'), { nil: undefined }),
  ports: fc.uniqueArray(containerPort, { maxLength: 2, selector: (p) => p.port }),
  replicas: fc.constantFrom(undefined, 1, 3),
});
type PodArb = typeof podArb extends fc.Arbitrary<infer T> ? T : never;

/** Pod i: unique `app` (so every pod can be told apart) unless `twin` copies another's labels. */
function podObject(p: PodArb, i: number, labels: Record<string, string>): object {
  const base = pod(p.namespace, `p${i}`, labels, { ports: p.ports }) as { metadata: object; spec: object };
  if (p.replicas === undefined) return base;
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: base.metadata,
    spec: {
      replicas: p.replicas,
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: base.spec },
    },
  };
}
function labelsOf(p: PodArb, i: number): Record<string, string> {
  return { app: `p${i}`, ...(p.tier ? { tier: p.tier } : {}), ...(p.team ? { team: p.team } : {}) };
}

const askArb = fc.record({
  from: fc.nat(),
  to: fc.nat(),
  port: fc.constantFrom<Expectation['port']>(
    'any',
    { port: 80, protocol: 'TCP' },
    { port: 8080, protocol: 'TCP' },
    { port: 53, protocol: 'UDP' },
  ),
});
const existingArb = fc.record({
  namespace: fc.constantFrom(...NAMESPACES),
  from: fc.nat(),
  port: fc.constantFrom(80, 8080),
});
const scenario = fc.record({
  pods: fc.array(podArb, { minLength: 2, maxLength: 7 }),
  asks: fc.array(askArb, { minLength: 1, maxLength: 6 }),
  existing: fc.array(existingArb, { maxLength: 2 }),
  mode: fc.constantFrom('keepExisting' as const, 'replace' as const),
  ip: fc.boolean(),
});

describe('synthesizePolicies (property)', () => {
  it('allows exactly the intended connections, with least privilege, or says why it cannot', () => {
    fc.assert(
      fc.property(scenario, ({ pods, asks, existing, mode, ip }) => {
        const podObjs = pods.map((p, i) => podObject(p, i, labelsOf(p, i)));
        const policyObjs = existing.map((e, k) =>
          netpol(e.namespace, `existing-${k}`, {
            podSelector: {},
            ingress: [
              {
                from: [{ podSelector: { matchLabels: { app: `p${e.from % pods.length}` } } }],
                ports: [{ port: e.port }],
              },
            ],
          }),
        );
        const objs = [...NAMESPACES.map((n) => ns(n)), ...podObjs, ...policyObjs];
        const ws = loadWorkspace(objs).workspace;
        const key = (i: number) => podKey(pods[i % pods.length]!.namespace, `p${i % pods.length}`);
        const intent: Expectation[] = asks.map((a, index) => ({
          from: { kind: 'pod', key: key(a.from) },
          to: { kind: 'pod', key: key(a.to) },
          port: a.port,
          expect: 'allowed',
          index,
        }));
        if (ip)
          intent.push({
            from: { kind: 'pod', key: key(0) },
            to: { kind: 'ip', ip: '192.0.2.9' },
            port: { port: 443, protocol: 'TCP' },
            expect: 'allowed',
            index: intent.length,
          });
        const r = synthesizePolicies(ws, intent, { mode });
        if (r.problems.length > 0) {
          // Every pod has its own labels: only kept policies allowing too much may stop it.
          expect(mode).toBe('keepExisting');
          expect(r.problems.every((p) => p.kind === 'existing-allows')).toBe(true);
          expect(r.policies).toEqual([]);
          return;
        }
        expect(r.verified).toBe(true);
        const final = loadWorkspace([
          ...NAMESPACES.map((n) => ns(n)),
          ...podObjs,
          ...(mode === 'keepExisting' ? policyObjs : []),
          ...r.policies,
        ]);
        expect(final.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        for (const e of intent) expect(runExpectation(final.workspace, e).message).toBe('ok');
        // Least privilege, computed independently: in the covered namespaces, a pod pair is
        // allowed on a port iff an expectation asks for it ('any': the destination's declared
        // ports, or every port when it declares none).
        const covered = new Set(
          intent
            .flatMap((e) => [e.from, e.to])
            .flatMap((s) => (s.kind === 'pod' ? [s.key.split('/')[0]] : [])),
        );
        for (const a of final.workspace.pods) {
          for (const b of final.workspace.pods) {
            if (a.key === b.key && (a.kind === 'Pod' || a.replicas === 1)) continue;
            if (!covered.has(a.namespace) && !covered.has(b.namespace)) continue;
            for (const port of PROBES) {
              const wanted = intent.some(
                (e) =>
                  e.from.kind === 'pod' &&
                  e.to.kind === 'pod' &&
                  e.from.key === a.key &&
                  e.to.key === b.key &&
                  (e.port === 'any'
                    ? b.ports.length === 0 ||
                      b.ports.some((c) => c.port === port.port && c.protocol === port.protocol)
                    : e.port.port === port.port && e.port.protocol === port.protocol),
              );
              const allowed = evaluateConnection(
                final.workspace,
                { kind: 'pod', key: a.key },
                { kind: 'pod', key: b.key },
                port,
              ).allowed;
              expect({ pair: `${a.key} -> ${b.key} ${port.port}/${port.protocol}`, allowed }).toEqual({
                pair: `${a.key} -> ${b.key} ${port.port}/${port.protocol}`,
                allowed: wanted,
              });
            }
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('refuses intents that identical labels cannot express, naming the pods, with no policy', () => {
    fc.assert(
      fc.property(scenario, fc.nat(), ({ pods, asks }, twinSeed) => {
        // p0 and its twin share every label; the intent reaches p0 only.
        const twinOf = pods[0]!;
        const all = [...pods, { ...twinOf, replicas: undefined }];
        const twin = all.length - 1;
        const objs = [
          ...NAMESPACES.map((n) => ns(n)),
          ...all.map((p, i) => podObject(p, i, i === twin ? labelsOf(twinOf, 0) : labelsOf(p, i))),
        ];
        const ws = loadWorkspace(objs).workspace;
        const other = 1 + (twinSeed % (pods.length - 1));
        const key = (i: number) => podKey(all[i]!.namespace, `p${i}`);
        const intent: Expectation[] = [
          ...asks.map((a, index): Expectation => ({
            from: { kind: 'pod', key: key(1 + (a.from % (pods.length - 1))) },
            to: { kind: 'pod', key: key(1 + (a.to % (pods.length - 1))) },
            port: a.port,
            expect: 'allowed',
            index,
          })),
          {
            from: { kind: 'pod', key: key(other) },
            to: { kind: 'pod', key: key(0) },
            port: { port: 8080, protocol: 'TCP' },
            expect: 'allowed',
            index: asks.length,
          },
        ];
        const r = synthesizePolicies(ws, intent);
        expect(r.policies).toEqual([]);
        expect(r.verified).toBe(false);
        const problem = r.problems.find((p) => p.kind === 'identical-labels');
        expect(problem?.message).toContain(`${key(0)} and ${key(twin)} have identical labels`);
        expect(problem?.pods).toEqual(expect.arrayContaining([key(0), key(twin)]));
      }),
      { numRuns: 100 },
    );
  });

  it('refuses an intent that contradicts itself', () => {
    fc.assert(
      fc.property(scenario, ({ pods, asks }) => {
        const ws = loadWorkspace([
          ...NAMESPACES.map((n) => ns(n)),
          ...pods.map((p, i) => podObject(p, i, labelsOf(p, i))),
        ]).workspace;
        const key = (i: number) => podKey(pods[i % pods.length]!.namespace, `p${i % pods.length}`);
        const a = asks[0]!;
        const from = { kind: 'pod' as const, key: key(a.from) };
        const to = { kind: 'pod' as const, key: key(a.from + 1) };
        const intent: Expectation[] = [
          { from, to, port: { port: 8080, protocol: 'TCP' }, expect: 'allowed', index: 0 },
          { from, to, port: 'any', expect: 'blocked', index: 1 },
        ];
        const r = synthesizePolicies(ws, intent);
        expect(r.policies).toEqual([]);
        expect(r.problems.map((p) => p.kind)).toContain('contradiction');
      }),
      { numRuns: 50 },
    );
  });
});
