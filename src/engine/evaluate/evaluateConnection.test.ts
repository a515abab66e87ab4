import { describe, expect, it } from 'vitest';
import { podKey } from '../model/ids';
import type { Endpoint, PortQuery } from '../model/verdict';
import { loadWorkspace } from '../normalize/loadWorkspace';
import { netpol, node, ns, pod } from '../testing/builders';
import { evaluateConnection } from './evaluateConnection';

const P = (key: string): Endpoint => {
  const [n = '', name = ''] = key.split('/');
  return { kind: 'pod', key: podKey(n, name) };
};
const IP = (ip: string): Endpoint => ({ kind: 'ip', ip });
const tcp = (port: number | string): PortQuery => ({ port, protocol: 'TCP' });
const udp = (port: number): PortQuery => ({ port, protocol: 'UDP' });
const sctp = (port: number): PortQuery => ({ port, protocol: 'SCTP' });

/** A small world: namespaces a (team=x) and b (team=y), pods with labels, ports and IPs. */
const world = [
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
  pod('a', 'db', { app: 'db' }, { ip: '10.0.0.2', ports: [{ port: 5432 }] }),
  pod('b', 'web', { app: 'web' }, { ip: '10.0.1.1', ports: [{ name: 'http', port: 9090 }] }),
  pod('b', 'cli', { app: 'cli', env: 'prod' }, { ip: '10.0.1.2' }),
];

type Row = [string, object[], Endpoint, Endpoint, PortQuery, boolean];
const check = (policies: object[], from: Endpoint, to: Endpoint, port: PortQuery, options = {}) =>
  evaluateConnection(loadWorkspace([...world, ...policies], options).workspace, from, to, port);

const denyIngress = (n: string, sel = {}) => netpol(n, 'deny-in', { podSelector: sel });
const denyEgress = (n: string) => netpol(n, 'deny-out', { podSelector: {}, policyTypes: ['Egress'] });
const allowIn = (n: string, name: string, sel: object, rules: object[]) =>
  netpol(n, name, { podSelector: sel, ingress: rules });
const allowOut = (n: string, name: string, sel: object, rules: object[]) =>
  netpol(n, name, { podSelector: sel, policyTypes: ['Egress'], egress: rules });
const webSel = { matchLabels: { app: 'web' } };

describe('isolation and additivity', () => {
  it.each<Row>([
    ['no policy: everything allowed', [], P('b/cli'), P('a/web'), tcp(80), true],
    ['default-deny ingress blocks', [denyIngress('a')], P('b/cli'), P('a/web'), tcp(80), false],
    ['default-deny ingress does not touch egress', [denyIngress('a')], P('a/web'), P('b/cli'), tcp(80), true],
    [
      'default-deny ingress in another namespace does not apply',
      [denyIngress('b')],
      P('b/cli'),
      P('a/web'),
      tcp(80),
      true,
    ],
    [
      'a policy selecting other pods does not isolate',
      [denyIngress('a', { matchLabels: { app: 'db' } })],
      P('b/cli'),
      P('a/web'),
      tcp(80),
      true,
    ],
    [
      'rules are additive across policies',
      [denyIngress('a'), allowIn('a', 'allow', webSel, [{}])],
      P('b/cli'),
      P('a/web'),
      tcp(80),
      true,
    ],
    [
      'a later policy cannot narrow an allow',
      [allowIn('a', 'all', {}, [{}]), allowIn('a', 'narrow', webSel, [{ ports: [{ port: 1 }] }])],
      P('b/cli'),
      P('a/web'),
      tcp(80),
      true,
    ],
    [
      'egress deny at source blocks even if destination allows',
      [denyEgress('b')],
      P('b/cli'),
      P('a/web'),
      tcp(80),
      false,
    ],
    [
      'egress deny does not affect ingress to that namespace',
      [denyEgress('b')],
      P('a/web'),
      P('b/cli'),
      tcp(80),
      true,
    ],
    [
      'both sides must allow: egress ok, ingress blocked',
      [allowOut('b', 'out', {}, [{}]), denyIngress('a')],
      P('b/cli'),
      P('a/web'),
      tcp(80),
      false,
    ],
    ['`ingress: []` allows nobody', [allowIn('a', 'none', {}, [])], P('b/cli'), P('a/web'), tcp(80), false],
    [
      '`ingress: [{}]` allows everybody',
      [allowIn('a', 'all', {}, [{}])],
      IP('8.8.8.8'),
      P('a/web'),
      tcp(80),
      true,
    ],
    [
      '`egress: []` without policyTypes is NOT egress isolation',
      [netpol('b', 'e', { podSelector: {}, ingress: [{}], egress: [] })],
      P('b/cli'),
      P('a/web'),
      tcp(80),
      true,
    ],
    [
      '`policyTypes: [Egress]` without rules denies all egress',
      [netpol('b', 'e', { podSelector: {}, policyTypes: ['Egress'] })],
      P('b/cli'),
      P('a/web'),
      tcp(80),
      false,
    ],
    [
      'ingress rules not enforced when policyTypes is [Egress]',
      [netpol('a', 'e', { podSelector: {}, policyTypes: ['Egress'], ingress: [] })],
      P('b/cli'),
      P('a/web'),
      tcp(80),
      true,
    ],
  ])('%s', (_d, policies, from, to, port, expected) => {
    expect(check(policies, from, to, port).allowed).toBe(expected);
  });
});

