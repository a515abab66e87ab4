import type { LabelSelector } from '../model/policy';
import type { Workspace } from '../model/workspace';
import { NAMESPACE_NAME_LABEL } from '../normalize/normalizeClusterObjects';
import type { Expectation, ExpectationSide } from './model';
import { runExpectation } from './runExpectations';

/** The best-practice pattern a template checks. */
export type TemplateCategory = 'intra-namespace' | 'cross-namespace' | 'external' | 'default-deny' | 'dns';

/**
 * A proposed expectation for the current workspace, for one-click insertion. `id` is stable
 * for a given workspace (`CATEGORY-...:NAMESPACE`); `passesNow` says whether it already holds.
 */
export type ExpectationTemplate = {
  readonly id: string;
  readonly title: string;
  readonly category: TemplateCategory;
  readonly expectation: Expectation;
  readonly passesNow: boolean;
};

/** The outside address templates use for "the internet". */
export const INTERNET_PROBE_IP = '8.8.8.8';
/** An outside client address (TEST-NET-3) for "traffic from outside the cluster". */
export const OUTSIDE_CLIENT_IP = '203.0.113.10';

const KUBE_DNS: LabelSelector = { requirements: [{ key: 'k8s-app', operator: 'In', values: ['kube-dns'] }] };

/**
 * Best-practice expectations for the workspace, per namespace that has pods (the course's
 * "test using several patterns"): intra-namespace connectivity, isolation from the other
 * namespaces, external connectivity (to 8.8.8.8:443/TCP, allowed and blocked variants, and
 * from an outside client), default-deny checks (nothing reaches / leaves the namespace) and,
 * when a kube-dns pod exists, DNS (53/UDP) reachability. Only templates whose sides select
 * pods are proposed. Never throws.
 */
export function expectationTemplates(ws: Workspace): ExpectationTemplate[] {
  const out: ExpectationTemplate[] = [];
  const populated = ws.namespaces.filter((ns) => ws.pods.some((p) => p.namespace === ns.name));
  const hasDns = ws.pods.some((p) => p.labels['k8s-app'] === 'kube-dns');
  const add = (
    id: string,
    category: TemplateCategory,
    title: string,
    from: ExpectationSide,
    to: ExpectationSide,
    expect: 'allowed' | 'blocked',
    port: Expectation['port'] = 'any',
  ): void => {
    const expectation: Expectation = { description: title, from, to, port, expect, index: 0 };
    const result = runExpectation(ws, expectation);
    if (result.problem !== undefined) return;
    out.push({ id, title, category, expectation, passesNow: result.passed });
  };
  for (const ns of populated) {
    const n = ns.name;
    const here: ExpectationSide = { kind: 'pods', namespace: n };
    const others: ExpectationSide = {
      kind: 'pods',
      namespaceSelector: { requirements: [{ key: NAMESPACE_NAME_LABEL, operator: 'NotIn', values: [n] }] },
    };
    const everyPod: ExpectationSide = { kind: 'pods', namespaceSelector: { requirements: [] } };
    add(`intra-namespace:${n}`, 'intra-namespace', `Pods in ${n} reach each other`, here, here, 'allowed');
    add(
      `isolated-from-other-namespaces:${n}`,
      'cross-namespace',
      `Pods of other namespaces cannot reach ${n}`,
      others,
      here,
      'blocked',
    );
    add(
      `reaches-other-namespaces:${n}`,
      'cross-namespace',
      `Pods in ${n} cannot reach other namespaces`,
      here,
      others,
      'blocked',
    );
    const internet: ExpectationSide = { kind: 'ip', ip: INTERNET_PROBE_IP };
    const https = { port: 443, protocol: 'TCP' } as const;
    add(
      `internet-allowed:${n}`,
      'external',
      `Pods in ${n} reach the internet (${INTERNET_PROBE_IP}:443)`,
      here,
      internet,
      'allowed',
      https,
    );
    add(
      `internet-blocked:${n}`,
      'external',
      `Pods in ${n} cannot reach the internet (${INTERNET_PROBE_IP}:443)`,
      here,
      internet,
      'blocked',
      https,
    );
    add(
      `outside-blocked:${n}`,
      'external',
      `Clients outside the cluster (${OUTSIDE_CLIENT_IP}) cannot reach ${n}`,
      { kind: 'ip', ip: OUTSIDE_CLIENT_IP },
      here,
      'blocked',
    );
    add(
      `default-deny-ingress:${n}`,
      'default-deny',
      `Default deny ingress in ${n}: no pod reaches ${n}`,
      everyPod,
      here,
      'blocked',
    );
    add(
      `default-deny-egress:${n}`,
      'default-deny',
      `Default deny egress in ${n}: pods in ${n} reach no pod`,
      here,
      everyPod,
      'blocked',
    );
    if (hasDns)
      add(
        `dns:${n}`,
        'dns',
        `Pods in ${n} can resolve names (kube-dns on 53/UDP)`,
        here,
        { kind: 'pods', namespaceSelector: { requirements: [] }, podSelector: KUBE_DNS },
        'allowed',
        { port: 53, protocol: 'UDP' },
      );
  }
  return out;
}
