import type { Diagnostic, FieldPath } from '../model/diagnostics';
import {
  adminRulesOf,
  isAdmitAction,
  type AdminPeer,
  type AdminRule,
  type CompiledAdminPolicy,
} from '../model/adminPolicy';
import type { Direction, IndexedPort } from '../model/policy';
import type { PodInfo } from '../model/resources';
import type { Workspace } from '../model/workspace';
import { subjectSelects } from '../evaluate/evaluateAdminTier';
import { selectsPod } from '../evaluate/matchesPeer';
import { implicitNamespace } from '../normalize/normalizeClusterObjects';
import { LINT_CODES, type LintCode } from './lintCodes';
import { listKeys, peersKey, rulePath } from './lintContext';

/** A lint finding about an admin policy, at a field path inside it. */
function adminDiagnostic(
  policy: CompiledAdminPolicy,
  code: LintCode,
  path: FieldPath,
  message: string,
): Diagnostic {
  const d: Diagnostic = { severity: LINT_CODES[code].severity, code, message, path };
  return policy.source ? { ...d, source: policy.source } : d;
}

/** The pods an admin policy's subject selects. */
export function subjectPods(ws: Workspace, policy: CompiledAdminPolicy): PodInfo[] {
  return ws.pods.filter((p) =>
    subjectSelects(policy.subject, ws.namespaceByName.get(p.namespace) ?? implicitNamespace(p.namespace), p),
  );
}

const DIRECTIONS: readonly Direction[] = ['Ingress', 'Egress'];

/**
 * NP011: two policies of one tier with the same priority whose subjects select a common pod.
 * Upstream leaves their order undefined: either may decide first.
 */
export function checkEqualPriorities(ws: Workspace): Diagnostic[] {
  const out: Diagnostic[] = [];
  const policies = ws.adminPolicies.filter((p) => p.kind !== 'BaselineAdminNetworkPolicy');
  policies.forEach((p, i) => {
    const mine = new Set(subjectPods(ws, p).map((x) => x.key));
    const clashes = policies
      .slice(0, i)
      .filter((q) => q.tier === p.tier && q.priority === p.priority)
      .filter((q) => subjectPods(ws, q).some((x) => mine.has(x.key)));
    if (clashes.length === 0) return;
    out.push(
      adminDiagnostic(
        p,
        'NP011',
        ['spec', 'priority'],
        `priority ${p.priority} is also the priority of ${listKeys(clashes.map((q) => q.key))}, whose subject selects some of the same pods: their order is undefined upstream, so either may decide first`,
      ),
    );
  });
  return out;
}

/**
 * NP012: an admin-tier `Pass` rule for a direction in which no NetworkPolicy selects any pod of
 * the subject: nothing in the NetworkPolicy tier decides, so the baseline tier (or the default
 * allow) does. Checked only when the subject selects pods.
 */
export function checkPassWithoutNetworkPolicy(ws: Workspace): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const policy of ws.adminPolicies.filter((p) => p.tier === 'admin')) {
    const pods = subjectPods(ws, policy);
    if (pods.length === 0) continue;
    for (const direction of DIRECTIONS) {
      const isolated = pods.some((pod) =>
        ws.policies.some((np) => np.policyTypes.includes(direction) && selectsPod(np, pod)),
      );
      if (isolated) continue;
      for (const rule of adminRulesOf(policy, direction)) {
        if (rule.action !== 'Pass') continue;
        out.push(
          adminDiagnostic(
            policy,
            'NP012',
            [...rulePath(direction, rule.index), 'action'],
            `Pass hands ${direction.toLowerCase()} over to NetworkPolicies, but no NetworkPolicy selects any pod of this subject for ${direction}: the Baseline tier, or the default allow, decides instead`,
          ),
        );
      }
    }
  }
  return out;
}

/**
 * NP013: a `Deny` rule that an earlier rule of the same tier always decides first: an
 * `Allow`/`Accept` or `Pass` rule earlier in the policy, or in a policy of lower priority whose
 * subject selects every pod this one does, whose peers and ports cover the Deny's. Coverage is
 * checked conservatively: a peer is covered by the same peer or by `namespaces: {}` (every pod)
 * for pod peers; ports by no ports or the same entries.
 */
export function checkShadowedDeny(ws: Workspace): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const policy of ws.adminPolicies) {
    const pods = subjectPods(ws, policy).map((p) => p.key);
    const before = ws.adminPolicies.filter(
      (q) =>
        q.tier === policy.tier &&
        q.priority < policy.priority &&
        pods.length > 0 &&
        (() => {
          const theirs = new Set(subjectPods(ws, q).map((p) => p.key));
          return pods.every((k) => theirs.has(k));
        })(),
    );
    for (const direction of DIRECTIONS) {
      for (const rule of adminRulesOf(policy, direction)) {
        if (rule.action !== 'Deny') continue;
        const earlier = [
          ...before.flatMap((q) => adminRulesOf(q, direction).map((r) => ({ policy: q, rule: r }))),
          ...adminRulesOf(policy, direction)
            .slice(0, rule.index)
            .map((r) => ({ policy, rule: r })),
        ];
        const by = earlier.find(
          (e) => (isAdmitAction(e.rule.action) || e.rule.action === 'Pass') && covers(e.rule, rule),
        );
        if (!by) continue;
        const where = by.policy === policy ? '' : ` of ${by.policy.key}`;
        out.push(
          adminDiagnostic(
            policy,
            'NP013',
            [...rulePath(direction, rule.index), 'action'],
            `this Deny never decides: ${direction === 'Ingress' ? 'ingress' : 'egress'}[${by.rule.index}]${where} (${by.rule.action}) matches every ${peersKey(direction) === 'from' ? 'source' : 'destination'} and port it does, and comes first`,
          ),
        );
      }
    }
  }
  return out;
}

function covers(a: AdminRule, b: AdminRule): boolean {
  return b.peers.every((p) => a.peers.some((q) => peerCovers(q, p))) && portsCover(a.ports, b.ports);
}

function peerCovers(a: AdminPeer, b: AdminPeer): boolean {
  const everyPod =
    a.matcher.kind === 'pods' &&
    a.matcher.namespaces.requirements.length === 0 &&
    a.matcher.pods.requirements.length === 0;
  if (everyPod && b.matcher.kind === 'pods') return true;
  return sameJson(a.matcher, b.matcher);
}

function portsCover(a: 'all' | readonly IndexedPort[], b: 'all' | readonly IndexedPort[]): boolean {
  if (a === 'all') return true;
  if (b === 'all') return false;
  return b.every((p) => a.some((q) => sameJson(q.matcher, p.matcher)));
}

function sameJson(a: unknown, b: unknown): boolean {
  const text = (v: unknown): string =>
    JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x));
  return text(a) === text(b);
}

/** NP014: an admin policy whose subject selects no pod (checked only when the workspace has pods). */
export function checkEmptySubject(ws: Workspace): Diagnostic[] {
  if (ws.pods.length === 0) return [];
  return ws.adminPolicies
    .filter((p) => subjectPods(ws, p).length === 0)
    .map((p) =>
      adminDiagnostic(
        p,
        'NP014',
        ['spec', 'subject', p.subject.shape],
        `the subject selects no pod (hostNetwork pods are never subjects): ${p.key} has no effect`,
      ),
    );
}
