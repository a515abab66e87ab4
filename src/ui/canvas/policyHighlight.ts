import { summariseAdminPolicy, summarisePolicy } from '../../engine';
import type { ExternalPeer, Workspace } from '../../engine';

/** What a selected policy lights up on the canvas: the pods it applies to, and its peers. */
export interface PolicyHighlight {
  targets: ReadonlySet<string>;
  peers: ReadonlySet<string>;
}

/**
 * The highlight of the selected policy (a NetworkPolicy, or an admin-tier policy: its
 * subject's pods, and every pod or address range its rules name); null when none is selected.
 */
export function policyHighlight(
  workspace: Workspace,
  externals: readonly ExternalPeer[],
  selectedPolicy: string | null,
): PolicyHighlight | null {
  if (!selectedPolicy) return null;
  const peers = new Set<string>();
  const admin = workspace.adminPolicies.find((p) => p.key === selectedPolicy);
  if (admin) {
    const summary = summariseAdminPolicy(workspace, admin);
    for (const rule of [...summary.ingress, ...summary.egress])
      for (const peer of rule.peers) {
        peer.pods.forEach((k) => peers.add(k));
        if (peer.kind === 'networks') externals.forEach((e) => peers.add(e.address));
      }
    return { targets: new Set(summary.selects), peers };
  }
  const policy = workspace.policies.find((p) => p.key === selectedPolicy);
  if (!policy) return null;
  const summary = summarisePolicy(workspace, policy);
  for (const peer of [...summary.ingress, ...summary.egress]) {
    peer.pods.forEach((k) => peers.add(k));
    if (peer.kind !== 'pods') externals.forEach((e) => peers.add(e.address));
  }
  return { targets: new Set(summary.selects), peers };
}
