import { describe, expect, it } from 'vitest';
import { evaluateConnection } from '../../engine';
import type { PodKey, PortSpec } from '../../engine';
import { analyzeText } from '../../worker/analyzeText';
import { allowTraffic, distinguishingLabels, isNamespaceRef, namespaceRef } from './allowTraffic';
import { textAfter } from './command';
import { nameFits, partiesNamed } from './trafficPolicies';
import { allowDnsEgress, denyEgress, denyIngress } from './policyTemplates';
import type { Command } from './command';

const BASE = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
apiVersion: v1
kind: Namespace
metadata:
  name: data
---
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop, labels: {app: web, tier: frontend}}
spec: {containers: [{name: c, image: x, ports: [{containerPort: 80, name: http}]}]}
---
apiVersion: v1
kind: Pod
metadata: {name: api, namespace: shop, labels: {app: api, tier: backend}}
spec: {containers: [{name: c, image: x, ports: [{containerPort: 8080, name: http}]}]}
---
apiVersion: v1
kind: Pod
metadata: {name: db, namespace: data, labels: {app: db, tier: backend}}
spec: {containers: [{name: c, image: x, ports: [{containerPort: 5432}]}]}
`;

function run<A>(text: string, command: Command<A>, args: A): string {
  const outcome = command.perform({ text, workspace: analyzeText(text, null).workspace }, args);
  if (outcome.kind === 'error') throw new Error(outcome.message);
  return textAfter(text, outcome) ?? text;
}

function allowed(
  text: string,
  from: string,
  to: string,
  port: PortSpec | 'any' = { port: 5432, protocol: 'TCP' },
): boolean {
  const { workspace } = analyzeText(text, null);
  return evaluateConnection(
    workspace,
    { kind: 'pod', key: from as PodKey },
    { kind: 'pod', key: to as PodKey },
    port,
  ).allowed;
}

describe('allowTraffic', () => {
  const isolated = run(
    run(run(BASE, denyIngress, { namespace: 'data' }), denyIngress, { namespace: 'shop' }),
    denyEgress,
    { namespace: 'shop' },
  );

  it('opens exactly the dragged connection, ingress and egress, across namespaces', () => {
    expect(allowed(isolated, 'shop/api', 'data/db')).toBe(false);
    const out = run(isolated, allowTraffic, {
      from: 'shop/api',
      to: 'data/db',
      port: { port: 5432, protocol: 'TCP' },
    });
    expect(allowed(out, 'shop/api', 'data/db')).toBe(true);
    expect(allowed(out, 'shop/web', 'data/db')).toBe(false);
    expect(allowed(out, 'shop/api', 'data/db', { port: 5433, protocol: 'TCP' })).toBe(false);
    expect(out).toContain('kubernetes.io/metadata.name: shop');
    expect(out).toContain('name: allow-api-to-db');
    expect(out.startsWith(isolated)).toBe(true);
  });

  const tcp = (port: number) => ({ port, protocol: 'TCP' as const });
  const policyCount = (text: string) => text.match(/kind: NetworkPolicy/g)?.length ?? 0;

  it('leaves a policy named for other traffic alone and adds one named for the new connection', () => {
    const once = run(isolated, allowTraffic, { from: 'shop/api', to: 'data/db', port: tcp(5432) });
    const twice = run(once, allowTraffic, { from: 'shop/web', to: 'data/db', port: tcp(5432) });
    // allow-api-to-db (data) says it is about api: web gets policies of its own, both sides.
    expect(twice.startsWith(once)).toBe(true);
    expect(twice).toMatch(/name: allow-web-to-db\n {2}namespace: data/);
    expect(twice).toMatch(/name: allow-web-to-db\n {2}namespace: shop/);
    expect(policyCount(twice)).toBe(policyCount(once) + 2);
    expect(allowed(twice, 'shop/web', 'data/db')).toBe(true);
    expect(allowed(twice, 'shop/web', 'data/db', tcp(5433))).toBe(false);
  });

  it('extends a policy already named for the same connection', () => {
    const once = run(isolated, allowTraffic, { from: 'shop/api', to: 'data/db', port: tcp(5432) });
    const twice = run(once, allowTraffic, { from: 'shop/api', to: 'data/db', port: tcp(5433) });
    expect(policyCount(twice)).toBe(policyCount(once));
    expect(twice).not.toContain('allow-api-to-db-2');
    expect(allowed(twice, 'shop/api', 'data/db', tcp(5433))).toBe(true);
    expect(allowed(twice, 'shop/web', 'data/db', tcp(5433))).toBe(false);
  });

  it('extends a policy named for the target alone', () => {
    const own = `${isolated}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db-ingress, namespace: data}
