/**
 * Quick actions on a namespace, each adding one NetworkPolicy the way the course and
 * the recipes write it: default-deny per direction, DNS egress to kube-dns, and
 * same-namespace traffic. An action is idempotent: when a policy of the namespace already
 * has its effect on its own, it names that policy instead of adding a copy.
 */
import { matchesLabelSelector, NAMESPACE_NAME_LABEL } from '../../engine';
import type {
  CompiledPolicy,
  CompiledRule,
  LabelSelector,
  Labels,
  PortMatcher,
  Protocol,
  Workspace,
} from '../../engine';
import { appendDocument } from '../../yaml/textEdits';
import type { Command } from './command';
import { edit, refuse } from './command';
import { uniquePolicyName } from './policyNames';

const NP = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy' } as const;

/** A namespace quick action, which can also tell which policy has applied it already. */
/** The ids of the namespace quick actions (each is in the command registry). */
export type NamespaceActionId =
  'denyIngress' | 'denyEgress' | 'allowDnsEgress' | 'allowSameNamespace' | 'adminOnlyFromMonitoring';

export interface NamespaceAction extends Command<{ namespace: string }> {
  readonly id: NamespaceActionId;
  /** What the added policy does, in a few words ("deny all ingress"). */
  readonly effect: string;
  /** The first policy (of `namespace`, or cluster-scoped) that has this action's effect on its own, if any. */
  appliedBy(workspace: Workspace, namespace: string): { readonly name: string } | undefined;
}

function namespaceCommand(
  id: NamespaceActionId,
  label: string,
  baseName: string,
  comment: string,
  spec: Record<string, unknown>,
  effect: string,
  covers: (policy: CompiledPolicy, workspace: Workspace) => boolean,
): NamespaceAction {
  const appliedBy = (workspace: Workspace, namespace: string) =>
    workspace.policies.find(
      // Only a policy selecting every pod (`podSelector: {}`) has the effect for the whole namespace.
      (p) => p.namespace === namespace && p.podSelector.requirements.length === 0 && covers(p, workspace),
    );
  return {
    id,
    label,
    effect,
    appliedBy,
    perform({ text, workspace }, { namespace }) {
      if (!workspace.namespaces.some((ns) => ns.name === namespace))
        return refuse(`no namespace ${namespace}`);
      const existing = appliedBy(workspace, namespace);
      if (existing) return refuse(`${namespace} already has ${existing.name} (${effect})`);
      const name = uniquePolicyName(workspace, namespace, baseName);
      return edit(appendDocument(text, { ...NP, metadata: { name, namespace }, spec }, comment));
    },
  };
}

/** The labels of a namespace as selectors see them (a referenced one has only its name label). */
function namespaceLabels(workspace: Workspace, namespace: string): Labels {
  return workspace.namespaceByName.get(namespace)?.labels ?? { [NAMESPACE_NAME_LABEL]: namespace };
}

/**
 * Whether a selector matches every object that has at least `labels` (whatever other labels
 * it has): each requirement is about one of those keys and holds for its value.
 */
function selectsAllWith(selector: LabelSelector, labels: Labels): boolean {
  return selector.requirements.every(
    (r) => Object.hasOwn(labels, r.key) && matchesLabelSelector({ requirements: [r] }, labels),
  );
}

/**
 * Whether a rule admits every pod that has `podLabels` in `namespace` (pod peers only: an
 * ipBlock's match depends on addresses).
 */
function admitsPods(
  rule: CompiledRule,
  policy: CompiledPolicy,
  namespace: string,
  nsLabels: Labels,
  podLabels: Labels,
): boolean {
  if (rule.peers === 'all') return true;
  return rule.peers.some(
    ({ matcher: m }) =>
      m.kind === 'pods' &&
      (m.namespaces.kind === 'policy-namespace'
        ? policy.namespace === namespace
        : matchesLabelSelector(m.namespaces.selector, nsLabels)) &&
      selectsAllWith(m.pods, podLabels),
  );
}

/** Whether a rule admits `port`/`protocol` on any pod (named ports depend on the pod: not counted). */
function admitsPort(rule: CompiledRule, protocol: Protocol, port: number): boolean {
  if (rule.ports === 'all') return true;
  const admits = (m: PortMatcher): boolean =>
    m.protocol === protocol &&
    (m.kind === 'protocol' ||
      (m.kind === 'number' && m.port === port) ||
      (m.kind === 'range' && m.port <= port && port <= m.endPort));
  return rule.ports.some(({ matcher }) => admits(matcher));
}

export const denyIngress = namespaceCommand(
  'denyIngress',
  'Default-deny ingress',
  'default-deny-ingress',
  'Isolate every pod of the namespace for ingress: only what other policies allow gets in.',
  { podSelector: {}, policyTypes: ['Ingress'] },
  'deny all ingress',
  (p) => p.policyTypes.includes('Ingress') && p.ingress.length === 0,
);

export const denyEgress = namespaceCommand(
  'denyEgress',
  'Default-deny egress',
  'default-deny-egress',
  'Isolate every pod of the namespace for egress (this also blocks DNS until it is allowed).',
  { podSelector: {}, policyTypes: ['Egress'] },
  'deny all egress',
  (p) => p.policyTypes.includes('Egress') && p.egress.length === 0,
);

const KUBE_DNS_LABELS: Labels = { 'k8s-app': 'kube-dns' };

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
            namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: 'kube-system' } },
            podSelector: { matchLabels: KUBE_DNS_LABELS },
          },
        ],
        ports: [
          { protocol: 'UDP', port: 53 },
          { protocol: 'TCP', port: 53 },
        ],
      },
    ],
  },
  'allow DNS egress to kube-dns',
  (p, workspace) => {
    if (!p.policyTypes.includes('Egress')) return false;
    const nsLabels = namespaceLabels(workspace, 'kube-system');
    const toDns = p.egress.filter((r) => admitsPods(r, p, 'kube-system', nsLabels, KUBE_DNS_LABELS));
    return (['UDP', 'TCP'] as const).every((protocol) => toDns.some((r) => admitsPort(r, protocol, 53)));
  },
);

export const allowSameNamespace = namespaceCommand(
  'allowSameNamespace',
  'Allow same-namespace traffic',
  'allow-same-namespace',
  'Pods of the namespace may reach each other.',
  { podSelector: {}, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: {} }] }] },
  'allow ingress from every pod of the namespace',
  (p, workspace) =>
    p.policyTypes.includes('Ingress') &&
    p.ingress.some(
      (r) => r.ports === 'all' && admitsPods(r, p, p.namespace, namespaceLabels(workspace, p.namespace), {}),
    ),
);

/** The namespace quick actions, in the order the details panel shows them. */
export const NAMESPACE_ACTIONS: readonly NamespaceAction[] = [
  denyIngress,
  denyEgress,
  allowDnsEgress,
  allowSameNamespace,
];
