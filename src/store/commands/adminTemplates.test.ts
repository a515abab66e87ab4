import { describe, expect, it } from 'vitest';
import { evaluateConnection } from '../../engine';
import type { PodKey } from '../../engine';
import { analyzeText } from '../../worker/analyzeText';
import { textAfter } from './command';
import { adminOnlyFromMonitoring } from './adminTemplates';

const CLUSTER = `apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop, labels: {app: web}}
spec: {containers: [{name: c, image: x}]}
---
apiVersion: v1
kind: Pod
metadata: {name: prometheus, namespace: monitoring, labels: {app: prometheus}}
spec: {containers: [{name: c, image: x}]}
---
apiVersion: v1
kind: Pod
metadata: {name: client, namespace: other, labels: {app: client}}
spec: {containers: [{name: c, image: x}]}
---
# The namespace owner opens everything: the admin policy decides first anyway.
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: allow-all, namespace: shop}
spec: {podSelector: {}, ingress: [{}]}
`;

const allowed = (text: string, from: string, to: string) =>
  evaluateConnection(
    analyzeText(text, null).workspace,
    { kind: 'pod', key: from as PodKey },
    { kind: 'pod', key: to as PodKey },
    'any',
  ).allowed;

describe('admin quick action: only monitoring may reach a namespace', () => {
  it('adds an AdminNetworkPolicy that the namespace’s own allow-all cannot override, keeping the text', () => {
    expect(allowed(CLUSTER, 'other/client', 'shop/web')).toBe(true);
    const outcome = adminOnlyFromMonitoring.perform(
      { text: CLUSTER, workspace: analyzeText(CLUSTER, null).workspace },
      { namespace: 'shop' },
    );
    const next = textAfter(CLUSTER, outcome);
    if (next === null) throw new Error(JSON.stringify(outcome));
    expect(next.startsWith(CLUSTER)).toBe(true);
    expect(next).toContain('kind: AdminNetworkPolicy');
    expect(analyzeText(next, null).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(allowed(next, 'other/client', 'shop/web')).toBe(false);
    expect(allowed(next, 'monitoring/prometheus', 'shop/web')).toBe(true);
    expect(allowed(next, 'shop/web', 'other/client')).toBe(true);
    // Applied: the action names the policy instead of adding a second one.
    const workspace = analyzeText(next, null).workspace;
    expect(adminOnlyFromMonitoring.appliedBy(workspace, 'shop')?.name).toBe('shop-only-from-monitoring');
    const again = adminOnlyFromMonitoring.perform({ text: next, workspace }, { namespace: 'shop' });
    expect(again).toEqual({
      kind: 'error',
      message: 'AdminNetworkPolicy shop-only-from-monitoring is already there',
    });
  });

  it('picks a priority no other admin policy uses', () => {
    const first = textAfter(
      CLUSTER,
      adminOnlyFromMonitoring.perform(
        { text: CLUSTER, workspace: analyzeText(CLUSTER, null).workspace },
        { namespace: 'shop' },
      ),
    );
    if (first === null) throw new Error('not applied');
    const second = textAfter(
      first,
      adminOnlyFromMonitoring.perform(
        { text: first, workspace: analyzeText(first, null).workspace },
        { namespace: 'other' },
      ),
    );
    if (second === null) throw new Error('not applied');
    const priorities = analyzeText(second, null).workspace.adminPolicies.map((p) => p.priority);
    expect(priorities).toEqual([10, 20]);
  });
});
