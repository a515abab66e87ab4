import type { Diagnostic } from '../model/diagnostics';
import type { Workspace } from '../model/workspace';
import {
  listKeys,
  podsMatchedByRule,
  policyDiagnostic,
  rulePath,
  rulesWithDirection,
  selectedPods,
} from './lintContext';

/**
 * NP003: a named port that no destination pod defines with that name and protocol (so the
 * entry admits nothing). Destinations: the selected pods for ingress, the pods the rule's
 * peers match for egress. Skipped when there are no candidate pods (NP001/NP002 say why).
 */
export function checkNamedPorts(ws: Workspace): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const policy of ws.policies) {
    for (const { direction, rule } of rulesWithDirection(policy)) {
      if (rule.ports === 'all') continue;
      const named = rule.ports.flatMap((p) =>
        p.matcher.kind === 'named'
          ? [{ index: p.index, name: p.matcher.name, protocol: p.matcher.protocol }]
          : [],
      );
      if (named.length === 0) continue;
      const destinations = direction === 'Ingress' ? selectedPods(ws, policy) : podsMatchedByRule(ws, rule);
      for (const n of named) {
        const path = [...rulePath(direction, rule.index), 'ports', n.index, 'port'];
        if (destinations.length === 0) {
          if (direction === 'Egress' && ws.pods.length > 0) {
            out.push(
              policyDiagnostic(
                policy,
                'NP003',
                path,
                `named port "${n.name}" can only match pods, and this rule's peers match no pod (named ports never match outside addresses)`,
              ),
            );
          }
          continue;
        }
        if (destinations.some((d) => d.ports.some((c) => c.name === n.name && c.protocol === n.protocol)))
          continue;
        const otherProtocol = destinations.filter((d) => d.ports.some((c) => c.name === n.name));
        const hint =
          otherProtocol.length > 0
            ? ` (${listKeys(otherProtocol.map((d) => d.key))} define "${n.name}" with another protocol; the protocol must match too)`
            : '';
        out.push(
          policyDiagnostic(
            policy,
            'NP003',
            path,
            `no destination pod defines a ${n.protocol} container port named "${n.name}", so this entry admits nothing${hint}`,
          ),
        );
      }
    }
  }
  return out;
}
