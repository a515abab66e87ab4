import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PortQuery } from '../../model/verdict';
import { loadWorkspace } from '../../normalize/loadWorkspace';
import { banp, labelledNode, netpol, ns, pod } from '../../testing/builders';
import { createEvaluator } from './createEvaluator';

// Block sums are read from the groups' matrix; the byte matrix (itself checked against the
// reference by fastEngine.property.test.ts) is what they must add up to.
const labels = fc.record({ app: fc.constantFrom('x', 'y', 'z') }, { requiredKeys: [] });
const podArb = fc.record({
  namespace: fc.constantFrom('a', 'b', 'c'),
  labels,
  ip: fc.option(fc.constantFrom('10.0.0.1', '10.0.0.2', '10.0.0.3', '192.168.0.1'), { nil: undefined }),
  nodeName: fc.option(fc.constantFrom('n1', 'n2'), { nil: undefined }),
  hostNetwork: fc.constantFrom(false, false, false, true),
});
const peer = fc.oneof(
  fc.record({ podSelector: fc.record({ matchLabels: labels }) }),
  fc.record({
    namespaceSelector: fc.record({ matchLabels: fc.record({ team: fc.constantFrom('t1', 't2') }) }),
  }),
  fc.record({
    ipBlock: fc.constantFrom({ cidr: '10.0.0.0/8' }, { cidr: '0.0.0.0/0', except: ['10.0.0.0/30'] }),
  }),
);
const policy = fc.record({
  namespace: fc.constantFrom('a', 'b', 'c'),
  podSelector: fc.record({ matchLabels: labels }),
  policyTypes: fc.constantFrom(['Ingress'], ['Egress'], ['Ingress', 'Egress']),
  from: fc.array(peer, { maxLength: 2 }),
  to: fc.array(peer, { maxLength: 2 }),
  port: fc.option(fc.constantFrom(53, 80), { nil: undefined }),
});
const scenario = fc.record({
  pods: fc.array(podArb, { minLength: 1, maxLength: 12 }),
  policies: fc.array(policy, { maxLength: 5 }),
  externals: fc.uniqueArray(fc.constantFrom('8.8.8.8', '10.0.0.1', '10.0.0.9', '192.168.0.1'), {
    maxLength: 3,
  }),
  baseline: fc.boolean(),
  blocks: fc.integer({ min: 1, max: 5 }),
  seed: fc.nat(),
});
const PORTS: PortQuery[] = ['any', { port: 80, protocol: 'TCP' }];

describe('block sums of the fast table', () => {
  it('add up, per block pair and over flagged rows and columns, to the cells of the byte matrix', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const ws = loadWorkspace([
          ns('a', { team: 't1' }),
          ns('b', { team: 't2' }),
          ns('c'),
          labelledNode('n1', {}, ['192.168.0.1']),
          labelledNode('n2', {}, ['192.168.0.2']),
          ...s.pods.map((p, i) =>
            pod(p.namespace, `p${i}`, p.labels, {
              ...(p.ip ? { ip: p.ip } : {}),
              ...(p.nodeName ? { nodeName: p.nodeName } : {}),
              hostNetwork: p.hostNetwork,
            }),
          ),
          ...s.policies.map((p, i) =>
            netpol(p.namespace, `np${i}`, {
              podSelector: p.podSelector,
              policyTypes: p.policyTypes,
              ingress: [{ from: p.from, ...(p.port ? { ports: [{ port: p.port }] } : {}) }],
              egress: [{ to: p.to }],
            }),
          ),
          // An admin tier makes the table ungrouped (each class its own group).
          ...(s.baseline
            ? [
                banp({
                  subject: { namespaces: {} },
                  ingress: [{ action: 'Deny', from: [{ namespaces: {} }] }],
                }),
              ]
            : []),
        ]).workspace;
        const table = createEvaluator(ws).table({ ports: PORTS, externals: s.externals });
        const n = table.rows.length;
        let r = s.seed;
        const next = () => (r = (r * 1103515245 + 12345) % 2147483648);
        const block = Int32Array.from({ length: n }, () => next() % s.blocks);
        const rowFlag = Uint8Array.from({ length: n }, () => next() % 2);
        const colFlag = Uint8Array.from({ length: n }, () => next() % 2);
        PORTS.forEach((_, k) => {
          const bytes = table.toByteMatrix(k);
          const size = s.blocks * s.blocks;
          const expected = {
            all: new Float64Array(size),
            from: new Float64Array(size),
            to: new Float64Array(size),
          };
          for (let i = 0; i < n; i++)
            for (let j = 0; j < n; j++) {
              if (bytes[i * n + j] !== 1) continue;
              const at = block[i]! * s.blocks + block[j]!;
              expected.all[at]!++;
              if (rowFlag[i] === 1) expected.from[at]!++;
              if (colFlag[j] === 1) expected.to[at]!++;
            }
          const sums = table.blockSums(k, block, s.blocks, rowFlag, colFlag)!;
          expect([...sums.all]).toEqual([...expected.all]);
          expect([...sums.fromFlagged]).toEqual([...expected.from]);
          expect([...sums.toFlagged]).toEqual([...expected.to]);
          // Written over sums of the same size that hold other numbers: the same sums.
          const dirty = {
            blocks: s.blocks,
            all: sums.all.map(() => 7),
            fromFlagged: sums.all.map(() => 3),
            toFlagged: sums.all.map(() => 5),
          };
          const again = table.blockSums(k, block, s.blocks, rowFlag, colFlag, dirty)!;
          expect(again.all).toBe(dirty.all);
          expect([...again.all]).toEqual([...expected.all]);
          expect([...again.fromFlagged]).toEqual([...expected.from]);
          expect([...again.toFlagged]).toEqual([...expected.to]);
        });
      }),
      { numRuns: 400 },
    );
  });
});