spec:
  podSelector: {matchLabels: {app: db}}
  ingress:
    - from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: data}}}]
`;
    const out = run(own, allowTraffic, { from: 'shop/web', to: 'data/db', port: tcp(5432) });
    expect(out).not.toMatch(/name: allow-web-to-db\n {2}namespace: data/);
    expect(policyCount(out)).toBe(policyCount(own) + 1); // web's egress policy in shop
    const dbIngress = out.slice(out.indexOf('name: db-ingress')).split('---')[0];
    expect(dbIngress).toContain('app: web');
    expect(allowed(out, 'shop/web', 'data/db')).toBe(true);
  });

  it("names a new policy for the connection when the target's policy is about another peer", () => {
    // The demo's shape: allow-web-to-api admits web; a drag from prometheus gets its own policy.
    const demo = `${BASE}---
apiVersion: v1
kind: Pod
metadata: {name: prometheus, namespace: monitoring, labels: {app: prometheus}}
spec: {containers: [{name: c, image: x}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: allow-web-to-api, namespace: shop}
spec:
  podSelector: {matchLabels: {app: api}}
  ingress: [{from: [{podSelector: {matchLabels: {app: web}}}]}]
`;
    const out = run(demo, allowTraffic, { from: 'monitoring/prometheus', to: 'shop/api', port: tcp(8080) });
    expect(out.startsWith(demo)).toBe(true);
    expect(out).toMatch(/name: allow-prometheus-to-api\n {2}namespace: shop/);
    expect(allowed(out, 'monitoring/prometheus', 'shop/api', tcp(8080))).toBe(true);
    expect(allowed(out, 'shop/web', 'shop/api', tcp(8080))).toBe(true);
  });

  it('reads the parties a policy name is about', () => {
    expect(partiesNamed('allow-web-to-api')).toEqual(['web', 'api']);
    expect(partiesNamed('api-from-web')).toEqual(['api', 'web']);
    expect(partiesNamed('allow-to-api')).toEqual(['api']);
    expect(partiesNamed('allow-from-web-to-api')).toEqual(['web', 'api']);
    expect(partiesNamed('api-ingress')).toEqual([]);
    expect(partiesNamed('default-deny-ingress')).toEqual([]);
    const api = { name: 'api', aliases: ['api'] };
    const web = { name: 'web', aliases: [] };
    const prometheus = { name: 'prometheus', aliases: [] };
    expect(nameFits('api-ingress', api, prometheus)).toBe(true);
    expect(nameFits('allow-to-api', api, prometheus)).toBe(true);
    expect(nameFits('allow-web-to-api', api, web)).toBe(true);
    expect(nameFits('allow-api-from-web', api, web)).toBe(true);
    expect(nameFits('allow-web-to-api', api, prometheus)).toBe(false);
    expect(nameFits('allow-api-from-web', api, prometheus)).toBe(false);
  });

  it('opens ingress alone when, for any port, both sides admit something but no common port', () => {
    const split = `${isolated}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api-egress, namespace: shop}
spec:
  podSelector: {matchLabels: {app: api}}
  policyTypes: [Egress]
  egress: [{ports: [{port: 5432}]}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db-ingress, namespace: data}
spec:
  podSelector: {matchLabels: {app: db}}
  ingress: [{ports: [{port: 6432}]}]
