import { describe, expect, it } from 'vitest';
import { loadWorkspace } from '../normalize/loadWorkspace';
import { anp, banp, cnp, netpol, ns, pod } from '../testing/builders';
import { LINT_CODES } from './lintCodes';
import { lintWorkspace } from './lintWorkspace';

const base = [
  ns('a'),
  ns('b', { team: 'y' }),
  pod(
    'a',
    'web',
    { app: 'web' },
    {
      ip: '10.0.0.1',
      ports: [
        { name: 'http', port: 80 },
        { name: 'dns', port: 53, protocol: 'UDP' },
      ],
    },
  ),
  pod('b', 'cli', { app: 'cli' }, { ip: '10.0.1.1' }),
  pod(
    'kube-system',
    'coredns',
    { 'k8s-app': 'kube-dns' },
    { ip: '10.96.0.10', ports: [{ name: 'dns', port: 53, protocol: 'UDP' }] },
  ),
];
const lint = (objects: object[], options = {}) =>
  lintWorkspace(loadWorkspace([...base, ...objects], options).workspace);
const codes = (objects: object[], options = {}) =>
  lint(objects, options).map((d) => [d.code, d.source?.name, d.path]);
const dnsRule = {
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
};

describe('lintWorkspace', () => {
  it.each<[string, object[], (string | number | undefined | (string | number)[])[][]]>([
    [
      'NP001 policy selects no pod',
      [netpol('a', 'p', { podSelector: { matchLabels: { app: 'nope' } } })],
      [['NP001', 'p', ['spec', 'podSelector']]],
    ],
    [
      'NP002 podSelector peer selects nothing',
      [
        netpol('a', 'p', {
          podSelector: {},
          ingress: [{ from: [{ podSelector: { matchLabels: { app: 'ghost' } } }] }],
        }),
      ],
      [['NP002', 'p', ['spec', 'ingress', 0, 'from', 0]]],
    ],
    [
      'NP002 namespaceSelector matches no namespace',
      [
        netpol('a', 'p', {
          podSelector: {},
          ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'z' } } }] }],
        }),
      ],
      [['NP002', 'p', ['spec', 'ingress', 0, 'from', 0, 'namespaceSelector']]],
    ],
    [
      'NP003 named port no destination defines',
      [netpol('a', 'p', { podSelector: {}, ingress: [{ ports: [{ port: 'grpc' }] }] })],
      [['NP003', 'p', ['spec', 'ingress', 0, 'ports', 0, 'port']]],
    ],
    [
      'NP003 named port with the wrong protocol',
      [netpol('a', 'p', { podSelector: {}, ingress: [{ ports: [{ port: 'dns' }] }] })],
      [['NP003', 'p', ['spec', 'ingress', 0, 'ports', 0, 'port']]],
    ],
    [
      'NP004 egress deny blocks DNS to kube-dns',
      [netpol('a', 'deny', { podSelector: {}, policyTypes: ['Egress'] })],
      [['NP004', 'deny', ['spec', 'policyTypes']]],
    ],
    [
      'NP004 not raised when DNS is allowed',
      [netpol('a', 'deny', { podSelector: {}, policyTypes: ['Egress'], egress: [dnsRule] })],
      [],
    ],
    [
      'NP005 namespaceSelector then podSelector as two items',
      [
        netpol('a', 'p', {
          podSelector: {},
          ingress: [
            {
              from: [
                { namespaceSelector: { matchLabels: { team: 'y' } } },
                { podSelector: { matchLabels: { app: 'web' } } },
              ],
            },
          ],
        }),
      ],
      [['NP005', 'p', ['spec', 'ingress', 0, 'from', 1]]],
    ],
    [
      'NP006 allow-all next to a default deny',
      [netpol('a', 'deny', { podSelector: {} }), netpol('a', 'all', { podSelector: {}, ingress: [{}] })],
      [['NP006', 'all', ['spec', 'ingress', 0]]],
    ],
    [
      'NP007 ipBlock covering pod IPs',
      [netpol('a', 'p', { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '10.0.1.0/24' } }] }] })],
      [['NP007', 'p', ['spec', 'ingress', 0, 'from', 0, 'ipBlock']]],
    ],
    [
      'NP008 duplicate rule',
      [
        netpol('a', 'p', {
          podSelector: {},
          ingress: [{ ports: [{ port: 80 }] }, { ports: [{ port: 80 }] }],
        }),
      ],
      [['NP008', 'p', ['spec', 'ingress', 1]]],
    ],
    [
      'NP008 rule made redundant by an allow-all rule',
      [netpol('a', 'p', { podSelector: {}, ingress: [{ ports: [{ port: 80 }] }, {}] })],
      [['NP008', 'p', ['spec', 'ingress', 0]]],
    ],
    [
      'NP008 duplicate port entry',
      [
        netpol('a', 'p', {
          podSelector: {},
          ingress: [{ ports: [{ port: 80 }, { port: 80, protocol: 'TCP' }] }],
        }),
      ],
      [['NP008', 'p', ['spec', 'ingress', 0, 'ports', 1]]],
    ],
    [
      'NP008 same rule in two policies with the same podSelector',
      [
        netpol('a', 'p', { podSelector: {}, ingress: [{ ports: [{ port: 80 }] }] }),
        netpol('a', 'q', { podSelector: {}, ingress: [{ ports: [{ port: 80 }] }] }),
      ],
      [['NP008', 'q', ['spec', 'ingress', 0]]],
    ],
    [
      'NP009 policy in an undeclared namespace',
      [pod('ghost', 'x', { app: 'x' }), netpol('ghost', 'p', { podSelector: {} })],
      [['NP009', 'p', ['metadata', 'namespace']]],
    ],
    [
      'NP010 rules for a direction missing from policyTypes',
      [netpol('a', 'p', { podSelector: {}, policyTypes: ['Ingress'], egress: [dnsRule] })],
      [['NP010', 'p', ['spec', 'egress']]],
    ],
    [
      'a clean policy set',
      [
        netpol('a', 'p', {
          podSelector: { matchLabels: { app: 'web' } },
          ingress: [
            {
              from: [
                {
                  namespaceSelector: { matchLabels: { team: 'y' } },
                  podSelector: { matchLabels: { app: 'cli' } },
                },
              ],
              ports: [{ port: 'http' }],
            },
          ],
        }),
      ],
      [],
    ],
  ])('%s', (_d, objects, expected) => {
    expect(codes(objects)).toEqual(expected);
  });

  it('warns about DNS even without kube-dns pods when no rule admits port 53', () => {
    const ws = loadWorkspace([
      pod('a', 'web'),
      netpol('a', 'deny', { podSelector: {}, policyTypes: ['Egress'], egress: [{ ports: [{ port: 443 }] }] }),
    ]).workspace;
    const d = lintWorkspace(ws).filter((x) => x.code === 'NP004');
    expect(d).toHaveLength(1);
    expect(d[0]?.message).toContain('to no destination');
  });

  it('warns about DNS for a policies-only workspace', () => {
    const ws = loadWorkspace([netpol('a', 'deny', { podSelector: {}, policyTypes: ['Egress'] })]).workspace;
    expect(lintWorkspace(ws).map((d) => d.code)).toEqual(['NP004', 'NP009']);
  });

  it('has a catalogue entry for every code it emits, each documented', () => {
    expect(Object.keys(LINT_CODES)).toEqual([
      'NP001',
      'NP002',
      'NP003',
      'NP004',
      'NP005',
      'NP006',
      'NP007',
      'NP008',
      'NP009',
      'NP010',
      'NP011',
      'NP012',
      'NP013',
      'NP014',
    ]);
  });
});

