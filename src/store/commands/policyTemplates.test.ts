import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../worker/analyzeText';
import type { Command } from './command';
import { textAfter } from './command';
import {
  allowDnsEgress,
  allowSameNamespace,
  denyEgress,
  denyIngress,
  NAMESPACE_ACTIONS,
} from './policyTemplates';

const SHOP = `apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop, labels: {app: web}}
spec: {containers: [{name: c, image: x}]}
`;

function perform(text: string, command: Command<{ namespace: string }>, namespace = 'shop') {
  return command.perform({ text, workspace: analyzeText(text, null).workspace }, { namespace });
}

function run(text: string, command: Command<{ namespace: string }>, namespace = 'shop'): string {
  const outcome = perform(text, command, namespace);
  const next = textAfter(text, outcome);
  if (next === null) throw new Error(JSON.stringify(outcome));
  return next;
}

const policy = (name: string, spec: string) =>
  `---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: ${name}, namespace: shop}\nspec:\n${spec}`;

describe('namespace quick actions', () => {
  it.each([
    [denyIngress, 'shop already has default-deny-ingress (deny all ingress)'],
    [denyEgress, 'shop already has default-deny-egress (deny all egress)'],
    [allowDnsEgress, 'shop already has allow-dns-egress (allow DNS egress to kube-dns)'],
    [
      allowSameNamespace,
      'shop already has allow-same-namespace (allow ingress from every pod of the namespace)',
    ],
  ])('action %# a second time names the policy that has it instead of adding a copy', (command, message) => {
    const once = run(SHOP, command);
    expect(perform(once, command)).toEqual({ kind: 'error', message });
    expect(command.appliedBy(analyzeText(once, null).workspace, 'shop')?.name).toBe(message.split(' ')[3]);
    expect(command.appliedBy(analyzeText(SHOP, null).workspace, 'shop')).toBeUndefined();
  });

  it('recognises policies with the same effect written otherwise', () => {
    const text = [
      SHOP,
      // A deny-all: both directions, no rules.
      policy('deny-all', '  podSelector: {}\n  policyTypes: [Ingress, Egress]\n'),
      policy(
        'dns',
        '  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n' +
          '    - to: [{namespaceSelector: {}, podSelector: {matchExpressions: [{key: k8s-app, operator: In, values: [kube-dns, coredns]}]}}]\n' +
          '      ports: [{protocol: UDP, port: 50, endPort: 60}, {protocol: TCP}]\n',
      ),
      policy(
        'neighbours',
        '  podSelector: {}\n  ingress: [{from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: shop}}}]}]\n',
      ),
    ].join('');
    const { workspace } = analyzeText(text, null);
    expect(NAMESPACE_ACTIONS.map((a) => a.appliedBy(workspace, 'shop')?.name)).toEqual([
      'deny-all',
      'deny-all',
      'dns',
      'neighbours',
    ]);
    expect(perform(text, denyEgress)).toEqual({
      kind: 'error',
      message: 'shop already has deny-all (deny all egress)',
    });
  });

  it('adds the policy when what exists only looks alike', () => {
    const text = [
      SHOP,
      // Rules, or not every pod: not a default-deny.
      policy(
        'web-ingress',
        '  podSelector: {}\n  ingress: [{from: [{podSelector: {matchLabels: {app: web}}}]}]\n',
      ),
      policy('web-only', '  podSelector: {matchLabels: {app: web}}\n  policyTypes: [Egress]\n'),
      // DNS on UDP only; kube-dns pods narrowed by another label.
      policy(
        'udp-dns',
        '  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n' +
          '    - to: [{namespaceSelector: {}, podSelector: {matchLabels: {k8s-app: kube-dns}}}]\n      ports: [{protocol: UDP, port: 53}]\n' +
          '    - to: [{namespaceSelector: {}, podSelector: {matchLabels: {k8s-app: kube-dns, zone: a}}}]\n      ports: [{protocol: TCP, port: 53}]\n',
      ),
      // Same namespace on one port only.
      policy(
        'same-ns-80',
        '  podSelector: {}\n  ingress: [{from: [{podSelector: {}}], ports: [{port: 80}]}]\n',
      ),
    ].join('');
    const { workspace } = analyzeText(text, null);
    expect(NAMESPACE_ACTIONS.map((a) => a.appliedBy(workspace, 'shop')?.name)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(run(text, denyIngress)).toContain('name: default-deny-ingress');
  });
});
