import { describe, expect, it } from 'vitest';
import type { AdminPolicyKind } from '../model/adminPolicy';
import { anp, banp, cnp } from '../testing/builders';
import { loadWorkspace } from './loadWorkspace';
import { normalizeAdminPolicy } from './normalizeAdminPolicy';

const origin = { documentIndex: 0 };
const norm = (obj: object) => {
  const o = obj as Record<string, unknown>;
  return normalizeAdminPolicy(o, o['kind'] as AdminPolicyKind, origin);
};
const subject = { namespaces: {} };
const rule = (extra: object = {}) => ({ action: 'Deny', from: [{ namespaces: {} }], ...extra });
const errors = (obj: object) =>
  norm(obj)
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => [d.path.join('.'), d.code]);

describe('admin policies: valid shapes', () => {
  it('reads an AdminNetworkPolicy with every v1alpha1 port form', () => {
    const r = norm(
      anp('a', 10, {
        subject: { pods: { namespaceSelector: { matchLabels: { t: 'x' } }, podSelector: {} } },
        ingress: [
          rule({
            name: 'r',
            ports: [
              { portNumber: { port: 80 } },
              { portRange: { protocol: 'UDP', start: 1000, end: 2000 } },
              { namedPort: 'http' },
            ],
          }),
        ],
        egress: [{ action: 'Pass', to: [{ networks: ['10.0.0.0/8'] }, { nodes: {} }] }],
      }),
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.value).toMatchObject({
      key: 'AdminNetworkPolicy/a',
      tier: 'admin',
      priority: 10,
      apiVersion: 'v1alpha1',
      subject: { shape: 'pods' },
    });
    const ports = r.value!.ingress[0]!.ports;
    expect(ports).not.toBe('all');
    expect(ports === 'all' ? [] : ports.map((p) => [p.index, p.matcher.kind, p.matcher.protocol])).toEqual([
      [0, 'number', 'TCP'],
      [1, 'range', 'UDP'],
      [2, 'named', 'TCP'],
      [2, 'named', 'UDP'],
      [2, 'named', 'SCTP'],
    ]);
    expect(r.value!.egress[0]!.peers.map((p) => p.matcher.kind)).toEqual(['networks', 'nodes']);
  });

  it('reads a ClusterNetworkPolicy with v1alpha2 protocols', () => {
    const r = norm(
      cnp('c', 'Baseline', 3, {
        subject,
        ingress: [
          rule({
            action: 'Accept',
            protocols: [
              { tcp: { destinationPort: { number: 443 } } },
              { sctp: { destinationPort: { range: { start: 10, end: 20 } } } },
              { destinationNamedPort: 'dns' },
            ],
          }),
        ],
      }),
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.value).toMatchObject({ tier: 'baseline', priority: 3, apiVersion: 'v1alpha2' });
    const ports = r.value!.ingress[0]!.ports;
    expect(ports === 'all' ? [] : ports.map((p) => p.matcher)).toEqual([
      { kind: 'number', protocol: 'TCP', port: 443 },
      { kind: 'range', protocol: 'SCTP', port: 10, endPort: 20 },
      { kind: 'named', protocol: 'TCP', name: 'dns' },
      { kind: 'named', protocol: 'UDP', name: 'dns' },
      { kind: 'named', protocol: 'SCTP', name: 'dns' },
    ]);
  });

  it('a missing podSelector in a pods peer is {} with a warning', () => {
    const r = norm(
      anp('a', 1, { subject, ingress: [rule({ from: [{ pods: { namespaceSelector: {} } }] })] }),
    );
    expect(r.value).toBeDefined();
    expect(r.diagnostics.map((d) => [d.severity, d.path.join('.')])).toEqual([
      ['warning', 'spec.ingress.0.from.0.pods.podSelector'],
    ]);
  });
});