describe('lintWorkspace: admin tiers', () => {
  const all = { namespaces: {} };
  const inA = { namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'a' } } };
  const fromAll = (action: string, extra: object = {}) => ({ action, from: [all], ...extra });
  const tierCodes = (objects: object[]) =>
    codes(objects).filter(([code]) => ['NP011', 'NP012', 'NP013', 'NP014'].includes(code as string));
  it.each<[string, object[], (string | number | undefined | (string | number)[])[][]]>([
    [
      'NP011 equal priorities with overlapping subjects',
      [
        anp('x', 5, { subject: all, ingress: [fromAll('Deny')] }),
        anp('y', 5, { subject: inA, ingress: [fromAll('Allow')] }),
      ],
      [['NP011', 'y', ['spec', 'priority']]],
    ],
    [
      'no NP011 for equal priorities with disjoint subjects, or different tiers',
      [
        cnp('x', 'Admin', 5, { subject: inA, ingress: [fromAll('Deny')] }),
        cnp('y', 'Admin', 5, {
          subject: { namespaces: { matchLabels: { team: 'y' } } },
          ingress: [fromAll('Deny')],
        }),
        cnp('z', 'Baseline', 5, { subject: inA, ingress: [fromAll('Deny')] }),
      ],
      [],
    ],
    [
      'NP012 Pass with no NetworkPolicy selecting the subject in that direction',
      [anp('x', 1, { subject: inA, ingress: [fromAll('Pass')] })],
      [['NP012', 'x', ['spec', 'ingress', 0, 'action']]],
    ],
    [
      'no NP012 when a NetworkPolicy isolates a subject pod in that direction',
      [anp('x', 1, { subject: inA, ingress: [fromAll('Pass')] }), netpol('a', 'deny', { podSelector: {} })],
      [],
    ],
    [
      'NP013 Deny after an Allow of the same policy that covers it',
      [
        anp('x', 1, {
          subject: inA,
          ingress: [
            fromAll('Allow'),
            {
              action: 'Deny',
              from: [{ namespaces: { matchLabels: { team: 'y' } } }],
              ports: [{ portNumber: { port: 80 } }],
            },
          ],
        }),
      ],
      [['NP013', 'x', ['spec', 'ingress', 1, 'action']]],
    ],
    [
      'NP013 Deny after a Pass of a lower-priority policy with a wider subject',
      [
        anp('first', 1, { subject: all, egress: [{ action: 'Pass', to: [all] }] }),
        anp('later', 2, { subject: inA, egress: [{ action: 'Deny', to: [all] }] }),
        netpol('a', 'deny-out', { podSelector: {}, policyTypes: ['Egress'] }),
        netpol('b', 'deny-out', { podSelector: {}, policyTypes: ['Egress'] }),
        netpol('kube-system', 'deny-out', { podSelector: {}, policyTypes: ['Egress'] }),
      ],
      [['NP013', 'later', ['spec', 'egress', 0, 'action']]],
    ],
    [
      'no NP013 when the earlier Allow covers fewer ports',
      [
        anp('x', 1, {
          subject: inA,
          ingress: [fromAll('Allow', { ports: [{ portNumber: { port: 80 } }] }), fromAll('Deny')],
        }),
      ],
      [],
    ],
    [
      'NP014 subject selects no pod',
      [banp({ subject: { namespaces: { matchLabels: { team: 'ghost' } } }, ingress: [fromAll('Deny')] })],
      [['NP014', 'default', ['spec', 'subject', 'namespaces']]],
    ],
  ])('%s', (_d, objects, expected) => {
    expect(tierCodes(objects)).toEqual(expected);
  });
});
