import { describe, expect, it } from 'vitest';
import { podKey } from '../model/ids';
import { computeTruthTable } from '../evaluate/computeTruthTable';
import { evaluateConnection } from '../evaluate/evaluateConnection';
import { loadWorkspace } from '../normalize/loadWorkspace';
import { anp, banp, cnp, netpol, ns, pod } from '../testing/builders';
import { explainVerdict } from './explainVerdict';
import { formatTruthTable } from './formatTruthTable';

const ws = loadWorkspace([
  pod('a', 'web', { app: 'web' }),
  pod('a', 'db', { app: 'db' }),
  netpol('a', 'deny', { podSelector: {} }),
  netpol('a', 'web', {
    podSelector: { matchLabels: { app: 'web' } },
    ingress: [{ from: [{ podSelector: { matchLabels: { app: 'db' } } }], ports: [{ port: 80 }] }],
  }),
]).workspace;
const web = { kind: 'pod', key: podKey('a', 'web') } as const;
const db = { kind: 'pod', key: podKey('a', 'db') } as const;

describe('explainVerdict', () => {
  it.each([
    [
      'allowed, naming the rule',
      db,
      web,
      { port: 80, protocol: 'TCP' } as const,
      [
        'ALLOWED: a/db -> a/web on 80/TCP',
        'egress at a/db: allowed. Not isolated',
        'ingress at a/web: allowed. Isolated by a/deny, a/web; admitted by a/web spec.ingress[0] from[0] ports[0]',
      ],
    ],
    [
      'blocked, naming the isolating policies',
      web,
      db,
      { port: 80, protocol: 'TCP' } as const,
      [
        'BLOCKED: a/web -> a/db on 80/TCP',
        'ingress at a/db: BLOCKED. Isolated by a/deny; no rule of this policy admits this connection',
      ],
    ],
    [
      'self',
      web,
      web,
      'any' as const,
      ['ALLOWED: a/web -> a/web on any port (e.g. 1/TCP)', 'a pod can always reach itself'],
    ],
    [
      'outside address',
      { kind: 'ip', ip: '1.2.3.4' } as const,
      web,
      'any' as const,
      ['egress at 1.2.3.4: allowed (an outside address is not subject to NetworkPolicy)'],
    ],
  ])('%s', (_d, from, to, port, parts) => {
    const text = explainVerdict(evaluateConnection(ws, from, to, port));
    for (const p of parts) expect(text).toContain(p);
  });
});

describe('explainVerdict walks the admin tiers', () => {
  const tiers = (objects: object[]) =>
    loadWorkspace([ns('t', { team: 'x' }), pod('t', 'a'), pod('t', 'b'), ...objects]).workspace;
  const a = { kind: 'pod', key: podKey('t', 'a') } as const;
  const b = { kind: 'pod', key: podKey('t', 'b') } as const;
  const all = { namespaces: {} };
  const port = { port: 80, protocol: 'TCP' } as const;
  it.each([
    [
      'an admin Deny decides alone',
      [anp('deny-all-to-sensitive', 1, { subject: all, ingress: [{ action: 'Deny', from: [all] }] })],
      [
        'BLOCKED: t/a -> t/b on 80/TCP',
        'ingress at t/b: BLOCKED. Admin tier: rule 0 (Deny) of AdminNetworkPolicy/deny-all-to-sensitive spec.ingress[0] from[0] (no ports: every port) blocked it; NetworkPolicy and Baseline not consulted',
      ],
    ],
    [
      'an admin Pass hands over to the NetworkPolicy that admits',
      [
        anp('p', 1, { subject: all, ingress: [{ name: 'hand-over', action: 'Pass', from: [all] }] }),
        netpol('t', 'allow-web', { podSelector: {}, ingress: [{}] }),
      ],
      [
        'ALLOWED: t/a -> t/b on 80/TCP',
        'Admin tier: Pass at rule 0 of AdminNetworkPolicy/p spec.ingress[0] "hand-over" from[0] (no ports: every port); on to NetworkPolicy',
        'ingress at t/b: allowed. Isolated by t/allow-web; admitted by t/allow-web spec.ingress[0]',
      ],
    ],
    [
      'the baseline blocks when no NetworkPolicy isolates',
      [
        banp({
          subject: all,
          ingress: [
            { action: 'Allow', from: [{ namespaces: { matchLabels: { no: 'x' } } }] },
            { action: 'Deny', from: [all] },
          ],
        }),
      ],
      [
        'Not isolated: no NetworkPolicy selecting t/b has Ingress in policyTypes; on to the Baseline tier',
        'Baseline tier: rule 1 (Deny) of BaselineAdminNetworkPolicy/default spec.ingress[1] from[0] (no ports: every port) blocked it',
      ],
    ],
    [
      'no rule matches in either admin tier',
      [
        cnp('admin', 'Admin', 3, {
          subject: all,
          ingress: [{ action: 'Deny', from: [{ namespaces: { matchLabels: { no: 'x' } } }] }],
        }),
        cnp('base', 'Baseline', 3, { subject: all, ingress: [{ action: 'Pass', from: [all] }] }),
      ],
      [
        'ALLOWED: t/a -> t/b on 80/TCP',
        'Admin tier: no rule of ClusterNetworkPolicy/admin matches; on to NetworkPolicy',
        'Baseline tier: Pass at rule 0 of ClusterNetworkPolicy/base spec.ingress[0] from[0] (no ports: every port); no tier decided, so it is allowed by default',
      ],
    ],
  ])('%s', (_d, objects, parts) => {
    const text = explainVerdict(evaluateConnection(tiers(objects), a, b, port));
    for (const p of parts) expect(text).toContain(p);
  });
});

describe('formatTruthTable', () => {
  const table = computeTruthTable(ws, { ports: [{ port: 80, protocol: 'TCP' }], externals: ['1.2.3.4'] });
  it.each([
    ['text', 'a/web    allow  -      allow'],
    ['csv', 'a/db,a/web,80/TCP,true'],
    ['md', '| a/web | allow | - | allow |'],
    ['json', '"endpoints": ['],
  ] as const)('%s', (format, line) => {
    expect(formatTruthTable(table, format)).toContain(line);
  });
});
