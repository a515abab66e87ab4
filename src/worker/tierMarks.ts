import { adminRulesOf, adminSubjectPods, evaluateConnection } from '../engine';
import type { DirectionVerdict, PortQuery, Workspace } from '../engine';

/** No admin or baseline rule decided the pair (or it was not looked at). */
export const TIER_NONE = 0;
/** An AdminNetworkPolicy (or Admin-tier ClusterNetworkPolicy) rule decided it. */
export const TIER_ADMIN = 1;
/** The BaselineAdminNetworkPolicy (or a Baseline-tier ClusterNetworkPolicy) decided it. */
export const TIER_BASELINE = 2;

/** Past this many pairs to look at, no marks are computed (each is a full evaluation). */
export const TIER_MARKS_MAX_PAIRS = 20_000;

/** Which tier settled one direction: the last decision that admitted or blocked. */
function decidedBy(direction: DirectionVerdict): number {
  const decisive = direction.decisions.findLast((d) => d.kind === 'allowed' || d.kind === 'blocked');
  if (!decisive) return TIER_NONE;
  return decisive.tier === 'admin' ? TIER_ADMIN : decisive.tier === 'baseline' ? TIER_BASELINE : TIER_NONE;
}

/**
 * For the pod-to-pod pairs of the table (row-major over `keys`, the pods first): which tier
 * decided each, so the canvas can say that an admin or baseline rule, not the namespace's
 * own policies, coloured an edge. A pair is marked by the tier that decided the direction
 * that blocked it, or, when allowed, by an admin or baseline tier that decided either
 * direction. Only pairs whose source or destination some admin policy selects are
 * evaluated; null when there is none, or more than {@link TIER_MARKS_MAX_PAIRS} such pairs.
 */
export function tierMarks(ws: Workspace, keys: readonly string[], port: PortQuery): Uint8Array | null {
  if (ws.adminPolicies.length === 0) return null;
  const n = keys.length;
  const pods = ws.pods;
  const index = new Map(pods.map((pod, i) => [pod.key, i]));
  const selected = (direction: 'Ingress' | 'Egress') => {
    const out = new Array<boolean>(pods.length).fill(false);
    for (const policy of ws.adminPolicies)
      if (adminRulesOf(policy, direction).length > 0)
        for (const pod of adminSubjectPods(ws, policy)) out[index.get(pod.key)!] = true;
    return out;
  };
  const egress = selected('Egress');
  const ingress = selected('Ingress');
  let pairs = 0;
  for (let i = 0; i < pods.length; i++)
    for (let j = 0; j < pods.length; j++) if (i !== j && (egress[i] || ingress[j])) pairs++;
  if (pairs === 0 || pairs > TIER_MARKS_MAX_PAIRS) return null;
  const marks = new Uint8Array(n * n);
  for (let i = 0; i < pods.length; i++)
    for (let j = 0; j < pods.length; j++) {
      if (i === j || !(egress[i] || ingress[j])) continue;
      const verdict = evaluateConnection(
        ws,
        { kind: 'pod', key: pods[i]!.key },
        { kind: 'pod', key: pods[j]!.key },
        port,
      );
      const out = decidedBy(verdict.egress);
      const into = decidedBy(verdict.ingress);
      marks[i * n + j] = verdict.allowed ? out || into : !verdict.egress.allowed ? out : into;
    }
  return marks;
}
