import type { Diagnostic } from '../model/diagnostics';
import type { CompiledPolicy, Direction } from '../model/policy';
import type { Workspace } from '../model/workspace';
import { rulesOf } from '../evaluate/evaluateDirection';
import { peersKey, policyDiagnostic, rulePath, selectedPods } from './lintContext';

/**
 * NP006: an allow-all rule (`ingress: [{}]` / `egress: [{}]`: no peers, no ports) for pods that
 * a default-deny policy (the direction in policyTypes, no rules) of the same namespace isolates.
 * Policies only add: the allow-all cancels the deny for every pod both select.
 */
export function checkAllowAllCancelsDeny(ws: Workspace): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const direction of ['Ingress', 'Egress'] as const) {
    const denies = ws.policies.filter(
      (p) => p.policyTypes.includes(direction) && rulesOf(p, direction).length === 0,
    );
    for (const policy of ws.policies) {
      for (const rule of rulesOf(policy, direction)) {
        if (rule.peers !== 'all' || rule.ports !== 'all') continue;
        const cancelled = denies.filter((d) => d.key !== policy.key && overlaps(ws, d, policy));
        if (cancelled.length === 0) continue;
        const list = direction === 'Ingress' ? 'ingress' : 'egress';
        out.push(
          policyDiagnostic(
            policy,
            'NP006',
            rulePath(direction, rule.index),
            `${list}[${rule.index}] has no ${peersKey(direction)} and no ports: it allows all ${list} and cancels the default deny of ${cancelled.map((d) => d.key).join(', ')} (policies only add); \`${list}: []\` allows nothing`,
          ),
        );
      }
    }
  }
  return out;
}

/** Whether two policies of a namespace select a common pod (or, with no pods known, both select all). */
function overlaps(ws: Workspace, a: CompiledPolicy, b: CompiledPolicy): boolean {
  if (a.namespace !== b.namespace) return false;
  const podsA = selectedPods(ws, a);
  if (podsA.length === 0)
    return a.podSelector.requirements.length === 0 || b.podSelector.requirements.length === 0;
  const podsB = new Set(selectedPods(ws, b).map((p) => p.key));
  return podsA.some((p) => podsB.has(p.key));
}

/** NP010: rules written for a direction that an explicit `policyTypes` leaves out (never enforced). */
export function checkUnenforcedRules(ws: Workspace): Diagnostic[] {
  return ws.policies.flatMap((policy) =>
    policy.unenforced.map((direction: Direction) =>
      policyDiagnostic(
        policy,
        'NP010',
        ['spec', direction === 'Ingress' ? 'ingress' : 'egress'],
        `spec.${direction === 'Ingress' ? 'ingress' : 'egress'} has rules but policyTypes does not list ${direction}: they are not enforced`,
      ),
    ),
  );
}