`;
    expect(allowed(split, 'shop/api', 'data/db', 'any')).toBe(false);
    const out = run(split, allowTraffic, { from: 'shop/api', to: 'data/db', port: 'any' });
    expect(allowed(out, 'shop/api', 'data/db', 'any')).toBe(true);
    expect(policyCount(out)).toBe(policyCount(split));
  });

  it('refuses a connection that is already allowed', () => {
    const outcome = allowTraffic.perform(
      { text: BASE, workspace: analyzeText(BASE, null).workspace },
      { from: 'shop/web', to: 'data/db', port: 'any' },
    );
    expect(outcome).toEqual({ kind: 'error', message: 'shop/web → data/db is already allowed' });
  });

  it('picks the fewest labels that tell a pod apart', () => {
    const { workspace } = analyzeText(BASE, null);
    const api = workspace.pods.find((p) => p.key === 'shop/api');
    expect(api && distinguishingLabels(workspace, api)).toEqual({ app: 'api' });
  });

  it('allows DNS egress to kube-dns on UDP and TCP 53', () => {
    const out = run(isolated, allowDnsEgress, { namespace: 'shop' });
    const text = `${out}---\napiVersion: v1\nkind: Pod\nmetadata: {name: coredns, namespace: kube-system, labels: {k8s-app: kube-dns}}\nspec: {containers: [{name: c, image: x}]}\n`;
    expect(allowed(text, 'shop/web', 'kube-system/coredns', { port: 53, protocol: 'UDP' })).toBe(true);
    expect(
      allowed(isolated + text.slice(out.length), 'shop/web', 'kube-system/coredns', {
        port: 53,
        protocol: 'UDP',
      }),
    ).toBe(false);
  });

  it('allows egress to an outside CIDR with an ipBlock peer', () => {
    const out = run(isolated, allowTraffic, {
      from: 'shop/web',
      to: '203.0.113.0/24',
      port: { port: 443, protocol: 'TCP' },
    });
    const { workspace } = analyzeText(out, null);
    const web = { kind: 'pod' as const, key: 'shop/web' as PodKey };
    expect(
      evaluateConnection(workspace, web, { kind: 'ip', ip: '203.0.113.9' }, { port: 443, protocol: 'TCP' })
        .allowed,
    ).toBe(true);
    expect(
      evaluateConnection(workspace, web, { kind: 'ip', ip: '198.51.100.9' }, { port: 443, protocol: 'TCP' })
        .allowed,
    ).toBe(false);
    expect(out).toContain('cidr: 203.0.113.0/24');
  });
});

describe('allowTraffic with a whole namespace', () => {
  const WIDE = `${BASE}---
apiVersion: v1
kind: Pod
metadata: {name: cache, namespace: data, labels: {app: cache, tier: backend}}
spec: {containers: [{name: c, image: x, ports: [{containerPort: 6379}]}]}
---
apiVersion: v1
kind: Namespace
metadata:
  name: monitoring
---
apiVersion: v1
kind: Pod
metadata: {name: prometheus, namespace: monitoring, labels: {app: prometheus}}
spec: {containers: [{name: c, image: x}]}
`;
  const tcp = (port: number) => ({ port, protocol: 'TCP' as const });
  const deny = (text: string, ns: string, command = denyIngress) => run(text, command, { namespace: ns });

  it('writes namespace endpoints as ns:NAME', () => {
    expect(namespaceRef('data')).toBe('ns:data');
    expect(isNamespaceRef('ns:data')).toBe(true);
    expect(isNamespaceRef('shop/web')).toBe(false);
    expect(isNamespaceRef('2001:db8::1')).toBe(false);
  });

  it('pod -> namespace: one policy for every pod of it, and an egress rule when the pod is egress-isolated', () => {
    const isolated = deny(deny(WIDE, 'data'), 'shop', denyEgress);
    const out = run(isolated, allowTraffic, { from: 'shop/web', to: namespaceRef('data'), port: tcp(5432) });
    expect(out.startsWith(isolated)).toBe(true);
    const { workspace } = analyzeText(out, null);
    const ingress = workspace.policies.find((p) => p.key === 'data/allow-web-to-ns-data');
    expect(ingress?.podSelector.requirements).toEqual([]);
    expect(ingress?.policyTypes).toEqual(['Ingress']);
    const egress = workspace.policies.find((p) => p.key === 'shop/allow-web-to-ns-data');
    expect(egress?.policyTypes).toEqual(['Egress']);
    expect(out).toMatch(
      /egress:\n {4}- to:\n {8}- namespaceSelector:\n {12}matchLabels:\n {14}kubernetes.io\/metadata.name: data\n/,
    );
    for (const to of ['data/db', 'data/cache']) {
      expect(allowed(out, 'shop/web', to)).toBe(true);
      expect(allowed(out, 'shop/web', to, tcp(5433))).toBe(false);
      expect(allowed(out, 'shop/api', to)).toBe(false);
    }
    expect(
      allowTraffic.perform({ text: out, workspace }, { from: 'shop/web', to: 'ns:data', port: tcp(5432) }),
    ).toEqual({
      kind: 'error',
      message: 'shop/web → every pod of data is already allowed',
    });
  });

  it('pod -> namespace: no egress rule when the pod is not egress-isolated; a same-namespace peer', () => {
    const isolated = deny(WIDE, 'data');
    const out = run(isolated, allowTraffic, { from: 'data/db', to: namespaceRef('data'), port: 'any' });
    expect(out).not.toContain('policyTypes:\n    - Egress');
    expect(out).toMatch(/name: allow-db-to-ns-data\n {2}namespace: data/);
    expect(out).toMatch(/- from:\n {8}- podSelector:\n {12}matchLabels:\n {14}app: db\n/);
    expect(allowed(out, 'data/db', 'data/cache', tcp(6379))).toBe(true);
    expect(allowed(out, 'shop/web', 'data/cache', tcp(6379))).toBe(false);
  });

  it('pod -> namespace where some pods are not isolated: rules per blocked pod, nobody newly isolated', () => {
    const partial = `${WIDE}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: allow-api-to-db, namespace: data}