describe('peers', () => {
  const from = (peers: object[]) => [allowIn('a', 'p', webSel, [{ from: peers }])];
  it.each<Row>([
    [
      'podSelector alone: the policy namespace only',
      from([{ podSelector: { matchLabels: { app: 'db' } } }]),
      P('a/db'),
      P('a/web'),
      tcp(80),
      true,
    ],
    [
      'podSelector alone does not match other namespaces',
      from([{ podSelector: { matchLabels: { app: 'cli' } } }]),
      P('b/cli'),
      P('a/web'),
      tcp(80),
      false,
    ],
    [
      'namespaceSelector alone: all pods of matched namespaces',
      from([{ namespaceSelector: { matchLabels: { team: 'y' } } }]),
      P('b/cli'),
      P('a/web'),
      tcp(80),
      true,
    ],
    [
      'namespaceSelector alone: not other namespaces',
      from([{ namespaceSelector: { matchLabels: { team: 'y' } } }]),
      P('a/db'),
      P('a/web'),
      tcp(80),
      false,
    ],
    [
      'namespaceSelector {} = all namespaces',
      from([{ namespaceSelector: {} }]),
      P('b/cli'),
      P('a/web'),
      tcp(80),
      true,
    ],
    [
      'namespaceSelector {} does not match outside addresses',
      from([{ namespaceSelector: {} }]),
      IP('8.8.8.8'),
      P('a/web'),
      tcp(80),
      false,
    ],
    [
      'namespaceSelector by kubernetes.io/metadata.name',
      from([{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'b' } } }]),
      P('b/cli'),
      P('a/web'),
      tcp(80),
      true,
    ],
    [
      'both selectors in one peer = AND (match)',
      from([
        { namespaceSelector: { matchLabels: { team: 'y' } }, podSelector: { matchLabels: { app: 'cli' } } },
      ]),
      P('b/cli'),
      P('a/web'),
      tcp(80),
      true,
    ],
    [
      'both selectors in one peer = AND (pod fails)',
      from([
        { namespaceSelector: { matchLabels: { team: 'y' } }, podSelector: { matchLabels: { app: 'cli' } } },
      ]),
      P('b/web'),
      P('a/web'),
      tcp(80),
      false,
    ],
    [
      'both selectors in one peer = AND (namespace fails)',
      from([
        { namespaceSelector: { matchLabels: { team: 'x' } }, podSelector: { matchLabels: { app: 'cli' } } },
      ]),
      P('b/cli'),
      P('a/web'),
      tcp(80),
      false,
    ],
    [
      'two peers = OR',
      from([
        { namespaceSelector: { matchLabels: { team: 'x' } } },
        { podSelector: { matchLabels: { app: 'cli' } } },
      ]),
      P('a/db'),
      P('a/web'),
      tcp(80),
      true,
    ],
    [
      'podSelector with NotIn and a missing key matches',
      from([
        {
          namespaceSelector: {},
          podSelector: { matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['dev'] }] },
        },
      ]),
      P('a/db'),
      P('a/web'),
      tcp(80),
      true,
    ],
    [
      'podSelector with matchLabels AND matchExpressions',
      from([
        {
          namespaceSelector: {},
          podSelector: {
            matchLabels: { app: 'cli' },
            matchExpressions: [{ key: 'env', operator: 'In', values: ['dev'] }],
          },
        },
      ]),
      P('b/cli'),
      P('a/web'),
      tcp(80),
      false,
    ],
    [
      'ipBlock matches an outside address',
      from([{ ipBlock: { cidr: '8.8.0.0/16' } }]),
      IP('8.8.8.8'),
      P('a/web'),
      tcp(80),
      true,
    ],
    [
      'ipBlock except excludes',
      from([{ ipBlock: { cidr: '8.8.0.0/16', except: ['8.8.8.0/24'] } }]),
      IP('8.8.8.8'),
      P('a/web'),
      tcp(80),
      false,
    ],
    [
      'ipBlock with host bits set means the masked network',
      from([{ ipBlock: { cidr: '10.0.1.10/4' } }]),
      IP('3.3.3.3'),
      P('a/web'),
      tcp(80),
      true,
    ],
    [
      'ipBlock host-bit CIDR does not reach outside the mask',
      from([{ ipBlock: { cidr: '10.0.1.10/4' } }]),
      IP('16.0.0.1'),
      P('a/web'),
      tcp(80),
      false,
    ],
    [
      'IPv6 ipBlock with except: inside',
      from([{ ipBlock: { cidr: '2001:db8::/32', except: ['2001:db8:1::/48'] } }]),
      IP('2001:db8:2::1'),
      P('a/web'),
      tcp(80),
      true,
    ],
    [
      'IPv6 ipBlock with except: excepted',
      from([{ ipBlock: { cidr: '2001:db8::/32', except: ['2001:db8:1::/48'] } }]),
      IP('2001:db8:1::1'),
      P('a/web'),
      tcp(80),
      false,
    ],
    [
      'IPv4 ipBlock never matches IPv6',
      from([{ ipBlock: { cidr: '0.0.0.0/0' } }]),
      IP('2001:db8::1'),
      P('a/web'),
      tcp(80),
      false,
    ],
    [
      'empty `from` admits outside addresses too',
      [allowIn('a', 'p', webSel, [{ ports: [{ port: 80 }] }])],
      IP('1.2.3.4'),
      P('a/web'),
      tcp(80),
      true,
    ],
  ])('%s', (_d, policies, from, to, port, expected) => {
    expect(check(policies, from, to, port).allowed).toBe(expected);
  });

  it.each([
    [true, true],
    [false, false],
  ])('ipBlock matches a pod by its IP iff ipBlockMatchesPodIPs=%s', (option, expected) => {
    const policies = from([{ ipBlock: { cidr: '10.0.1.0/24' } }]);
    expect(check(policies, P('b/cli'), P('a/web'), tcp(80), { ipBlockMatchesPodIPs: option }).allowed).toBe(
      expected,
    );
    // The same address given as an IP endpoint is that pod, so it gets the same answer.
    expect(
      check(policies, IP('10.0.1.2'), P('a/web'), tcp(80), { ipBlockMatchesPodIPs: option }).allowed,
    ).toBe(expected);
  });
});

