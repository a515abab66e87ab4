import type { Diagnostic, FieldPath } from '../model/diagnostics';
import type { CompiledPolicy, CompiledRule, Direction } from '../model/policy';
import type { PodInfo } from '../model/resources';
import type { Workspace } from '../model/workspace';
import { matchesPeer, selectsPod } from '../evaluate/matchesPeer';
import { resolveEndpoint } from '../evaluate/resolveEndpoint';
import { LINT_CODES, type LintCode } from './lintCodes';

/** A lint finding about a policy, at a field path inside it. */
export function policyDiagnostic(
  policy: CompiledPolicy,
  code: LintCode,
  path: FieldPath,
  message: string,
): Diagnostic {
  const d: Diagnostic = { severity: LINT_CODES[code].severity, code, message, path };
  return policy.source ? { ...d, source: policy.source } : d;
}

/** `['spec', 'ingress', r]` or `['spec', 'egress', r]`. */
export function rulePath(direction: Direction, ruleIndex: number): FieldPath {
  return ['spec', direction === 'Ingress' ? 'ingress' : 'egress', ruleIndex];
}

/** The name of a direction's peer list: `from` or `to`. */
export function peersKey(direction: Direction): 'from' | 'to' {
  return direction === 'Ingress' ? 'from' : 'to';
}

/** Every rule of a policy with its direction. */
export function rulesWithDirection(policy: CompiledPolicy): { direction: Direction; rule: CompiledRule }[] {
  return [
    ...policy.ingress.map((rule) => ({ direction: 'Ingress' as const, rule })),
    ...policy.egress.map((rule) => ({ direction: 'Egress' as const, rule })),
  ];
}

/** The pods a policy selects. */
export function selectedPods(ws: Workspace, policy: CompiledPolicy): PodInfo[] {
  return ws.pods.filter((p) => selectsPod(policy, p));
}

/** The pods a rule's peers match (every pod when the rule has no peers). */
export function podsMatchedByRule(ws: Workspace, rule: CompiledRule): PodInfo[] {
  return ws.pods.filter((p) => {
    if (rule.peers === 'all') return true;
    const e = resolveEndpoint(ws, { kind: 'pod', key: p.key });
    return rule.peers.some((peer) => matchesPeer(peer.matcher, e, ws));
  });
}

/** A short list of keys for a message: `a, b, c and 4 more`. */
export function listKeys(keys: readonly string[], max = 3): string {
  return keys.length <= max
    ? keys.join(', ')
    : `${keys.slice(0, max).join(', ')} and ${keys.length - max} more`;
}