describe('admin policies: validation errors with field paths (never a throw)', () => {
  it.each<[string, object, string[][]]>([
    ['BANP not named default', banp({ subject }, 'other'), [['metadata.name', 'field-invalid']]],
    [
      'ANP without priority',
      { ...anp('a', 1, { subject }), spec: { subject } },
      [['spec.priority', 'field-required']],
    ],
    ['priority out of range', anp('a', 1001, { subject }), [['spec.priority', 'field-invalid']]],
    ['missing subject', anp('a', 1, {}), [['spec.subject', 'field-required']]],
    [
      'two subject fields',
      anp('a', 1, { subject: { namespaces: {}, pods: { podSelector: {} } } }),
      [['spec.subject', 'field-invalid']],
    ],
    [
      'v1alpha1 Accept',
      anp('a', 1, { subject, ingress: [rule({ action: 'Accept' })] }),
      [['spec.ingress.0.action', 'field-not-supported']],
    ],
    [
      'BANP Pass',
      banp({ subject, egress: [{ action: 'Pass', to: [{ namespaces: {} }] }] }),
      [['spec.egress.0.action', 'field-not-supported']],
    ],
    [
      'v1alpha2 Allow',
      cnp('c', 'Admin', 1, { subject, ingress: [rule({ action: 'Allow' })] }),
      [['spec.ingress.0.action', 'field-not-supported']],
    ],
    ['CNP bad tier', cnp('c', 'Middle' as 'Admin', 1, { subject }), [['spec.tier', 'field-not-supported']]],
    [
      'empty from',
      anp('a', 1, { subject, ingress: [rule({ from: [] })] }),
      [['spec.ingress.0.from', 'field-required']],
    ],
    [
      'networks in ingress',
      anp('a', 1, { subject, ingress: [rule({ from: [{ networks: ['10.0.0.0/8'] }] })] }),
      [['spec.ingress.0.from.0', 'field-required']],
    ],
    [
      'bad CIDR',
      anp('a', 1, { subject, egress: [{ action: 'Deny', to: [{ networks: ['10.0.0.0/33'] }] }] }),
      [['spec.egress.0.to.0.networks.0', 'field-invalid']],
    ],
    [
      'bad port range',
      anp('a', 1, { subject, ingress: [rule({ ports: [{ portRange: { start: 90, end: 80 } }] })] }),
      [['spec.ingress.0.ports.0.portRange.end', 'field-invalid']],
    ],
    [
      'bad protocol',
      anp('a', 1, { subject, ingress: [rule({ ports: [{ portNumber: { protocol: 'ICMP', port: 1 } }] })] }),
      [['spec.ingress.0.ports.0.portNumber.protocol', 'field-not-supported']],
    ],
    [
      'two port forms',
      anp('a', 1, { subject, ingress: [rule({ ports: [{ portNumber: { port: 1 }, namedPort: 'x' }] })] }),
      [['spec.ingress.0.ports.0', 'field-invalid']],
    ],
    [
      'v1alpha2 port without number or range',
      cnp('c', 'Admin', 1, {
        subject,
        ingress: [rule({ action: 'Deny', protocols: [{ tcp: { destinationPort: {} } }] })],
      }),
      [['spec.ingress.0.protocols.0.tcp.destinationPort', 'field-required']],
    ],
    [
      'v1alpha2 named port with networks',
      cnp('c', 'Admin', 1, {
        subject,
        egress: [
          { action: 'Deny', to: [{ networks: ['1.0.0.0/8'] }], protocols: [{ destinationNamedPort: 'x' }] },
        ],
      }),
      [['spec.egress.0.protocols', 'field-invalid']],
    ],
    ['spec not a mapping', { ...anp('a', 1, {}), spec: 3 }, [['spec', 'field-type']]],
  ])('%s', (_d, obj, expected) => {
    expect(errors(obj)).toEqual(expected);
    expect(norm(obj).value).toBeUndefined();
  });

  it('v1alpha1: a namedPort beside networks/nodes peers is a warning (accepted by v0.1.5)', () => {
    const r = norm(
      anp('a', 1, {
        subject,
        egress: [{ action: 'Deny', to: [{ nodes: {} }], ports: [{ namedPort: 'x' }] }],
      }),
    );
    expect(r.value).toBeDefined();
    expect(r.diagnostics.map((d) => [d.severity, d.path.join('.')])).toEqual([
      ['warning', 'spec.egress.0.ports'],
    ]);
  });

  it('loadWorkspace keeps valid admin policies, reports duplicates and still ignores unknown kinds', () => {
    const { workspace, diagnostics } = loadWorkspace([
      anp('a', 1, { subject }),
      anp('a', 2, { subject }),
      banp({ subject }),
      cnp('a', 'Admin', 1, { subject }),
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } },
    ]);
    expect(workspace.adminPolicies.map((p) => p.key)).toEqual([
      'AdminNetworkPolicy/a',
      'BaselineAdminNetworkPolicy/default',
      'ClusterNetworkPolicy/a',
    ]);
    expect(diagnostics.map((d) => d.code)).toEqual(['duplicate-object', 'unknown-kind']);
  });
});