describe('ports', () => {
  const ports = (entries: object[] | undefined) => [
    allowIn('a', 'p', webSel, [entries === undefined ? {} : { ports: entries }]),
  ];
  it.each<Row>([
    ['numeric port', ports([{ port: 8080 }]), P('b/cli'), P('a/web'), tcp(8080), true],
    ['numeric port, other port', ports([{ port: 8080 }]), P('b/cli'), P('a/web'), tcp(8081), false],
    [
      'protocol defaults to TCP: UDP blocked',
      ports([{ port: 8080 }]),
      P('b/cli'),
      P('a/web'),
      udp(8080),
      false,
    ],
    [
      'UDP rule never admits TCP',
      ports([{ port: 53, protocol: 'UDP' }]),
      P('b/cli'),
      P('a/web'),
      tcp(53),
      false,
    ],
    ['UDP rule admits UDP', ports([{ port: 53, protocol: 'UDP' }]), P('b/cli'), P('a/web'), udp(53), true],
    ['SCTP rule admits SCTP', ports([{ port: 9, protocol: 'SCTP' }]), P('b/cli'), P('a/web'), sctp(9), true],
    ['`ports: []` = all ports and protocols', ports([]), P('b/cli'), P('a/web'), sctp(1), true],
    ['missing ports = all ports', ports(undefined), P('b/cli'), P('a/web'), udp(65535), true],
    [
      'protocol-only entry: all ports of it',
      ports([{ protocol: 'UDP' }]),
      P('b/cli'),
      P('a/web'),
      udp(1234),
      true,
    ],
    [
      'endPort range: inside',
      ports([{ port: 8000, endPort: 8100 }]),
      P('b/cli'),
      P('a/web'),
      tcp(8050),
      true,
    ],
    [
      'endPort range: last port',
      ports([{ port: 8000, endPort: 8100 }]),
      P('b/cli'),
      P('a/web'),
      tcp(8100),
      true,
    ],
    [
      'endPort range: outside',
      ports([{ port: 8000, endPort: 8100 }]),
      P('b/cli'),
      P('a/web'),
      tcp(8101),
      false,
    ],
    [
      'named port resolves on the destination',
      ports([{ port: 'http' }]),
      P('b/cli'),
      P('a/web'),
      tcp(8080),
      true,
    ],
    ['named port: other number', ports([{ port: 'http' }]), P('b/cli'), P('a/web'), tcp(9090), false],
    [
      'named port with mismatched protocol admits nothing',
      ports([{ port: 'dns', protocol: 'TCP' }]),
      P('b/cli'),
      P('a/web'),
      tcp(53),
      false,
    ],
    [
      'named port with matching protocol',
      ports([{ port: 'dns', protocol: 'UDP' }]),
      P('b/cli'),
      P('a/web'),
      udp(53),
      true,
    ],
    ['question by port name', ports([{ port: 8080 }]), P('b/cli'), P('a/web'), tcp('http'), true],
    [
      'question by a name the destination lacks',
      ports([{ port: 8080 }]),
      P('b/cli'),
      P('a/web'),
      tcp('grpc'),
      false,
    ],
  ])('%s', (_d, policies, from, to, port, expected) => {
    expect(check(policies, from, to, port).allowed).toBe(expected);
  });

  it('resolves egress named ports on the destination pod, not the source', () => {
    const policies = [allowOut('b', 'out', {}, [{ ports: [{ port: 'http' }] }])];
    expect(check(policies, P('b/cli'), P('a/web'), tcp(8080)).allowed).toBe(true);
    expect(check(policies, P('b/cli'), P('a/web'), tcp(9090)).allowed).toBe(false);
    expect(check(policies, P('b/cli'), P('b/web'), tcp(9090)).allowed).toBe(true);
    expect(check(policies, P('b/cli'), IP('8.8.8.8'), tcp(8080)).allowed).toBe(false);
  });

  it.each<[string, object[], boolean, string | undefined]>([
    ['no policy: some port', [], true, '1/TCP'],
    [
      'egress 80 and ingress 80: allowed',
      [
        allowOut('b', 'o', {}, [{ ports: [{ port: 80 }] }]),
        allowIn('a', 'i', webSel, [{ ports: [{ port: 80 }] }]),
      ],
      true,
      '80/TCP',
    ],
    [
      'egress 80, ingress 443: no common port',
      [
        allowOut('b', 'o', {}, [{ ports: [{ port: 80 }] }]),
        allowIn('a', 'i', webSel, [{ ports: [{ port: 443 }] }]),
      ],
      false,
      undefined,
    ],
    [
      'egress UDP, ingress TCP: no common protocol',
      [
        allowOut('b', 'o', {}, [{ ports: [{ protocol: 'UDP' }] }]),
        allowIn('a', 'i', webSel, [{ ports: [{ port: 80 }] }]),
      ],
      false,
      undefined,
    ],
    [
      'ranges overlapping in one port',
      [
        allowOut('b', 'o', {}, [{ ports: [{ port: 100, endPort: 200 }] }]),
        allowIn('a', 'i', webSel, [{ ports: [{ port: 200, endPort: 300 }] }]),
      ],
      true,
      '200/TCP',
    ],
    [
      'named port on egress meets numeric ingress',
      [
        allowOut('b', 'o', {}, [{ ports: [{ port: 'http' }] }]),
        allowIn('a', 'i', webSel, [{ ports: [{ port: 8080 }] }]),
      ],
      true,
      '8080/TCP',
    ],
    ['ingress blocked entirely', [denyIngress('a')], false, undefined],
  ])('port any: %s', (_d, policies, expected, witness) => {
    const v = check(policies, P('b/cli'), P('a/web'), 'any');
    expect(v.allowed).toBe(expected);
    expect(v.witness ? `${v.witness.port}/${v.witness.protocol}` : undefined).toBe(witness);
  });

  it('reports no-common-port when each side admits something else', () => {
    const v = check(
      [
        allowOut('b', 'o', {}, [{ ports: [{ port: 80 }] }]),
        allowIn('a', 'i', webSel, [{ ports: [{ port: 443 }] }]),
      ],
      P('b/cli'),
      P('a/web'),
      'any',
    );
    expect(v.reason).toBe('no-common-port');
    expect(v.egress.allowed && v.ingress.allowed).toBe(true);
  });
});

