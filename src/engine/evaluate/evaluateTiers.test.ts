import { describe, expect, it } from 'vitest';
import { podKey } from '../model/ids';
import type { Endpoint, PortQuery, TierDecision } from '../model/verdict';
import { loadWorkspace } from '../normalize/loadWorkspace';
import { anp, banp, cnp, labelledNode, netpol, ns, pod } from '../testing/builders';
import { computeTruthTable } from './computeTruthTable';
import { evaluateConnection } from './evaluateConnection';

const P = (key: string): Endpoint => {
  const [n = '', name = ''] = key.split('/');
  return { kind: 'pod', key: podKey(n, name) };
};
const IP = (ip: string): Endpoint => ({ kind: 'ip', ip });
const tcp = (port: number | string): PortQuery => ({ port, protocol: 'TCP' });
const udp = (port: number | string): PortQuery => ({ port, protocol: 'UDP' });

/** Namespaces a (team=x) and b (team=y); a/web serves http on 8080/TCP and dns on 53/UDP. */
const world: object[] = [
  ns('a', { team: 'x' }),
  ns('b', { team: 'y' }),
  pod(
    'a',
    'web',
    { app: 'web' },
    {
      ip: '10.0.0.1',
      ports: [
        { name: 'http', port: 8080 },
        { name: 'dns', port: 53, protocol: 'UDP' },
      ],
    },
  ),
  pod('a', 'db', { app: 'db' }, { ip: '10.0.0.2' }),
  pod('b', 'cli', { app: 'cli' }, { ip: '10.0.1.2' }),
  labelledNode('n1', { role: 'infra' }, ['192.168.1.1']),
];
const teamX = { matchLabels: { team: 'x' } };
const teamY = { matchLabels: { team: 'y' } };
const web = { matchLabels: { app: 'web' } };
const inA = { namespaces: teamX };
const fromB = (action: string, extra: object = {}) => ({ action, from: [{ namespaces: teamY }], ...extra });
const toB = (action: string, extra: object = {}) => ({ action, to: [{ namespaces: teamY }], ...extra });
const denyIngressA = netpol('a', 'deny-in', { podSelector: {} });

const check = (objects: object[], from: Endpoint, to: Endpoint, port: PortQuery) =>
  evaluateConnection(loadWorkspace([...world, ...objects]).workspace, from, to, port);

type Row = [string, object[], Endpoint, Endpoint, PortQuery, boolean];

