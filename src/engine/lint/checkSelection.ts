import type { Diagnostic } from '../model/diagnostics';
import type { Workspace } from '../model/workspace';
import { matchesNamespace } from '../evaluate/matchesPeer';
import { resolveEndpoint } from '../evaluate/resolveEndpoint';
import { matchesPeer } from '../evaluate/matchesPeer';
import { formatLabelSelector } from '../selectors/matchesLabelSelector';
import { BUILT_IN_NAMESPACES } from '../normalize/normalizeClusterObjects';
import { peersKey, policyDiagnostic, rulePath, rulesWithDirection, selectedPods } from './lintContext';

/**
 * NP001 (a policy that selects no pod) and NP002 (a pod peer that selects nothing), checked
 * only when the workspace has pods at all (a policies-only file says nothing about pods).
 */
export function checkSelection(ws: Workspace): Diagnostic[] {
  if (ws.pods.length === 0) return [];
  const out: Diagnostic[] = [];
  // Resolved once: every peer is checked against every pod.
  const endpoints = ws.pods.map((p) => resolveEndpoint(ws, { kind: 'pod', key: p.key }));
  for (const policy of ws.policies) {
    if (selectedPods(ws, policy).length === 0) {
      out.push(
        policyDiagnostic(
          policy,
          'NP001',
          ['spec', 'podSelector'],
          `selects no pod in namespace ${policy.namespace} (podSelector ${formatLabelSelector(policy.podSelector)}): the policy has no effect`,
        ),
      );
    }
    for (const { direction, rule } of rulesWithDirection(policy)) {
      if (rule.peers === 'all') continue;
      for (const peer of rule.peers) {
        const m = peer.matcher;
        if (m.kind !== 'pods') continue;
        const path = [...rulePath(direction, rule.index), peersKey(direction), peer.index];
        const namespaces = ws.namespaces.filter((ns) => matchesNamespace(m.namespaces, ns));
        if (m.namespaces.kind === 'selector' && namespaces.length === 0) {
          out.push(
            policyDiagnostic(
              policy,
              'NP002',
              [...path, 'namespaceSelector'],
              `namespaceSelector ${formatLabelSelector(m.namespaces.selector)} matches no namespace`,
            ),
          );
          continue;
        }
        const hit = endpoints.some((endpoint) => matchesPeer(m, endpoint, ws));
        if (!hit) {
          const where =
            m.namespaces.kind === 'selector'
              ? `the namespaces matched by ${formatLabelSelector(m.namespaces.selector)}`
              : `namespace ${m.namespaces.namespace}`;
          out.push(
            policyDiagnostic(
              policy,
              'NP002',
              path,
              `peer matches no pod: no pod in ${where} has labels ${formatLabelSelector(m.pods)}`,
            ),
          );
        }
      }
    }
  }
  return out;
}

/** NP009: a policy in a namespace that no Namespace object declares (built-in namespaces excepted). */
export function checkNamespaces(ws: Workspace): Diagnostic[] {
  return ws.policies
    .filter(
      (p) =>
        !BUILT_IN_NAMESPACES.includes(p.namespace) && ws.namespaceByName.get(p.namespace)?.declared !== true,
    )
    .map((p) =>
      policyDiagnostic(
        p,
        'NP009',
        ['metadata', 'namespace'],
        `namespace ${p.namespace} is not declared by a Namespace object; applying this policy fails until it exists`,
      ),
    );
}
