import { describe, expect, it } from 'vitest';
import { ns, netpol, node, pod } from '../testing/builders';
import { loadWorkspace } from './loadWorkspace';

/** `expect.objectContaining` typed as unknown, for use inside object literals. */
const containing = (o: object): unknown => expect.objectContaining(o);

const template = (labels: object, ports: object[] = []) => ({
  metadata: { labels },
  spec: { containers: [{ name: 'c', ports }] },
});

describe('loadWorkspace', () => {
  it.each([
    ['Deployment', { replicas: 3, template: template({ app: 'a' }) }, 3],
    ['StatefulSet', { template: template({ app: 'a' }) }, 1],
    ['ReplicaSet', { replicas: 2, template: template({ app: 'a' }) }, 2],
    ['ReplicationController', { replicas: 0, template: template({ app: 'a' }) }, 0],
    ['DaemonSet', { template: template({ app: 'a' }) }, undefined],
    ['Job', { parallelism: 4, template: template({ app: 'a' }) }, 4],
    ['CronJob', { jobTemplate: { spec: { template: template({ app: 'a' }) } } }, 1],
  ])('reads a %s as one workload node with template labels and replicas', (kind, spec, replicas) => {
    const { workspace } = loadWorkspace([
      { apiVersion: 'apps/v1', kind, metadata: { name: 'w', namespace: 'n' }, spec },
    ]);
    expect(workspace.pods).toHaveLength(1);
    expect(workspace.pods[0]).toMatchObject({ key: 'n/w', kind, labels: { app: 'a' } });
    expect(workspace.pods[0]?.replicas).toBe(replicas);
  });

  it('reads container ports with protocol defaulting to TCP', () => {
    const { workspace } = loadWorkspace([
      pod(
        'n',
        'p',
        {},
        {
          ports: [
            { name: 'http', port: 80 },
            { port: 53, protocol: 'UDP' },
          ],
        },
      ),
    ]);
    expect(workspace.pods[0]?.ports).toEqual([
      { name: 'http', port: 80, protocol: 'TCP' },
      { port: 53, protocol: 'UDP' },
    ]);
  });

  it('creates referenced namespaces and labels every namespace with kubernetes.io/metadata.name', () => {
    const { workspace } = loadWorkspace([ns('a', { team: 'x' }), pod('b', 'p'), netpol('c', 'np', {})]);
    expect(workspace.namespaces.map((n) => [n.name, n.declared, n.labels])).toEqual([
      ['a', true, { team: 'x', 'kubernetes.io/metadata.name': 'a' }],
      ['b', false, { 'kubernetes.io/metadata.name': 'b' }],
      ['c', false, { 'kubernetes.io/metadata.name': 'c' }],
    ]);
  });

  it('counts the built-in namespaces as declared without a Namespace object', () => {
    const { workspace } = loadWorkspace([
      pod('default', 'p'),
      pod('kube-system', 'dns'),
      netpol('kube-public', 'np', {}),
      netpol('kube-node-lease', 'np', {}),
      pod('defaults', 'q'),
    ]);
    expect(workspace.namespaces.map((n) => [n.name, n.declared, n.labels, n.source])).toEqual([
      ['default', true, { 'kubernetes.io/metadata.name': 'default' }, undefined],
      ['kube-system', true, { 'kubernetes.io/metadata.name': 'kube-system' }, undefined],
      ['kube-public', true, { 'kubernetes.io/metadata.name': 'kube-public' }, undefined],
      ['kube-node-lease', true, { 'kubernetes.io/metadata.name': 'kube-node-lease' }, undefined],
      ['defaults', false, { 'kubernetes.io/metadata.name': 'defaults' }, undefined],
    ]);
  });

  it('gives hostNetwork pods their node InternalIPs', () => {
    const { workspace } = loadWorkspace([
      node('n1', ['192.168.0.10']),
      pod('kube-system', 'h', {}, { hostNetwork: true, nodeName: 'n1' }),
    ]);
    expect(workspace.pods[0]?.ips).toEqual(['192.168.0.10']);
    expect(workspace.ipOwners.get('192.168.0.10')).toEqual({ kind: 'node', name: 'n1' });
  });

  it('unwraps List, NetworkPolicyList and other *List objects, keeping the item path', () => {
    const { workspace } = loadWorkspace([
      {
        apiVersion: 'v1',
        kind: 'List',
        items: [pod('a', 'p1'), { kind: 'PodList', items: [pod('a', 'p2')] }],
      },
      { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicyList', items: [netpol('a', 'np', {})] },
    ]);
    expect(workspace.pods.map((p) => [p.key, p.source?.objectPath])).toEqual([
      ['a/p1', ['items', 0]],
      ['a/p2', ['items', 1, 'items', 0]],
    ]);
    expect(workspace.policies.map((p) => [p.key, p.source?.documentIndex])).toEqual([['a/np', 1]]);
  });

  it('reports unknown kinds as info and ignores them', () => {
    const { workspace, diagnostics } = loadWorkspace([
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' } },
    ]);
    expect(workspace.pods).toEqual([]);
    expect(diagnostics).toEqual([
      expect.objectContaining({
        severity: 'info',
        code: 'unknown-kind',
        source: containing({ kind: 'Service', name: 's' }),
      }),
    ]);
  });

  it('excludes invalid policies and keeps the rest', () => {
    const { workspace, diagnostics } = loadWorkspace([
      netpol('a', 'bad', { podSelector: {}, ingress: [{ ports: [{ port: 0 }] }] }),
      netpol('a', 'good', { podSelector: {} }),
    ]);
    expect(workspace.policies.map((p) => p.key)).toEqual(['a/good']);
    expect(diagnostics).toContainEqual(
      expect.objectContaining({
        severity: 'error',
        path: ['spec', 'ingress', 0, 'ports', 0, 'port'],
        source: containing({
          documentIndex: 0,
          kind: 'NetworkPolicy',
          namespace: 'a',
          name: 'bad',
        }),
      }),
    );
  });

  it('keeps the first of two objects with the same identity', () => {
    const { workspace, diagnostics } = loadWorkspace([pod('a', 'p', { v: '1' }), pod('a', 'p', { v: '2' })]);
    expect(workspace.pods.map((p) => p.labels)).toEqual([{ v: '1' }]);
    expect(diagnostics).toContainEqual(
      expect.objectContaining({
        code: 'duplicate-object',
        source: containing({ documentIndex: 1 }),
      }),
    );
  });

  it.each([
    [[null]],
    [[42]],
    [['text']],
    [[[1, 2]]],
    [[{}]],
    [[{ kind: 'Pod' }]],
    [[{ kind: 'NetworkPolicy', metadata: 5, spec: 'x' }]],
    [[{ kind: 'Deployment', metadata: { name: 'd' }, spec: { template: 7 } }]],
    [[{ kind: 'List', items: [null, 3] }]],
  ])('never throws on garbage %j', (objects) => {
    expect(() => loadWorkspace(objects)).not.toThrow();
  });

  it('accepts ManifestObject wrappers and stamps their source', () => {
    const { diagnostics } = loadWorkspace([
      {
        object: { kind: 'Widget', metadata: { name: 'w' } },
        source: { documentIndex: 4, fileName: 'f.yaml' },
      },
    ]);
    expect(diagnostics[0]?.source).toMatchObject({ documentIndex: 4, fileName: 'f.yaml', kind: 'Widget' });
  });

  it('defaults ipBlockMatchesPodIPs to true and honours the option', () => {
    expect(loadWorkspace([]).workspace.options.ipBlockMatchesPodIPs).toBe(true);
    expect(loadWorkspace([], { ipBlockMatchesPodIPs: false }).workspace.options.ipBlockMatchesPodIPs).toBe(
      false,
    );
  });

  it('reuses the result of an unchanged object read again, and redoes a changed one', () => {
    const policy = netpol('shop', 'allow-web', { podSelector: {}, ingress: [{}] });
    const first = loadWorkspace([ns('shop'), policy]).workspace.policies[0];
    const again = loadWorkspace([ns('shop'), policy]).workspace.policies[0];
    expect(again).toBe(first);
    // Same content, a different object (the document was edited): normalized again.
    const edited = loadWorkspace([ns('shop'), structuredClone(policy)]).workspace.policies[0];
    expect(edited).not.toBe(first);
    expect(edited).toEqual(first);
    // The same object at another place in the text: its origin (and diagnostics) follow.
    const moved = loadWorkspace([ns('shop'), ns('other'), policy]).workspace.policies[0];
    expect(moved).not.toBe(first);
    expect(moved?.source?.documentIndex).not.toBe(first?.source?.documentIndex);
  });

  it('shares equal labels and port lists between pods, keeping label order and IPs per pod', () => {
    const ports = [{ name: 'http', port: 80 }];
    const { workspace } = loadWorkspace([
      pod('n', 'a', { app: 'web', tier: 'fe' }, { ports, ip: '10.0.0.1' }),
      pod('n', 'b', { app: 'web', tier: 'fe' }, { ports, ip: '10.0.0.2' }),
      pod('n', 'c', { tier: 'fe', app: 'web' }, { ports: [{ name: 'http', port: 81 }] }),
    ]);
    const [a, b, c] = workspace.pods;
    expect(b?.labels).toBe(a?.labels);
    expect(b?.ports).toBe(a?.ports);
    expect(Object.keys(c?.labels ?? {})).toEqual(['tier', 'app']);
    expect(c?.ports).toEqual([{ name: 'http', port: 81, protocol: 'TCP' }]);
    expect([a?.ips, b?.ips, c?.ips]).toEqual([['10.0.0.1'], ['10.0.0.2'], []]);
    expect(a?.source).toEqual({ documentIndex: 0, kind: 'Pod', namespace: 'n', name: 'a' });
  });
});