describe('tier order (README "Admin tiers")', () => {
  it.each<Row>([
    [
      'admin Allow overrides a NetworkPolicy that isolates',
      [denyIngressA, anp('x', 1, { subject: inA, ingress: [fromB('Allow')] })],
      P('b/cli'),
      P('a/web'),
      tcp(80),
      true,
    ],
    [
      'admin Deny wins over everything after it',
      [
        anp('x', 1, { subject: inA, ingress: [fromB('Deny')] }),
        banp({ subject: inA, ingress: [fromB('Allow')] }),
      ],
      P('b/cli'),
      P('a/web'),
      tcp(80),
      false,
    ],
    [
      'admin Pass hands over to NetworkPolicy (which blocks)',
      [denyIngressA, anp('x', 1, { subject: inA, ingress: [fromB('Pass'), fromB('Allow')] })],
      P('b/cli'),
      P('a/web'),
      tcp(80),
      false,
    ],
    [
      'admin Pass skips lower-priority admin policies',
      [
        anp('x', 1, { subject: inA, ingress: [fromB('Pass')] }),
        anp('y', 2, { subject: inA, ingress: [fromB('Deny')] }),
      ],
      P('b/cli'),
      P('a/web'),
      tcp(80),
      true,
    ],
    [
      'lower priority is evaluated first',
      [
        anp('late', 20, { subject: inA, ingress: [fromB('Allow')] }),
        anp('early', 10, { subject: inA, ingress: [fromB('Deny')] }),
      ],
      P('b/cli'),
      P('a/web'),
      tcp(80),
      false,
    ],
    [
      'first matching rule wins inside a policy',
      [anp('x', 1, { subject: inA, ingress: [fromB('Allow'), fromB('Deny')] })],
      P('b/cli'),
      P('a/web'),
      tcp(80),
      true,
    ],
    [
      'no implicit isolation: a subject no rule matches falls through',
      [anp('x', 1, { subject: inA, ingress: [{ action: 'Deny', from: [{ namespaces: teamX }] }] })],
      P('b/cli'),
      P('a/web'),
      tcp(80),
      true,
    ],
    [
      'baseline decides when no NetworkPolicy isolates',
      [banp({ subject: inA, ingress: [fromB('Deny')] })],
      P('b/cli'),
      P('a/web'),
      tcp(80),
      false,
    ],
    [
      'a NetworkPolicy that isolates overrides the baseline',
      [
        netpol('a', 'allow-b', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: teamY }] }] }),
        banp({ subject: inA, ingress: [fromB('Deny')] }),
      ],
      P('b/cli'),
      P('a/web'),
      tcp(80),
      true,
    ],
    [
      'egress is decided at the source',
      [anp('x', 1, { subject: inA, egress: [toB('Deny')] })],
      P('a/db'),
      P('b/cli'),
      tcp(80),
      false,
    ],
    [
      'a subject selects by pods {namespaceSelector, podSelector}',
      [
        anp('x', 1, {
          subject: { pods: { namespaceSelector: teamX, podSelector: web } },
          ingress: [fromB('Deny')],
        }),
      ],
      P('b/cli'),
      P('a/db'),
      tcp(80),
      true,
    ],
    [
      'ports: portNumber with its protocol',
      [
        anp('x', 1, {
          subject: inA,
          ingress: [fromB('Deny', { ports: [{ portNumber: { protocol: 'UDP', port: 53 } }] })],
        }),
      ],
      P('b/cli'),
      P('a/web'),
      udp(53),
      false,
    ],
    [
      'ports: protocol defaults to TCP',
      [anp('x', 1, { subject: inA, ingress: [fromB('Deny', { ports: [{ portNumber: { port: 53 } }] })] })],
      P('b/cli'),
      P('a/web'),
      udp(53),
      true,
    ],
    [
      'ports: portRange is inclusive',
      [
        anp('x', 1, {
          subject: inA,
          ingress: [fromB('Deny', { ports: [{ portRange: { start: 8000, end: 8080 } }] })],
        }),
      ],
      P('b/cli'),
      P('a/web'),
      tcp(8080),
      false,
    ],
    [
      'ports: namedPort resolves with the container port protocol',
      [anp('x', 1, { subject: inA, ingress: [fromB('Deny', { ports: [{ namedPort: 'dns' }] })] })],
      P('b/cli'),
      P('a/web'),
      udp(53),
      false,
    ],
    [
      'networks match outside addresses',
      [anp('x', 1, { subject: inA, egress: [{ action: 'Deny', to: [{ networks: ['8.8.8.0/24'] }] }] })],
      P('a/web'),
      IP('8.8.8.8'),
      tcp(53),
      false,
    ],
    [
      'networks match pods by their IP',
      [anp('x', 1, { subject: inA, egress: [{ action: 'Deny', to: [{ networks: ['10.0.1.0/24'] }] }] })],
      P('a/web'),
      P('b/cli'),
      tcp(80),
      false,
    ],
    [
      'nodes match node addresses by node labels',
      [
        anp('x', 1, {
          subject: inA,
          egress: [{ action: 'Deny', to: [{ nodes: { matchLabels: { role: 'infra' } } }] }],
        }),
      ],
      P('a/web'),
      IP('192.168.1.1'),
      tcp(10250),
      false,
    ],
    [
      'v1alpha2: Accept at admin tier overrides a NetworkPolicy',
      [denyIngressA, cnp('x', 'Admin', 1, { subject: inA, ingress: [fromB('Accept')] })],
      P('b/cli'),
      P('a/web'),
      tcp(80),
      true,
    ],
    [
      'v1alpha2: protocols tcp destinationPort number',
      [
        cnp('x', 'Admin', 1, {
          subject: inA,
          ingress: [fromB('Deny', { protocols: [{ tcp: { destinationPort: { number: 80 } } }] })],
        }),
      ],
      P('b/cli'),
      P('a/web'),
      tcp(80),
      false,
    ],
    [
      'v1alpha2: protocols udp range does not match TCP',
      [
        cnp('x', 'Admin', 1, {
          subject: inA,
          ingress: [
            fromB('Deny', { protocols: [{ udp: { destinationPort: { range: { start: 1, end: 100 } } } }] }),
          ],
        }),
      ],
      P('b/cli'),
      P('a/web'),
      tcp(80),
      true,
    ],
    [
      'v1alpha2: destinationNamedPort',
      [
        cnp('x', 'Admin', 1, {
          subject: inA,
          ingress: [fromB('Deny', { protocols: [{ destinationNamedPort: 'http' }] })],
        }),
      ],
      P('b/cli'),
      P('a/web'),
      tcp(8080),
      false,
    ],
    [
      'v1alpha2: Baseline-tier Pass goes on to the default allow',
      [
        cnp('x', 'Baseline', 1, { subject: inA, ingress: [fromB('Pass')] }),
        cnp('y', 'Baseline', 2, { subject: inA, ingress: [fromB('Deny')] }),
      ],
      P('b/cli'),
      P('a/web'),
      tcp(80),
      true,
    ],
    [
      'outside addresses are not subjects',
      [
        anp('x', 1, {
          subject: { namespaces: {} },
          egress: [{ action: 'Deny', to: [{ networks: ['0.0.0.0/0'] }] }],
        }),
      ],
      IP('8.8.8.8'),
      P('a/web'),
      tcp(80),
      true,
    ],
  ])('%s', (_name, objects, from, to, port, allowed) => {
    expect(check(objects, from, to, port).allowed).toBe(allowed);
  });
});

