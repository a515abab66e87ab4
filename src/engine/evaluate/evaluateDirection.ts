import type { CompiledPolicy, CompiledRule, Direction } from '../model/policy';
import type { ContainerPort } from '../model/resources';
import type { DirectionException, DirectionVerdict, RuleMatch, TierDecision } from '../model/verdict';
import type { Workspace } from '../model/workspace';
import { matchesPort, portSetOfMatcher, type ConcretePort } from '../selectors/matchesPort';
import {
  EMPTY_PORT_SET,
  FULL_PORT_SET,
  intersectPortSets,
  isEmptyPortSet,
  unionPortSets,
  type PortSet,
} from '../selectors/portSet';
import { decideAdminTier, decideAdminTierPorts, type AdminTierDecision } from './evaluateAdminTier';
import { matchesPeer, selectsPod } from './matchesPeer';
import type { ResolvedEndpoint } from './resolveEndpoint';

/** The rules of one direction of a policy. */
export function rulesOf(policy: CompiledPolicy, direction: Direction): readonly CompiledRule[] {
  return direction === 'Ingress' ? policy.ingress : policy.egress;
}

/**
 * The policies isolating a pod in a direction: those in its namespace that select it and list
 * the direction in `policyTypes`. No such policy = not isolated = everything allowed.
 */
export function isolatingPoliciesFor(
  ws: Workspace,
  subject: ResolvedEndpoint,
  direction: Direction,
): CompiledPolicy[] {
  if (subject.kind !== 'pod') return [];
  const pod = subject.pod;
  return ws.policies.filter((p) => p.policyTypes.includes(direction) && selectsPod(p, pod));
}

/** The container ports a named port resolves against: those of the connection's destination. */
export function destinationPorts(
  subject: ResolvedEndpoint,
  other: ResolvedEndpoint,
  direction: Direction,
): readonly ContainerPort[] {
  const destination = direction === 'Ingress' ? subject : other;
  return destination.kind === 'pod' ? destination.pod.ports : [];
}

/** Every rule of the given policies that admits `other` on `port` (peer AND port must match). */
export function admittingRules(
  ws: Workspace,
  policies: readonly CompiledPolicy[],
  subject: ResolvedEndpoint,
  other: ResolvedEndpoint,
  direction: Direction,
  port: ConcretePort,
): RuleMatch[] {
  const dstPorts = destinationPorts(subject, other, direction);
  const matches: RuleMatch[] = [];
  for (const policy of policies) {
    for (const rule of rulesOf(policy, direction)) {
      const peerIndex = firstMatchingPeer(ws, rule, other);
      if (peerIndex === undefined) continue;
      const portIndex =
        rule.ports === 'all' ? null : rule.ports.find((p) => matchesPort(p.matcher, port, dstPorts))?.index;
      if (portIndex === undefined) continue;
      matches.push({ policy: policy.key, direction, ruleIndex: rule.index, peerIndex, portIndex });
    }
  }
  return matches;
}

/** The index of the first peer matching (null when the rule has no peers), undefined when none. */
export function firstMatchingPeer(
  ws: Workspace,
  rule: CompiledRule,
  other: ResolvedEndpoint,
): number | null | undefined {
  if (rule.peers === 'all') return null;
  return rule.peers.find((p) => matchesPeer(p.matcher, other, ws))?.index;
}

/**
 * Decides one direction for one port: egress at the source (`subject` = source), ingress at
 * the destination. An exception short-circuits; otherwise the tiers decide in order:
 * 1. admin (AdminNetworkPolicies, Admin-tier ClusterNetworkPolicies): the first matching rule
 *    allows or blocks; `Pass` or no match goes on;
 * 2. NetworkPolicy: isolated -> allowed iff some rule of an isolating policy admits;
 * 3. baseline (the BaselineAdminNetworkPolicy, Baseline-tier ClusterNetworkPolicies), when
 *    no NetworkPolicy isolates: the first matching rule allows or blocks;
 * 4. otherwise allowed. `decisions` lists the tiers consulted (admin tiers only when one of
 *    their policies selects the subject).
 */
export function evaluateDirection(
  ws: Workspace,
  subject: ResolvedEndpoint,
  other: ResolvedEndpoint,
  direction: Direction,
  port: ConcretePort,
  exception: DirectionException | undefined,
): DirectionVerdict {
  if (exception) return exemptVerdict(direction, exception);
  const dstPorts = destinationPorts(subject, other, direction);
  const admin = decideAdminTier(ws, 'admin', subject, other, direction, port, dstPorts);
  if (admin && (admin.kind === 'allowed' || admin.kind === 'blocked'))
    return tierVerdict(direction, admin.kind === 'allowed', [admin]);
  const np = networkPolicyDirection(ws, subject, other, direction, port);
  const before: TierDecision[] = admin ? [admin] : [];
  if (np.isolated) return withDecisions(np, before, undefined);
  const baseline = decideAdminTier(ws, 'baseline', subject, other, direction, port, dstPorts);
  return withDecisions(np, before, baseline);
}

/** A direction an admin tier decided: NetworkPolicy not consulted. */
function tierVerdict(direction: Direction, allowed: boolean, decisions: TierDecision[]): DirectionVerdict {
  return { direction, allowed, isolated: false, isolatingPolicies: [], admittedBy: [], decisions };
}

/** The NetworkPolicy verdict with the admin tier's decision before it and the baseline's after. */
function withDecisions(
  np: DirectionVerdict,
  before: readonly TierDecision[],
  baseline: AdminTierDecision | undefined,
): DirectionVerdict {
  if (before.length === 0 && !baseline) return np;
  const decisions = [...before, ...np.decisions, ...(baseline ? [baseline] : [])];
  return { ...np, allowed: baseline ? baseline.kind !== 'blocked' : np.allowed, decisions };
}

