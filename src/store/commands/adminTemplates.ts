/**
 * Quick actions that add a cluster-scoped policy of the Network Policy API for a namespace.
 * An admin policy is decided before the namespace's own NetworkPolicies, so its owner cannot
 * open what it denies.
 */
import { NAMESPACE_NAME_LABEL } from '../../engine';
import type { Workspace } from '../../engine';
import { appendDocument } from '../../yaml/textEdits';
import { edit, refuse } from './command';
import type { NamespaceAction } from './policyTemplates';

/** The namespace the quick action lets in: where monitoring (Prometheus and the like) runs. */
export const MONITORING_NAMESPACE = 'monitoring';

/** The lowest multiple of 10 no admin-tier policy uses yet (equal priorities have no defined order). */
function freePriority(workspace: Workspace): number {
  const used = new Set(workspace.adminPolicies.filter((p) => p.tier === 'admin').map((p) => p.priority));
  let priority = 10;
  while (used.has(priority)) priority += 10;
  return priority;
}

const nameFor = (namespace: string) => `${namespace}-only-from-${MONITORING_NAMESPACE}`;

/** An AdminNetworkPolicy: ingress to the namespace from monitoring is allowed, from anywhere else denied. */
export const adminOnlyFromMonitoring: NamespaceAction = {
  id: 'adminOnlyFromMonitoring',
  label: `Admin: only ${MONITORING_NAMESPACE} may reach it`,
  effect: `an AdminNetworkPolicy denies ingress from every namespace but ${MONITORING_NAMESPACE}; the namespace's own policies cannot override it`,
  appliedBy: (workspace, namespace) =>
    workspace.adminPolicies.find((p) => p.kind === 'AdminNetworkPolicy' && p.name === nameFor(namespace)),
  perform({ text, workspace }, { namespace }) {
    if (!workspace.namespaces.some((ns) => ns.name === namespace)) return refuse(`no namespace ${namespace}`);
    if (namespace === MONITORING_NAMESPACE)
      return refuse(`${namespace} is the namespace this action lets in: pick another namespace`);
    const name = nameFor(namespace);
    if (workspace.adminPolicies.some((p) => p.kind === 'AdminNetworkPolicy' && p.name === name))
      return refuse(`AdminNetworkPolicy ${name} is already there`);
    const policy = {
      apiVersion: 'policy.networking.k8s.io/v1alpha1',
      kind: 'AdminNetworkPolicy',
      metadata: { name },
      spec: {
        priority: freePriority(workspace),
        subject: { namespaces: { matchLabels: { [NAMESPACE_NAME_LABEL]: namespace } } },
        ingress: [
          {
            name: `allow-from-${MONITORING_NAMESPACE}`,
            action: 'Allow',
            from: [{ namespaces: { matchLabels: { [NAMESPACE_NAME_LABEL]: MONITORING_NAMESPACE } } }],
          },
          { name: 'deny-everyone-else', action: 'Deny', from: [{ namespaces: {} }] },
        ],
      },
    };
    return edit(
      appendDocument(
        text,
        policy,
        `Cluster admin: only ${MONITORING_NAMESPACE} may reach ${namespace}, whatever its NetworkPolicies allow`,
      ),
    );
  },
};