describe('decisions name each tier consulted', () => {
  const decisions = (objects: object[], from: Endpoint, to: Endpoint): readonly TierDecision[] =>
    check(objects, from, to, tcp(80)).ingress.decisions;

  it('an admin decision alone when it decides', () => {
    const d = decisions(
      [denyIngressA, anp('x', 1, { subject: inA, ingress: [{ name: 'r0', ...fromB('Deny') }] })],
      P('b/cli'),
      P('a/web'),
    );
    expect(d).toEqual([
      {
        tier: 'admin',
        kind: 'blocked',
        policies: ['AdminNetworkPolicy/x'],
        match: {
          policy: 'AdminNetworkPolicy/x',
          direction: 'Ingress',
          ruleIndex: 0,
          ruleName: 'r0',
          action: 'Deny',
          peerIndex: 0,
          portIndex: null,
        },
      },
    ]);
  });

  it('admin pass, then NetworkPolicy', () => {
    const d = decisions(
      [denyIngressA, anp('x', 1, { subject: inA, ingress: [fromB('Pass')] })],
      P('b/cli'),
      P('a/web'),
    );
    expect(d.map((x) => [x.tier, x.kind])).toEqual([
      ['admin', 'pass'],
      ['networkpolicy', 'blocked'],
    ]);
  });

  it('NetworkPolicy not isolated, then baseline', () => {
    const d = decisions([banp({ subject: inA, ingress: [fromB('Allow')] })], P('b/cli'), P('a/web'));
    expect(d.map((x) => [x.tier, x.kind])).toEqual([
      ['networkpolicy', 'not-isolated'],
      ['baseline', 'allowed'],
    ]);
  });

  it('unchanged for a workspace without admin policies', () => {
    expect(decisions([], P('b/cli'), P('a/web'))).toEqual([{ tier: 'networkpolicy', kind: 'not-isolated' }]);
  });
});

describe('any port through the tiers', () => {
  it('admin Deny on one port leaves the others to the next tiers', () => {
    const v = check(
      [anp('x', 1, { subject: inA, ingress: [fromB('Deny', { ports: [{ portNumber: { port: 80 } }] })] })],
      P('b/cli'),
      P('a/web'),
      'any',
    );
    expect(v.allowed).toBe(true);
    expect(v.witness).not.toEqual({ port: 80, protocol: 'TCP' });
  });

  it('admin Deny of everything blocks every port', () => {
    const v = check(
      [
        anp('x', 1, { subject: inA, ingress: [fromB('Deny')] }),
        netpol('a', 'open', { podSelector: {}, ingress: [{}] }),
      ],
      P('b/cli'),
      P('a/web'),
      'any',
    );
    expect(v.allowed).toBe(false);
    expect(v.reason).toBe('ingress-blocked');
  });

  it('admin Pass on some ports leaves them to the NetworkPolicy', () => {
    const objects = [
      denyIngressA,
      anp('x', 1, {
        subject: inA,
        ingress: [fromB('Pass', { ports: [{ portNumber: { port: 80 } }] }), fromB('Allow')],
      }),
    ];
    const v = check(objects, P('b/cli'), P('a/web'), 'any');
    expect(v.allowed).toBe(true);
    expect(v.witness).not.toEqual({ port: 80, protocol: 'TCP' });
    expect(check(objects, P('b/cli'), P('a/web'), tcp(80)).allowed).toBe(false);
  });
});

describe('the truth table (fast engine) with tiers', () => {
  it('tells apart pods that differ only by IP when a networks peer matches one of them', () => {
    const objects = [
      ns('a'),
      pod('a', 'p1', { app: 'x' }, { ip: '10.0.0.1' }),
      pod('a', 'p2', { app: 'x' }, { ip: '10.0.9.9' }),
      pod('a', 'src', { app: 'src' }),
      anp('x', 1, {
        subject: { namespaces: {} },
        egress: [{ action: 'Deny', to: [{ networks: ['10.0.0.0/24'] }] }],
      }),
    ];
    const ws = loadWorkspace(objects, { ipBlockMatchesPodIPs: false }).workspace;
    const table = computeTruthTable(ws, { ports: [tcp(80)] });
    const row = (key: string) => table.rows.findIndex((r) => r.key === key);
    expect(table.isAllowed(row('a/src'), row('a/p1'), 0)).toBe(false);
    expect(table.isAllowed(row('a/src'), row('a/p2'), 0)).toBe(true);
  });

  it('tells apart nodes by their labels for nodes peers', () => {
    const objects = [
      ns('a'),
      pod('a', 'src', { app: 'src' }),
      labelledNode('n1', { role: 'infra' }, ['192.168.0.1']),
      labelledNode('n2', { role: 'edge' }, ['192.168.0.2']),
      anp('x', 1, {
        subject: { namespaces: {} },
        egress: [{ action: 'Deny', to: [{ nodes: { matchLabels: { role: 'infra' } } }] }],
      }),
    ];
    const ws = loadWorkspace(objects).workspace;
    const table = computeTruthTable(ws, { ports: [tcp(80)], externals: ['192.168.0.1', '192.168.0.2'] });
    const row = (key: string) => table.rows.findIndex((r) => r.key === key);
    expect(table.isAllowed(row('a/src'), row('192.168.0.1'), 0)).toBe(false);
    expect(table.isAllowed(row('a/src'), row('192.168.0.2'), 0)).toBe(true);
  });
});