/** The NetworkPolicy tier alone (not isolated -> allowed). */
function networkPolicyDirection(
  ws: Workspace,
  subject: ResolvedEndpoint,
  other: ResolvedEndpoint,
  direction: Direction,
  port: ConcretePort,
): DirectionVerdict {
  const isolating = isolatingPoliciesFor(ws, subject, direction);
  if (isolating.length === 0) {
    return {
      direction,
      allowed: true,
      isolated: false,
      isolatingPolicies: [],
      admittedBy: [],
      decisions: [{ tier: 'networkpolicy', kind: 'not-isolated' }],
    };
  }
  const isolatingPolicies = isolating.map((p) => p.key);
  const admittedBy = admittingRules(ws, isolating, subject, other, direction, port);
  const allowed = admittedBy.length > 0;
  return {
    direction,
    allowed,
    isolated: true,
    isolatingPolicies,
    admittedBy,
    decisions: [
      allowed
        ? { tier: 'networkpolicy', kind: 'allowed', isolatingPolicies, admittedBy }
        : { tier: 'networkpolicy', kind: 'blocked', isolatingPolicies },
    ],
  };
}

/** A direction that no policy governs (see {@link DirectionException}). */
export function exemptVerdict(direction: Direction, exception: DirectionException): DirectionVerdict {
  return {
    direction,
    allowed: true,
    isolated: false,
    isolatingPolicies: [],
    admittedBy: [],
    decisions: [],
    exception,
  };
}

/**
 * Every (protocol, port) one direction admits toward `other`, with the verdict for "some
 * port": everything when not isolated or exempt; otherwise the union of the port sets of the
 * isolating policies' rules whose peers match (named ports resolved on the destination).
 * `admittedBy` then lists the rules admitting at least one port (port index null).
 */
export function evaluateDirectionPorts(
  ws: Workspace,
  subject: ResolvedEndpoint,
  other: ResolvedEndpoint,
  direction: Direction,
  exception: DirectionException | undefined,
): { verdict: DirectionVerdict; ports: PortSet } {
  if (exception) return { verdict: exemptVerdict(direction, exception), ports: FULL_PORT_SET };
  if (ws.adminPolicies.length === 0) return networkPolicyPorts(ws, subject, other, direction);
  // The tiers over port sets: each tier decides some ports and hands the rest on.
  const dstPorts = destinationPorts(subject, other, direction);
  const admin = decideAdminTierPorts(ws, 'admin', subject, other, direction, FULL_PORT_SET, dstPorts);
  const np = networkPolicyPorts(ws, subject, other, direction);
  let ports = admin.allowed;
  let baseline: AdminTierDecision | undefined;
  if (np.verdict.isolated) ports = unionPortSets(ports, intersectPortSets(np.ports, admin.onward));
  else {
    const b = decideAdminTierPorts(ws, 'baseline', subject, other, direction, admin.onward, dstPorts);
    ports = unionPortSets(ports, unionPortSets(b.allowed, b.onward));
    baseline = b.decision;
  }
  const before: TierDecision[] = admin.decision ? [admin.decision] : [];
  // NetworkPolicy is consulted only for the ports the admin tier left undecided or passed.
  const decided = admin.decision !== undefined && isEmptyPortSet(admin.onward);
  const verdict: DirectionVerdict = decided
    ? tierVerdict(direction, !isEmptyPortSet(ports), before)
    : { ...withDecisions(np.verdict, before, baseline), allowed: !isEmptyPortSet(ports) };
  return { verdict, ports };
}

/** {@link evaluateDirectionPorts} for the NetworkPolicy tier alone. */
function networkPolicyPorts(
  ws: Workspace,
  subject: ResolvedEndpoint,
  other: ResolvedEndpoint,
  direction: Direction,
): { verdict: DirectionVerdict; ports: PortSet } {
  const isolating = isolatingPoliciesFor(ws, subject, direction);
  if (isolating.length === 0) {
    const verdict: DirectionVerdict = {
      direction,
      allowed: true,
      isolated: false,
      isolatingPolicies: [],
      admittedBy: [],
      decisions: [{ tier: 'networkpolicy', kind: 'not-isolated' }],
    };
    return { verdict, ports: FULL_PORT_SET };
  }
  const dstPorts = destinationPorts(subject, other, direction);
  let ports = EMPTY_PORT_SET;
  const admittedBy: RuleMatch[] = [];
  for (const policy of isolating) {
    for (const rule of rulesOf(policy, direction)) {
      const peerIndex = firstMatchingPeer(ws, rule, other);
      if (peerIndex === undefined) continue;
      const ruleSet =
        rule.ports === 'all'
          ? FULL_PORT_SET
          : rule.ports.reduce(
              (acc, p) => unionPortSets(acc, portSetOfMatcher(p.matcher, dstPorts)),
              EMPTY_PORT_SET,
            );
      if (isEmptyPortSet(ruleSet)) continue;
      ports = unionPortSets(ports, ruleSet);
      admittedBy.push({ policy: policy.key, direction, ruleIndex: rule.index, peerIndex, portIndex: null });
    }
  }
  const isolatingPolicies = isolating.map((p) => p.key);
  const allowed = admittedBy.length > 0;
  const verdict: DirectionVerdict = {
    direction,
    allowed,
    isolated: true,
    isolatingPolicies,
    admittedBy,
    decisions: [
      allowed
        ? { tier: 'networkpolicy', kind: 'allowed', isolatingPolicies, admittedBy }
        : { tier: 'networkpolicy', kind: 'blocked', isolatingPolicies },
    ],
  };
  return { verdict, ports };
}
