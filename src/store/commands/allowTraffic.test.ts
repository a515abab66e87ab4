import { describe, expect, it } from 'vitest';
import { evaluateConnection } from '../../engine';
import type { PodKey, PortSpec } from '../../engine';
import { parseWorkspace } from '../parseWorkspace';
import { allowTraffic, distinguishingLabels } from './allowTraffic';
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
  const outcome = command.perform({ text, workspace: parseWorkspace(text).workspace }, args);
  if ('error' in outcome) throw new Error(outcome.error);
  return 'start' in outcome
    ? text.slice(0, outcome.start) + outcome.text + text.slice(outcome.end)
    : outcome.text;
}

function allowed(
  text: string,
  from: string,
  to: string,
  port: PortSpec = { port: 5432, protocol: 'TCP' },
): boolean {
  const { workspace } = parseWorkspace(text);
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

  it('extends a policy that already selects just the target', () => {
    const once = run(isolated, allowTraffic, {
      from: 'shop/api',
      to: 'data/db',
      port: { port: 5432, protocol: 'TCP' },
    });
    const twice = run(once, allowTraffic, {
      from: 'shop/web',
      to: 'data/db',
      port: { port: 5432, protocol: 'TCP' },
    });
    // Ingress: the policy of data/db gains a rule; egress: web (isolated, no policy of its own) gets one.
    expect(twice).not.toMatch(/name: allow-web-to-db\n {2}namespace: data/);
    expect(twice).toMatch(/name: allow-web-to-db\n {2}namespace: shop/);
    expect(twice.match(/kind: NetworkPolicy/g)).toHaveLength(
      (once.match(/kind: NetworkPolicy/g)?.length ?? 0) + 1,
    );
    expect(allowed(twice, 'shop/web', 'data/db')).toBe(true);
  });

  it('refuses a connection that is already allowed', () => {
    const outcome = allowTraffic.perform(
      { text: BASE, workspace: parseWorkspace(BASE).workspace },
      { from: 'shop/web', to: 'data/db', port: 'any' },
    );
    expect(outcome).toEqual({ error: 'shop/web → data/db is already allowed' });
  });

  it('picks the fewest labels that tell a pod apart', () => {
    const { workspace } = parseWorkspace(BASE);
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
    const { workspace } = parseWorkspace(out);
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
