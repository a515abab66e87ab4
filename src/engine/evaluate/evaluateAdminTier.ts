import { assertNever } from '../model/ids';
import {
  adminRulesOf,
  isAdmitAction,
  type AdminPeerMatcher,
  type AdminRule,
  type AdminSubject,
  type AdminTier,
  type CompiledAdminPolicy,
} from '../model/adminPolicy';
import type { Direction } from '../model/policy';
import type { NamespaceInfo, PodInfo } from '../model/resources';
import type { AdminRuleMatch, TierDecision } from '../model/verdict';
import type { Workspace } from '../model/workspace';
import { cidrContainsIp } from '../selectors/cidr';
import { matchesLabelSelector } from '../selectors/matchesLabelSelector';
import { matchesPort, portSetOfMatcher, type ConcretePort } from '../selectors/matchesPort';
import {
  EMPTY_PORT_SET,
  FULL_PORT_SET,
  intersectPortSets,
  isEmptyPortSet,
  subtractPortSets,
  unionPortSets,
  type PortSet,
} from '../selectors/portSet';
import type { ResolvedEndpoint } from './resolveEndpoint';

/** An admin tier's decision on one port: a {@link TierDecision} of tier `admin` or `baseline`. */
export type AdminTierDecision = Extract<TierDecision, { tier: AdminTier }>;

/** Whether an admin policy's subject selects a pod (never a hostNetwork pod). */
export function subjectSelects(subject: AdminSubject, ns: NamespaceInfo, pod: PodInfo): boolean {
  return (
    !pod.hostNetwork &&
    matchesLabelSelector(subject.namespaces, ns.labels) &&
    matchesLabelSelector(subject.pods, pod.labels)
  );
}

/**
 * The policies of a tier that select the subject and have rules in the direction, in
 * evaluation order: lower `priority` first, equal priorities in input order (undefined
 * upstream; the lint reports it).
 */
export function adminPoliciesFor(
  ws: Workspace,
  tier: AdminTier,
  subject: ResolvedEndpoint,
  direction: Direction,
): CompiledAdminPolicy[] {
  if (subject.kind !== 'pod' || ws.adminPolicies.length === 0) return [];
  return ws.adminPolicies
    .filter(
      (p) =>
        p.tier === tier &&
        adminRulesOf(p, direction).length > 0 &&
        subjectSelects(p.subject, subject.namespace, subject.pod),
    )
    .sort((a, b) => a.priority - b.priority);
}

/**
 * Whether an admin peer matches an endpoint: `namespaces`/`pods` match pods (not hostNetwork)
 * by namespace AND pod labels; `networks` match any endpoint by its addresses (pods by their
 * own IPs too); `nodes` match a node, or a hostNetwork pod by its node, by the node's labels.
 */
export function matchesAdminPeer(peer: AdminPeerMatcher, e: ResolvedEndpoint, ws: Workspace): boolean {
  switch (peer.kind) {
    case 'pods':
      return (
        e.kind === 'pod' &&
        !e.pod.hostNetwork &&
        matchesLabelSelector(peer.namespaces, e.namespace.labels) &&
        matchesLabelSelector(peer.pods, e.pod.labels)
      );
    case 'networks': {
      const ips = e.kind === 'external' ? [e.ip] : e.kind === 'unknown' ? [] : e.ips;
      return ips.some((ip) => peer.cidrs.some((c) => cidrContainsIp(c, ip)));
    }
    case 'nodes': {
      const node =
        e.kind === 'node'
          ? e.node
          : e.kind === 'pod' && e.pod.hostNetwork && e.pod.nodeName !== undefined
            ? ws.nodeByName.get(e.pod.nodeName)
            : undefined;
      return node !== undefined && matchesLabelSelector(peer.selector, node.labels);
    }
    case 'none':
      return false;
    default:
      return assertNever(peer);
  }
}

function firstPeer(ws: Workspace, rule: AdminRule, other: ResolvedEndpoint): number | undefined {
  return rule.peers.find((p) => matchesAdminPeer(p.matcher, other, ws))?.index;
}

