import type { Expectation } from '../expectations/model';
import type { Workspace } from '../model/workspace';
import { buildPolicies } from './buildPolicies';
import { expandIntent } from './expandIntent';
import type { NetworkPolicyManifest, SynthesisOptions, SynthesisProblem, SynthesisResult } from './model';
import { buildUnits, checkUnits } from './units';
import { verifySynthesis } from './verifySynthesis';

/**
 * Synthesizes NetworkPolicies from an intent: connectivity expectations (`allowed` / `blocked`;
 * `ConnectivityTest` checks, connections picked on the canvas, observed flows via
 * `flowsToIntent`). The result, added to the existing policies (`keepExisting`, the default) or
 * in their place (`replace`), makes every expectation pass and, under least privilege (the
 * default), blocks every pod-to-pod connection no `allowed` expectation asks for, on every
 * port, wherever one end is in a namespace the intent covers. Policies: a default deny per
 * covered namespace and direction, DNS egress to kube-dns, and one policy per workload and
 * direction (`api-ingress`, `web-egress`) with the fewest rules (peers sharing ports share a
 * rule), selecting by the fewest labels that select exactly the pods meant (`app` first),
 * namespaces by `kubernetes.io/metadata.name`, ports by name where the destination names them.
 *
 * Refuses with problems (and no policies) when labels cannot express the intent, the intent
 * contradicts itself, a kept policy allows what must be blocked (policies only add), or an
 * admin-tier policy decides first. Every result is verified with the engine before it is
 * returned; a verification failure is a `verification` problem, never a wrong result.
 * Never throws.
 */
export function synthesizePolicies(
  ws: Workspace,
  intent: readonly Expectation[],
  options: SynthesisOptions = {},
): SynthesisResult {
  const mode = options.mode ?? 'keepExisting';
  const leastPrivilege = options.leastPrivilege ?? true;
  const dns = options.dns ?? true;
  try {
    const base: Workspace = mode === 'replace' ? { ...ws, policies: [] } : ws;
    const expanded = expandIntent(base, intent, dns);
    const namespaces = [...expanded.covered].sort();
    const units = buildUnits(ws);
    const problems = [...expanded.problems, ...checkUnits(ws, intent, expanded, units, leastPrivilege)];
    if (problems.length > 0) return refused(problems, namespaces);
    const policies = buildPolicies(ws, { intent: expanded, units, kept: base.policies, leastPrivilege, dns });
    const verified = verifySynthesis({ ws, base, policies, intent, expanded, leastPrivilege, dns });
    if (verified.problems.length > 0) return refused(verified.problems, namespaces);
    return {
      policies,
      opened: verified.opened,
      closed: verified.closed,
      problems: [],
      verified: true,
      namespaces,
      ruleCount: countRules(policies),
    };
  } catch (e) {
    const message = `internal error while synthesizing: ${e instanceof Error ? e.message : String(e)}`;
    return refused([{ kind: 'verification', message, expectations: [], pods: [] }], []);
  }
}

function refused(problems: readonly SynthesisProblem[], namespaces: readonly string[]): SynthesisResult {
  return { policies: [], opened: [], closed: [], problems, verified: false, namespaces, ruleCount: 0 };
}

/** Number of ingress plus egress rules over the policies. */
export function countRules(policies: readonly NetworkPolicyManifest[]): number {
  return policies.reduce((n, p) => n + (p.spec.ingress?.length ?? 0) + (p.spec.egress?.length ?? 0), 0);
}
