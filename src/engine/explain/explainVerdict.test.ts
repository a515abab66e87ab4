import { describe, expect, it } from 'vitest';
import { podKey } from '../model/ids';
import { computeTruthTable } from '../evaluate/computeTruthTable';
import { evaluateConnection } from '../evaluate/evaluateConnection';
import { loadWorkspace } from '../normalize/loadWorkspace';
import { netpol, pod } from '../testing/builders';
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