describe('special endpoints', () => {
  const hostWorld = [
    node('n1', ['192.168.0.1']),
    node('n2', ['192.168.0.2']),
    pod('c', 'p1', { app: 'p' }, { nodeName: 'n1', ip: '10.1.0.1' }),
    pod('c', 'p2', { app: 'p' }, { nodeName: 'n2', ip: '10.1.0.2' }),
    pod('c', 'host', { app: 'p' }, { nodeName: 'n1', hostNetwork: true }),
    netpol('c', 'deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }),
  ];
  const hostCheck = (from: Endpoint, to: Endpoint, extra: object[] = []) =>
    evaluateConnection(loadWorkspace([...hostWorld, ...extra]).workspace, from, to, tcp(80));

  it('a pod can always reach itself', () => {
    const v = hostCheck(P('c/p1'), P('c/p1'));
    expect([v.allowed, v.reason, v.egress.exception]).toEqual([true, 'self', 'self']);
  });

  it('replicas of one workload are governed by policy (not the self exception)', () => {
    const ws = loadWorkspace([
      {
        kind: 'Deployment',
        metadata: { name: 'd', namespace: 'c' },
        spec: { replicas: 2, template: { metadata: { labels: { a: 'b' } } } },
      },
      hostWorld[5],
    ]).workspace;
    expect(evaluateConnection(ws, P('c/d'), P('c/d'), tcp(80)).allowed).toBe(false);
  });

  it.each<[string, Endpoint, Endpoint, boolean, string]>([
    ['node to a pod on it', IP('192.168.0.1'), P('c/p1'), true, 'node-local'],
    ['pod to its own node', P('c/p1'), IP('192.168.0.1'), true, 'node-local'],
    ['node to a pod elsewhere (isolated)', IP('192.168.0.2'), P('c/p1'), false, 'ingress-blocked'],
    ['hostNetwork pod to a pod on its node', P('c/host'), P('c/p1'), true, 'node-local'],
    ['hostNetwork pod to a pod elsewhere', P('c/host'), P('c/p2'), false, 'ingress-blocked'],
    [
      'pod to a hostNetwork pod elsewhere: host side not selected, egress blocked',
      P('c/p2'),
      P('c/host'),
      false,
      'egress-blocked',
    ],
    ['outside address to an isolated pod', IP('1.1.1.1'), P('c/p1'), false, 'ingress-blocked'],
    ['isolated pod to an outside address', P('c/p1'), IP('1.1.1.1'), false, 'egress-blocked'],
  ])('%s', (_d, from, to, allowed, reason) => {
    const v = hostCheck(from, to);
    expect([v.allowed, v.reason]).toEqual([allowed, reason]);
  });

  it('hostNetwork pods are not selected by pod selectors but are matched by ipBlock on the node IP', () => {
    const bySelector = [netpol('c', 'a', { podSelector: {}, ingress: [{ from: [{ podSelector: {} }] }] })];
    expect(hostCheck(P('c/host'), P('c/p2'), bySelector).allowed).toBe(false);
    const byIp = [
      netpol('c', 'a', { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '192.168.0.0/24' } }] }] }),
    ];
    expect(hostCheck(P('c/host'), P('c/p2'), byIp).allowed).toBe(true);
  });

  it('an outside address is not subject to policy on its side', () => {
    const v = check([denyEgress('a')], IP('1.1.1.1'), P('a/web'), tcp(80));
    expect([v.allowed, v.egress.exception]).toEqual([true, 'external']);
  });

  it('an IP equal to a pod IP is that pod (its policies apply)', () => {
    const v = check([denyEgress('a')], IP('10.0.0.1'), P('b/cli'), tcp(80));
    expect([v.allowed, v.reason]).toEqual([false, 'egress-blocked']);
  });

  it('unknown endpoints give a blocked verdict with a problem, never a throw', () => {
    const v = check([], P('a/nope'), IP('not-an-ip'), tcp(80));
    expect([v.allowed, v.reason, v.problems.length]).toEqual([false, 'unknown-endpoint', 2]);
  });
});

