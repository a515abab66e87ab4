import { describe, expect, it } from 'vitest';
import { loadWorkspace } from '../normalize/loadWorkspace';
import { netpol, pod } from '../testing/builders';
import { diffConnectivity, formatConnectivityDiff } from './diffConnectivity';

const PODS = [pod('n', 'a', { app: 'a' }), pod('n', 'b', { app: 'b' }, { ports: [{ port: 80 }] })];
const denyB = netpol('n', 'deny-b', { podSelector: { matchLabels: { app: 'b' } }, policyTypes: ['Ingress'] });
const denyAEgress = netpol('n', 'deny-a', {
  podSelector: { matchLabels: { app: 'a' } },
  policyTypes: ['Egress'],
});

describe('diffConnectivity', () => {
  it('lists gained and lost connections per port, and pods present in one version only', () => {
    const before = loadWorkspace([...PODS, denyB, pod('n', 'old', {})]).workspace;
    const after = loadWorkspace([...PODS, denyAEgress, pod('n', 'new', {})]).workspace;
    const d = diffConnectivity(before, after, [{ port: 80, protocol: 'TCP' }], ['8.8.8.8']);
    expect(d.gained.map((c) => `${c.from}>${c.to}`)).toEqual(['8.8.8.8>n/b']);
    expect(d.lost.map((c) => `${c.from}>${c.to}`)).toEqual(['n/a>8.8.8.8']);
    expect(d.onlyInOld).toEqual(['n/old']);
    expect(d.onlyInNew).toEqual(['n/new']);
    const text = formatConnectivityDiff(d);
    expect(text).toContain('  + 8.8.8.8 -> n/b on 80/TCP');
    expect(text).toContain('  - n/a -> 8.8.8.8 on 80/TCP');
  });

  it('says nothing changed for identical workspaces and reports bad externals', () => {
    const ws = loadWorkspace([...PODS, denyB]).workspace;
    const d = diffConnectivity(ws, ws, ['any'], ['nope']);
    expect([d.gained, d.lost]).toEqual([[], []]);
    expect(d.problems).toEqual(['"nope" is not an IP address']);
    expect(formatConnectivityDiff(d)).toMatch(/^No connection changed/);
  });
});
