import type {
  DirectionException,
  DirectionVerdict,
  Endpoint,
  PortQuery,
  Verdict,
  VerdictReason,
} from '../model/verdict';
import type { Workspace } from '../model/workspace';
import { resolveQueryPort } from '../selectors/matchesPort';
import { firstPort, intersectPortSets } from '../selectors/portSet';
import { destinationPorts, evaluateDirection, evaluateDirectionPorts } from './evaluateDirection';
import {
  isHostLevel,
  isSingleInstance,
  nodeOf,
  resolveEndpoint,
  type ResolvedEndpoint,
} from './resolveEndpoint';

/**
 * The reference answer for one connection. Kubernetes rules, in order:
 * 1. a pod can always reach itself (`self`; a workload of several replicas talks between
 *    replicas, which policies govern);
 * 2. traffic between a pod and the node it runs on is always allowed (`node-local`);
 * 3. otherwise egress is decided at the source and ingress at the destination, each by the
 *    policies isolating that side; outside addresses, nodes and hostNetwork pods are not
 *    subject to NetworkPolicy on their own side; the connection is allowed iff both are.
 * For port `any`: allowed iff some (protocol, port) is admitted by both directions.
 */
export function evaluateConnection(ws: Workspace, from: Endpoint, to: Endpoint, port: PortQuery): Verdict {
  const src = resolveEndpoint(ws, from);
  const dst = resolveEndpoint(ws, to);
  const problems = [src, dst].flatMap((e) => (e.kind === 'unknown' ? [e.problem] : []));
  if (problems.length > 0) {
    const blocked: DirectionVerdict = {
      direction: 'Egress',
      allowed: false,
      isolated: false,
      isolatingPolicies: [],
      admittedBy: [],
      decisions: [],
    };
    return {
      allowed: false,
      from,
      to,
      port,
      egress: blocked,
      ingress: { ...blocked, direction: 'Ingress' },
      reason: 'unknown-endpoint',
      problems,
    };
  }
  const shared = sharedException(src, dst);
  const egressException = shared ?? sideException(src);
  const ingressException = shared ?? sideException(dst);
  if (port === 'any') {
    const e = evaluateDirectionPorts(ws, src, dst, 'Egress', egressException);
    const i = evaluateDirectionPorts(ws, dst, src, 'Ingress', ingressException);
    const witness = firstPort(intersectPortSets(e.ports, i.ports));
    if (!witness) {
      return {
        allowed: false,
        from,
        to,
        port,
        egress: e.verdict,
        ingress: i.verdict,
        reason: reasonFor(false, e.verdict, i.verdict, shared),
        problems,
      };
    }
    // Explain the "any" answer by one concrete port that both directions admit.
    const egress = evaluateDirection(ws, src, dst, 'Egress', witness, egressException);
    const ingress = evaluateDirection(ws, dst, src, 'Ingress', witness, ingressException);
    return {
      allowed: true,
      from,
      to,
      port,
      witness,
      egress,
      ingress,
      reason: reasonFor(true, egress, ingress, shared),
      problems,
    };
  }
  const concrete = resolveQueryPort(port.port, port.protocol, destinationPorts(dst, src, 'Ingress'));
  const egress = evaluateDirection(ws, src, dst, 'Egress', concrete, egressException);
  const ingress = evaluateDirection(ws, dst, src, 'Ingress', concrete, ingressException);
  const allowed = egress.allowed && ingress.allowed;
  return {
    allowed,
    from,
    to,
    port,
    egress,
    ingress,
    reason: reasonFor(allowed, egress, ingress, shared),
    problems,
  };
}

/** `self` or `node-local`, which exempt both directions at once. */
export function sharedException(
  src: ResolvedEndpoint,
  dst: ResolvedEndpoint,
): DirectionException | undefined {
  if (src.kind === 'pod' && dst.kind === 'pod' && src.pod.key === dst.pod.key && isSingleInstance(src.pod))
    return 'self';
  const srcNode = nodeOf(src);
  if (srcNode !== undefined && srcNode === nodeOf(dst) && (isHostLevel(src) || isHostLevel(dst)))
    return 'node-local';
  return undefined;
}

/** Why one side is not subject to NetworkPolicy, if it is not. */
export function sideException(e: ResolvedEndpoint): DirectionException | undefined {
  if (e.kind === 'external') return 'external';
  if (isHostLevel(e)) return 'host-network';
  return undefined;
}

function reasonFor(
  allowed: boolean,
  egress: DirectionVerdict,
  ingress: DirectionVerdict,
  shared: DirectionException | undefined,
): VerdictReason {
  if (shared === 'self' || shared === 'node-local') return shared;
  if (allowed) return 'allowed';
  // Both sides admit something yet the connection is blocked: only for `any`, no common port.
  if (egress.allowed && ingress.allowed) return 'no-common-port';
  if (!egress.allowed && !ingress.allowed) return 'both-blocked';
  return egress.allowed ? 'ingress-blocked' : 'egress-blocked';
}

/**
 * Whether policy allows a connection between two resolved endpoints, leaving out the shared
 * exceptions (`self`, `node-local`) that a truth table applies per row; the side exceptions
 * (outside addresses, host-level endpoints) still apply. The same rules as
 * {@link evaluateConnection}, without the reasons.
 */
export function allowedByPolicy(
  ws: Workspace,
  src: ResolvedEndpoint,
  dst: ResolvedEndpoint,
  port: PortQuery,
): boolean {
  const egressException = sideException(src);
  const ingressException = sideException(dst);
  if (port === 'any') {
    const e = evaluateDirectionPorts(ws, src, dst, 'Egress', egressException);
    if (!e.verdict.allowed) return false;
    const i = evaluateDirectionPorts(ws, dst, src, 'Ingress', ingressException);
    return firstPort(intersectPortSets(e.ports, i.ports)) !== undefined;
  }
  const concrete = resolveQueryPort(port.port, port.protocol, destinationPorts(dst, src, 'Ingress'));
  return (
    evaluateDirection(ws, src, dst, 'Egress', concrete, egressException).allowed &&
    evaluateDirection(ws, dst, src, 'Ingress', concrete, ingressException).allowed
  );
}
