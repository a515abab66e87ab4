import { describe, expect, it } from 'vitest';
import { compilePolicy } from '../compile/compilePolicy';
import { netpol } from '../testing/builders';
import { normalizePolicy } from './normalizePolicy';

const origin = { documentIndex: 0 };
const norm = (spec: object, ns = 'app', meta?: object) =>
  normalizePolicy((meta ?? netpol(ns, 'p', spec)) as Record<string, unknown>, origin);

describe('NetworkPolicy defaulting (API server)', () => {
  it.each([
    ['no policyTypes, no rules: Ingress', {}, ['Ingress']],
    ['no policyTypes, ingress rules: Ingress', { ingress: [{}] }, ['Ingress']],
    ['no policyTypes, non-empty egress: Ingress + Egress', { egress: [{}] }, ['Ingress', 'Egress']],
    ['no policyTypes, `egress: []`: NOT egress-isolated', { egress: [] }, ['Ingress']],
    ['no policyTypes, `egress: null`: Ingress', { egress: null }, ['Ingress']],
    [
      '`policyTypes: []` is defaulted like a missing one',
      { policyTypes: [], egress: [{}] },
      ['Ingress', 'Egress'],
    ],
    ['explicit Egress only', { policyTypes: ['Egress'] }, ['Egress']],
    ['explicit both', { policyTypes: ['Ingress', 'Egress'] }, ['Ingress', 'Egress']],
  ])('%s', (_d, spec, types) => {
    const r = norm({ podSelector: {}, ...spec });
    expect(r.value?.policyTypes).toEqual(types);
  });

  it('defaults the namespace to default', () => {
    const r = normalizePolicy(
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'p' },
        spec: { podSelector: {} },
      },
      origin,
    );
    expect(r.value?.namespace).toBe('default');
  });

  it('treats a missing podSelector as {} (with an info)', () => {
    const r = norm({});
    expect(r.value?.podSelector).toEqual({ requirements: [] });
    expect(r.diagnostics).toEqual([
      expect.objectContaining({ severity: 'info', path: ['spec', 'podSelector'] }),
    ]);
  });

  it('defaults port protocol to TCP', () => {
    const r = norm({ podSelector: {}, ingress: [{ ports: [{ port: 80 }, { port: 'http' }, {}] }] });
    expect(r.value?.ingress[0]?.ports?.map((p) => p.protocol)).toEqual(['TCP', 'TCP', 'TCP']);
  });

  it('decodes a null `ports` entry as an empty NetworkPolicyPort (every TCP port)', () => {
    const r = norm({ podSelector: {}, ingress: [{ ports: [null] }] });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.value?.ingress[0]?.ports).toEqual([{ protocol: 'TCP' }]);
  });

  it('compiles empty and missing peer/port lists to "all"', () => {
    const p = compilePolicy(
      norm({ podSelector: {}, ingress: [{}, { from: [], ports: [] }, { from: null }] }).value!,
    );
    expect(p.ingress.map((r) => [r.peers, r.ports])).toEqual([
      ['all', 'all'],
      ['all', 'all'],
      ['all', 'all'],
    ]);
  });

  it('does not enforce rules of a direction missing from explicit policyTypes', () => {
    const p = compilePolicy(
      norm({ podSelector: {}, policyTypes: ['Egress'], ingress: [{}], egress: [{}] }).value!,
    );
    expect(p.ingress).toEqual([]);
    expect(p.egress).toHaveLength(1);
    expect(p.unenforced).toEqual(['Ingress']);
  });

  it('masks host bits with a warning', () => {
    const r = norm({ podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '10.0.1.10/4' } }] }] });
    expect(r.value?.ingress[0]?.peers?.[0]?.ipBlock?.cidr.text).toBe('0.0.0.0/4');
    expect(r.diagnostics).toEqual([
      expect.objectContaining({
        severity: 'warning',
        path: ['spec', 'ingress', 0, 'from', 0, 'ipBlock', 'cidr'],
      }),
    ]);
  });

  it('reports a malformed name but still evaluates the policy (names carry no semantics)', () => {
    const r = normalizePolicy(
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'Bad_Name', namespace: 'a' },
        spec: {},
      },
      origin,
    );
    expect(r.value).toBeDefined();
    expect(r.diagnostics).toContainEqual(
      expect.objectContaining({ severity: 'error', path: ['metadata', 'name'] }),
    );
  });
});