describe('verdict reasons', () => {
  it('names the admitting policy, rule, peer and port entry', () => {
    const policies = [
      denyIngress('a'),
      allowIn('a', 'allow', webSel, [
        { from: [{ ipBlock: { cidr: '9.0.0.0/8' } }] },
        {
          from: [{ ipBlock: { cidr: '8.0.0.0/8' } }, { namespaceSelector: {} }],
          ports: [{ port: 1 }, { port: 8080 }],
        },
      ]),
    ];
    const v = check(policies, P('b/cli'), P('a/web'), tcp(8080));
    expect(v.ingress).toMatchObject({
      allowed: true,
      isolated: true,
      isolatingPolicies: ['a/deny-in', 'a/allow'],
      admittedBy: [{ policy: 'a/allow', direction: 'Ingress', ruleIndex: 1, peerIndex: 1, portIndex: 1 }],
      decisions: [{ tier: 'networkpolicy', kind: 'allowed' }],
    });
    expect(v.egress.decisions).toEqual([{ tier: 'networkpolicy', kind: 'not-isolated' }]);
  });

  it('names the isolating policies when blocked', () => {
    const v = check([denyIngress('a')], P('b/cli'), P('a/web'), tcp(80));
    expect(v.ingress.decisions).toEqual([
      { tier: 'networkpolicy', kind: 'blocked', isolatingPolicies: ['a/deny-in'] },
    ]);
    expect(v.reason).toBe('ingress-blocked');
  });

  it('uses null indexes for rules without peers or ports', () => {
    const v = check([allowIn('a', 'all', {}, [{}])], P('b/cli'), P('a/web'), tcp(80));
    expect(v.ingress.admittedBy).toEqual([
      { policy: 'a/all', direction: 'Ingress', ruleIndex: 0, peerIndex: null, portIndex: null },
    ]);
  });
});