spec:
  podSelector: {matchLabels: {app: db}}
  ingress: [{from: [{namespaceSelector: {}, podSelector: {matchLabels: {app: api}}}]}]
`;
    const out = run(partial, allowTraffic, { from: 'shop/web', to: namespaceRef('data'), port: tcp(5432) });
    expect(out).not.toContain('allow-web-to-ns-data');
    expect(out).toMatch(/name: allow-web-to-db\n {2}namespace: data/);
    expect(allowed(out, 'shop/web', 'data/db')).toBe(true);
    // cache was not isolated and is still not: everyone reaches it as before.
    expect(allowed(out, 'monitoring/prometheus', 'data/cache', 'any')).toBe(true);
  });

  it('namespace -> pod: the pod admits the namespace; an egress policy for all its pods when they are isolated', () => {
    const isolated = deny(deny(WIDE, 'data'), 'monitoring', denyEgress);
    const out = run(isolated, allowTraffic, {
      from: namespaceRef('monitoring'),
      to: 'data/db',
      port: tcp(5432),
    });
    expect(out.startsWith(isolated)).toBe(true);
    const { workspace } = analyzeText(out, null);
    expect(workspace.policies.find((p) => p.key === 'data/allow-ns-monitoring-to-db')?.policyTypes).toEqual([
      'Ingress',
    ]);
    const egress = workspace.policies.find((p) => p.key === 'monitoring/allow-ns-monitoring-to-db');
    expect(egress?.podSelector.requirements).toEqual([]);
    expect(out).toMatch(
      /- from:\n {8}- namespaceSelector:\n {12}matchLabels:\n {14}kubernetes.io\/metadata.name: monitoring\n {6}ports:/,
    );
    expect(allowed(out, 'monitoring/prometheus', 'data/db')).toBe(true);
    expect(allowed(out, 'monitoring/prometheus', 'data/cache')).toBe(false);
    expect(allowed(out, 'shop/web', 'data/db')).toBe(false);
    expect(
      allowTraffic.perform(
        { text: out, workspace },
        { from: 'ns:monitoring', to: 'data/db', port: tcp(5432) },
      ),
    ).toEqual({ kind: 'error', message: 'every pod of monitoring → data/db is already allowed' });
  });

  it('namespace -> pod: no egress policy when the namespace is not egress-isolated', () => {
    const isolated = deny(WIDE, 'data');
    const out = run(isolated, allowTraffic, { from: namespaceRef('shop'), to: 'data/cache', port: 'any' });
    expect(out).not.toContain('- Egress');
    expect(allowed(out, 'shop/web', 'data/cache', tcp(6379))).toBe(true);
    expect(allowed(out, 'shop/api', 'data/cache', tcp(6379))).toBe(true);
    expect(allowed(out, 'shop/api', 'data/db', tcp(6379))).toBe(false);
  });

  it('refuses what it cannot do', () => {
    const perform = (from: string, to: string) =>
      allowTraffic.perform(
        { text: WIDE, workspace: analyzeText(WIDE, null).workspace },
        { from, to, port: 'any' },
      );
    expect(perform('shop/web', 'ns:data')).toEqual({
      kind: 'error',
      message: 'shop/web → every pod of data is already allowed',
    });
    expect(perform('shop/web', 'ns:nowhere')).toEqual({ kind: 'error', message: 'no namespace nowhere' });
    expect(perform('ns:shop', 'ns:data')).toHaveProperty('kind', 'error');
  });
});

describe('allowTraffic within one namespace', () => {
  it('gives the ingress and the egress policy different names', () => {
    const isolated = run(run(BASE, denyIngress, { namespace: 'shop' }), denyEgress, { namespace: 'shop' });
    const out = run(isolated, allowTraffic, {
      from: 'shop/web',
      to: 'shop/api',
      port: { port: 8080, protocol: 'TCP' },
    });
    const names = analyzeText(out, null).workspace.policies.map((p) => p.key);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining(['shop/allow-web-to-api', 'shop/allow-web-to-api-egress']));
    expect(analyzeText(out, null).diagnostics.filter((d) => d.code === 'duplicate')).toEqual([]);
    expect(allowed(out, 'shop/web', 'shop/api', { port: 8080, protocol: 'TCP' })).toBe(true);
  });
});