describe('NetworkPolicy validation (field paths)', () => {
  const ing = (rule: object) => ({ podSelector: {}, ingress: [rule] });
  const eg = (rule: object) => ({ podSelector: {}, policyTypes: ['Egress'], egress: [rule] });
  it.each([
    ['port 0', ing({ ports: [{ port: 0 }] }), ['spec', 'ingress', 0, 'ports', 0, 'port']],
    ['port 65536', ing({ ports: [{ port: 65536 }] }), ['spec', 'ingress', 0, 'ports', 0, 'port']],
    [
      'quoted numeric port "80" is a bad name',
      ing({ ports: [{ port: '80' }] }),
      ['spec', 'ingress', 0, 'ports', 0, 'port'],
    ],
    [
      'port name too long',
      ing({ ports: [{ port: 'abcdefghijklmnop' }] }),
      ['spec', 'ingress', 0, 'ports', 0, 'port'],
    ],
    [
      'port name with double hyphen',
      ing({ ports: [{ port: 'a--b' }] }),
      ['spec', 'ingress', 0, 'ports', 0, 'port'],
    ],
    [
      'bad protocol',
      ing({ ports: [{ port: 80, protocol: 'ICMP' }] }),
      ['spec', 'ingress', 0, 'ports', 0, 'protocol'],
    ],
    [
      'lower-case protocol',
      ing({ ports: [{ port: 80, protocol: 'tcp' }] }),
      ['spec', 'ingress', 0, 'ports', 0, 'protocol'],
    ],
    [
      'endPort < port',
      ing({ ports: [{ port: 90, endPort: 80 }] }),
      ['spec', 'ingress', 0, 'ports', 0, 'endPort'],
    ],
    [
      'endPort with named port',
      ing({ ports: [{ port: 'http', endPort: 80 }] }),
      ['spec', 'ingress', 0, 'ports', 0, 'endPort'],
    ],
    [
      'endPort without port',
      ing({ ports: [{ endPort: 80 }] }),
      ['spec', 'ingress', 0, 'ports', 0, 'endPort'],
    ],
    [
      'endPort 70000',
      ing({ ports: [{ port: 80, endPort: 70000 }] }),
      ['spec', 'ingress', 0, 'ports', 0, 'endPort'],
    ],
    ['empty peer', ing({ from: [{}] }), ['spec', 'ingress', 0, 'from', 0]],
    [
      'ipBlock with podSelector',
      ing({ from: [{ ipBlock: { cidr: '10.0.0.0/8' }, podSelector: {} }] }),
      ['spec', 'ingress', 0, 'from', 0],
    ],
    [
      'ipBlock without cidr',
      eg({ to: [{ ipBlock: {} }] }),
      ['spec', 'egress', 0, 'to', 0, 'ipBlock', 'cidr'],
    ],
    [
      'bad CIDR',
      eg({ to: [{ ipBlock: { cidr: '10.0.0.300/8' } }] }),
      ['spec', 'egress', 0, 'to', 0, 'ipBlock', 'cidr'],
    ],
    [
      'CIDR with surrounding spaces (ParseCIDRSloppy does not trim)',
      eg({ to: [{ ipBlock: { cidr: ' 10.0.0.0/8' } }] }),
      ['spec', 'egress', 0, 'to', 0, 'ipBlock', 'cidr'],
    ],
    [
      'except with surrounding spaces',
      eg({ to: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16 '] } }] }),
      ['spec', 'egress', 0, 'to', 0, 'ipBlock', 'except', 0],
    ],
    [
      'IPv6 CIDR with a dotted quad before "::"',
      eg({ to: [{ ipBlock: { cidr: '1.2.3.4::/64' } }] }),
      ['spec', 'egress', 0, 'to', 0, 'ipBlock', 'cidr'],
    ],
    [
      'CIDR without prefix',
      eg({ to: [{ ipBlock: { cidr: '10.0.0.1' } }] }),
      ['spec', 'egress', 0, 'to', 0, 'ipBlock', 'cidr'],
    ],
    [
      'except outside cidr',
      eg({ to: [{ ipBlock: { cidr: '10.0.0.0/16', except: ['10.1.0.0/24'] } }] }),
      ['spec', 'egress', 0, 'to', 0, 'ipBlock', 'except', 0],
    ],
    [
      'except equal to cidr',
      eg({ to: [{ ipBlock: { cidr: '10.0.0.0/16', except: ['10.0.0.0/16'] } }] }),
      ['spec', 'egress', 0, 'to', 0, 'ipBlock', 'except', 0],
    ],
    [
      'IPv6 except outside cidr',
      eg({ to: [{ ipBlock: { cidr: '2001:db8::/32', except: ['2001:db9::/48'] } }] }),
      ['spec', 'egress', 0, 'to', 0, 'ipBlock', 'except', 0],
    ],
    [
      'except of other family',
      eg({ to: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['::/64'] } }] }),
      ['spec', 'egress', 0, 'to', 0, 'ipBlock', 'except', 0],
    ],
    ['bad policyType', { podSelector: {}, policyTypes: ['Inbound'] }, ['spec', 'policyTypes', 0]],
    [
      'three policyTypes',
      { podSelector: {}, policyTypes: ['Ingress', 'Egress', 'Ingress'] },
      ['spec', 'policyTypes'],
    ],
    ['ingress not a list', { podSelector: {}, ingress: {} }, ['spec', 'ingress']],
    [
      'bad podSelector operator',
      { podSelector: { matchExpressions: [{ key: 'a', operator: 'in', values: ['x'] }] } },
      ['spec', 'podSelector', 'matchExpressions', 0, 'operator'],
    ],
    [
      'bad namespaceSelector',
      ing({
        from: [
          { namespaceSelector: { matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] } },
        ],
      }),
      ['spec', 'ingress', 0, 'from', 0, 'namespaceSelector', 'matchExpressions', 0, 'values'],
    ],
  ])('%s: rejected at its path', (_d, spec, path) => {
    const r = norm(spec);
    expect(r.value).toBeUndefined();
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.path)).toContainEqual(path);
    expect(r.diagnostics.every((d) => d.source?.documentIndex === 0)).toBe(true);
  });

  it.each([
    [
      'IPv6 ipBlock with except',
      eg({ to: [{ ipBlock: { cidr: '2001:db8::/32', except: ['2001:db8:1::/48'] } }] }),
    ],
    ['endPort equal to port', ing({ ports: [{ port: 80, endPort: 80 }] })],
    ['SCTP', ing({ ports: [{ port: 80, protocol: 'SCTP' }] })],
    ['protocol without port', ing({ ports: [{ protocol: 'UDP' }] })],
    ['peer with both selectors', ing({ from: [{ podSelector: {}, namespaceSelector: {} }] })],
  ])('%s: accepted', (_d, spec) => {
    const r = norm(spec);
    expect(r.value).toBeDefined();
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('warns about unknown fields such as a mistyped podSelector', () => {
    const r = norm({ podSelector: {}, ingress: [{ from: [{ podselector: {}, podSelector: {} }] }] });
    expect(r.diagnostics).toContainEqual(
      expect.objectContaining({
        severity: 'warning',
        path: ['spec', 'ingress', 0, 'from', 0, 'podselector'],
      }),
    );
  });
});
