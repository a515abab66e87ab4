/**
 * Quick actions on a namespace, each adding one NetworkPolicy the way the course and
 * the recipes write it: default-deny per direction, DNS egress to kube-dns, and
 * same-namespace traffic.
 */
import { appendDocument } from '../../yaml/textEdits';
import type { Command } from './command';
import { uniquePolicyName } from './policyNames';

const NP = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy' } as const;

function namespaceCommand(
  id: string,
  label: string,
  baseName: string,
  comment: string,
  spec: Record<string, unknown>,
): Command<{ namespace: string }> {
  return {
    id,
    label,
    perform({ text, workspace }, { namespace }) {
      if (!workspace.namespaces.some((ns) => ns.name === namespace))
        return { error: `no namespace ${namespace}` };
      const name = uniquePolicyName(workspace, namespace, baseName);
      return appendDocument(text, { ...NP, metadata: { name, namespace }, spec }, comment);
    },
  };
}

export const denyIngress = namespaceCommand(
  'denyIngress',
  'Default-deny ingress',
  'default-deny-ingress',
  'Isolate every pod of the namespace for ingress: only what other policies allow gets in.',
  { podSelector: {}, policyTypes: ['Ingress'] },
);

export const denyEgress = namespaceCommand(
  'denyEgress',
  'Default-deny egress',
  'default-deny-egress',
  'Isolate every pod of the namespace for egress (this also blocks DNS until it is allowed).',
  { podSelector: {}, policyTypes: ['Egress'] },
);

export const allowDnsEgress = namespaceCommand(
  'allowDnsEgress',
  'Allow DNS egress',
  'allow-dns-egress',
  'Let every pod of the namespace resolve names through kube-dns (UDP and TCP 53).',
  {
    podSelector: {},
    policyTypes: ['Egress'],
    egress: [
      {
        to: [
          {
            namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
            podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
          },
        ],
        ports: [
          { protocol: 'UDP', port: 53 },
          { protocol: 'TCP', port: 53 },
        ],
      },
    ],
  },
);

export const allowSameNamespace = namespaceCommand(
  'allowSameNamespace',
  'Allow same-namespace traffic',
  'allow-same-namespace',
  'Pods of the namespace may reach each other.',
  { podSelector: {}, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: {} }] }] },
);
