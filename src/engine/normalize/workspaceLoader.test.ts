import { describe, expect, it } from 'vitest';
import { netpol, node, ns, pod } from '../testing/builders';
import { loadWorkspace } from './loadWorkspace';
import { createWorkspaceLoader } from './workspaceLoader';

const allowWeb = (port: number, extra: object = {}) =>
  netpol('shop', 'allow-web', {
    podSelector: { matchLabels: { app: 'web' } },
    ingress: [{ ports: [{ port }] }],
    ...extra,
  });

/** A workspace with a bit of everything a load reports on: duplicates, an unknown kind, a List, a bad object. */
function baseObjects(): unknown[] {
  return [
    ns('shop'),
    pod('shop', 'web', { app: 'web' }, { ip: '10.0.0.1' }),
    pod('shop', 'api', { app: 'api' }, { ip: '10.0.0.1' }),
    node('n1', ['192.168.0.1']),
    netpol('shop', 'deny', { podSelector: {} }),
    allowWeb(80),
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'shop' } },
    { apiVersion: 'v1', kind: 'List', items: [netpol('data', 'in-list', { podSelector: {} })] },
    'not a mapping',
    netpol('shop', 'deny', { podSelector: { matchLabels: { app: 'api' } } }),
    netpol('shop', 'last', { podSelector: {}, policyTypes: ['Egress'] }),
  ];
}

/** The loader's answer, checked against a fresh `loadWorkspace` of the same objects. */
function loadBoth(load: ReturnType<typeof createWorkspaceLoader>, objects: unknown[], options?: object) {
  const got = load(objects, options);
  expect(got).toEqual(loadWorkspace(objects, options));
  return got;
}

describe('createWorkspaceLoader', () => {
  it('patches a policy edited in place and loads everything else again, as loadWorkspace would', () => {
    const load = createWorkspaceLoader();
    const objects = baseObjects();
    const first = loadBoth(load, objects);
    expect(first.diagnostics.map((d) => d.code)).toEqual(
      expect.arrayContaining(['duplicate-object', 'duplicate-ip', 'unknown-kind', 'field-type']),
    );

    // The same objects: the same load.
    expect(load([...objects])).toBe(first);

    // A policy edited in place (its port): patched, every other list kept as it was.
    objects[5] = allowWeb(8080);
    const edited = loadBoth(load, objects);
    expect(edited.workspace.pods).toBe(first.workspace.pods);
    expect(edited.workspace.namespaces).toBe(first.workspace.namespaces);
    expect(edited.workspace.podByKey).toBe(first.workspace.podByKey);
    expect(edited.workspace.policies.filter((p, i) => p !== first.workspace.policies[i])).toHaveLength(1);

    // Edited so that it has a finding of its own, then another policy after it: the
    // findings after it move along.
    objects[5] = allowWeb(8080, { egres: [] });
    const warned = loadBoth(load, objects);
    expect(warned.workspace.pods).toBe(first.workspace.pods);
    expect(warned.diagnostics.length).toBeGreaterThan(edited.diagnostics.length);
    objects[10] = netpol('shop', 'last', { podSelector: {}, policyTypes: ['Egress'], ingres: [] });
    expect(loadBoth(load, objects).workspace.pods).toBe(first.workspace.pods);
    objects[5] = allowWeb(443);
    expect(loadBoth(load, objects).workspace.pods).toBe(first.workspace.pods);
    objects[10] = netpol('shop', 'last', { podSelector: {}, policyTypes: ['Ingress'] });
    expect(loadBoth(load, objects).workspace.pods).toBe(first.workspace.pods);
  });

  it.each([
    ['made invalid', (o: unknown[]) => (o[5] = allowWeb(80, { policyTypes: ['Sideways'] }))],
    ['renamed', (o: unknown[]) => (o[5] = netpol('shop', 'allow-web-2', { podSelector: {} }))],
    [
      'moved to another namespace',
      (o: unknown[]) => (o[5] = netpol('data', 'allow-web', { podSelector: {} })),
    ],
    ['the duplicate edited', (o: unknown[]) => (o[9] = netpol('shop', 'deny', { podSelector: {} }))],
    [
      'a pod edited',
      (o: unknown[]) => (o[1] = pod('shop', 'web', { app: 'web', v: '2' }, { ip: '10.0.0.1' })),
    ],
    ['the policy in a List edited', (o: unknown[]) => (o[7] = { apiVersion: 'v1', kind: 'List', items: [] })],
    ['two policies edited', (o: unknown[]) => ((o[5] = allowWeb(81)), (o[10] = netpol('shop', 'last', {})))],
    ['an object added', (o: unknown[]) => o.push(netpol('shop', 'new', { podSelector: {} }))],
    ['an object removed', (o: unknown[]) => o.splice(4, 1)],
    ['a document moved down', (o: unknown[]) => o.splice(0, 0, null)],
  ])('loads everything again when %s', (_what, edit) => {
    const load = createWorkspaceLoader();
    const objects = baseObjects();
    const first = loadBoth(load, objects);
    edit(objects);
    expect(loadBoth(load, objects).workspace.pods).not.toBe(first.workspace.pods);
  });

  it('loads everything again when the options change', () => {
    const load = createWorkspaceLoader();
    const objects = baseObjects();
    const first = loadBoth(load, objects);
    objects[5] = allowWeb(8080);
    const other = loadBoth(load, objects, { ipBlockMatchesPodIPs: false });
    expect(other.workspace.pods).not.toBe(first.workspace.pods);
  });
});