function kindOf(rule: AdminRule): 'allowed' | 'blocked' | 'pass' {
  if (isAdmitAction(rule.action)) return 'allowed';
  return rule.action === 'Deny' ? 'blocked' : 'pass';
}

function ruleMatch(
  policy: CompiledAdminPolicy,
  rule: AdminRule,
  direction: Direction,
  peerIndex: number,
  portIndex: number | null,
): AdminRuleMatch {
  const m = {
    policy: policy.key,
    direction,
    ruleIndex: rule.index,
    action: rule.action,
    peerIndex,
    portIndex,
  };
  return rule.name === undefined ? m : { ...m, ruleName: rule.name };
}

/**
 * Decides one direction in one admin tier for one port: the policies selecting the subject,
 * lower priority first, rules in written order; the first rule whose peer AND port match
 * decides (`Allow`/`Accept` allowed, `Deny` blocked, `Pass` on to the next tier). No matching
 * rule: `no-match` (no implicit isolation). Undefined when no policy of the tier selects it.
 */
export function decideAdminTier(
  ws: Workspace,
  tier: AdminTier,
  subject: ResolvedEndpoint,
  other: ResolvedEndpoint,
  direction: Direction,
  port: ConcretePort,
  destinationPorts: PodInfo['ports'],
): AdminTierDecision | undefined {
  const policies = adminPoliciesFor(ws, tier, subject, direction);
  if (policies.length === 0) return undefined;
  const keys = policies.map((p) => p.key);
  for (const policy of policies) {
    for (const rule of adminRulesOf(policy, direction)) {
      const peerIndex = firstPeer(ws, rule, other);
      if (peerIndex === undefined) continue;
      const portIndex =
        rule.ports === 'all'
          ? null
          : rule.ports.find((p) => matchesPort(p.matcher, port, destinationPorts))?.index;
      if (portIndex === undefined) continue;
      return {
        tier,
        kind: kindOf(rule),
        policies: keys,
        match: ruleMatch(policy, rule, direction, peerIndex, portIndex),
      };
    }
  }
  return { tier, kind: 'no-match', policies: keys };
}

/**
 * One admin tier over sets of ports (the "any port" question): of the ports still undecided
 * (`open`), each matching rule in order takes the ones it covers: `allowed` collects those of
 * Allow/Accept rules, Deny rules drop theirs, and what no rule took plus what Pass rules took
 * goes on (`onward`). `decision` names the first rule that took any port.
 */
export function decideAdminTierPorts(
  ws: Workspace,
  tier: AdminTier,
  subject: ResolvedEndpoint,
  other: ResolvedEndpoint,
  direction: Direction,
  open: PortSet,
  destinationPorts: PodInfo['ports'],
): { allowed: PortSet; onward: PortSet; decision: AdminTierDecision | undefined } {
  const policies = adminPoliciesFor(ws, tier, subject, direction);
  if (policies.length === 0) return { allowed: EMPTY_PORT_SET, onward: open, decision: undefined };
  const keys = policies.map((p) => p.key);
  let undecided = open;
  let allowed = EMPTY_PORT_SET;
  let passed = EMPTY_PORT_SET;
  let decision: AdminTierDecision | undefined;
  for (const policy of policies) {
    for (const rule of adminRulesOf(policy, direction)) {
      const peerIndex = firstPeer(ws, rule, other);
      if (peerIndex === undefined) continue;
      const covered =
        rule.ports === 'all'
          ? FULL_PORT_SET
          : rule.ports.reduce(
              (acc, p) => unionPortSets(acc, portSetOfMatcher(p.matcher, destinationPorts)),
              EMPTY_PORT_SET,
            );
      const taken = intersectPortSets(covered, undecided);
      if (isEmptyPortSet(taken)) continue;
      const kind = kindOf(rule);
      if (kind === 'allowed') allowed = unionPortSets(allowed, taken);
      else if (kind === 'pass') passed = unionPortSets(passed, taken);
      undecided = subtractPortSets(undecided, taken);
      decision ??= { tier, kind, policies: keys, match: ruleMatch(policy, rule, direction, peerIndex, null) };
    }
  }
  return {
    allowed,
    onward: unionPortSets(undecided, passed),
    decision: decision ?? { tier, kind: 'no-match', policies: keys },
  };
}
