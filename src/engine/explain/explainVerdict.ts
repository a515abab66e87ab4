import { assertNever } from '../model/ids';
import type { AdminTier } from '../model/adminPolicy';
import type {
  AdminRuleMatch,
  DirectionException,
  DirectionVerdict,
  Endpoint,
  PortQuery,
  RuleMatch,
  TierDecision,
  Verdict,
} from '../model/verdict';

/** An endpoint as text: `namespace/name` or the address. */
export function formatEndpoint(e: Endpoint): string {
  return e.kind === 'pod' ? e.key : e.ip;
}

/** A port question as text: `80/TCP`, `http/TCP`, `any port`. */
export function formatPortQuery(q: PortQuery): string {
  return q === 'any' ? 'any port' : `${q.port}/${q.protocol}`;
}

/** Where a rule lives, as an API field path: `default/web spec.ingress[0].from[1] ports[0]`. */
export function formatRuleMatch(m: RuleMatch): string {
  const list = m.direction === 'Ingress' ? 'ingress' : 'egress';
  const peers = m.direction === 'Ingress' ? 'from' : 'to';
  const peer = m.peerIndex === null ? `(no ${peers}: every peer)` : `${peers}[${m.peerIndex}]`;
  const port = m.portIndex === null ? '(no ports: every port)' : `ports[${m.portIndex}]`;
  return `${m.policy} spec.${list}[${m.ruleIndex}] ${peer} ${port}`;
}

/**
 * Where an admin rule lives: `AdminNetworkPolicy/deny-db spec.egress[2] "to-db" to[0] ports[1]`
 * (the rule's name in quotes when it has one).
 */
export function formatAdminRuleMatch(m: AdminRuleMatch): string {
  const list = m.direction === 'Ingress' ? 'ingress' : 'egress';
  const peers = m.direction === 'Ingress' ? 'from' : 'to';
  const name = m.ruleName === undefined ? '' : ` ${JSON.stringify(m.ruleName)}`;
  const port = m.portIndex === null ? '(no ports: every port)' : `ports[${m.portIndex}]`;
  return `${m.policy} spec.${list}[${m.ruleIndex}]${name} ${peers}[${m.peerIndex}] ${port}`;
}

const TIER_NAME: Record<AdminTier, string> = { admin: 'Admin tier', baseline: 'Baseline tier' };

/** What comes after an admin tier that did not decide. */
const ONWARD: Record<AdminTier, string> = {
  admin: 'on to NetworkPolicy',
  baseline: 'no tier decided, so it is allowed by default',
};

const EXCEPTION_TEXT: Record<DirectionException, string> = {
  self: 'a pod can always reach itself',
  'node-local': 'traffic between a pod and its own node is always allowed',
  external: 'an outside address is not subject to NetworkPolicy',
  'host-network': 'nodes and hostNetwork pods are not selected by NetworkPolicies',
};

function explainDecision(d: TierDecision, side: string, direction: string): string {
  if (d.tier !== 'networkpolicy') {
    const tier = TIER_NAME[d.tier];
    switch (d.kind) {
      case 'allowed':
      case 'blocked': {
        const skipped = d.tier === 'admin' ? '; NetworkPolicy and Baseline not consulted' : '';
        return `${tier}: rule ${d.match.ruleIndex} (${d.match.action}) of ${formatAdminRuleMatch(d.match)} ${d.kind === 'allowed' ? 'admitted' : 'blocked'} it${skipped}`;
      }
      case 'pass':
        return `${tier}: Pass at rule ${d.match.ruleIndex} of ${formatAdminRuleMatch(d.match)}; ${ONWARD[d.tier]}`;
      case 'no-match':
        return `${tier}: no rule of ${d.policies.join(', ')} matches; ${ONWARD[d.tier]}`;
      default:
        return assertNever(d);
    }
  }
  switch (d.kind) {
    case 'not-isolated':
      return `not isolated: no NetworkPolicy selecting ${side} has ${direction} in policyTypes, so all ${direction.toLowerCase()} is allowed`;
    case 'allowed':
      return `isolated by ${d.isolatingPolicies.join(', ')}; admitted by ${d.admittedBy.map(formatRuleMatch).join('; ')}`;
    case 'blocked':
      return `isolated by ${d.isolatingPolicies.join(', ')}; no rule of ${d.isolatingPolicies.length > 1 ? 'these policies' : 'this policy'} admits this connection`;
    default:
      return assertNever(d);
  }
}

function explainDirection(d: DirectionVerdict, side: Endpoint): string {
  const where = `${d.direction.toLowerCase()} at ${formatEndpoint(side)}`;
  const verdict = d.allowed ? 'allowed' : 'BLOCKED';
  if (d.exception) return `  ${where}: ${verdict} (${EXCEPTION_TEXT[d.exception]})`;
  const lines = d.decisions.map((dec, i) => {
    let text = explainDecision(dec, formatEndpoint(side), d.direction);
    // A baseline tier after an unisolated pod decides instead of the default allow.
    if (dec.tier === 'networkpolicy' && dec.kind === 'not-isolated' && i < d.decisions.length - 1)
      text = `not isolated: no NetworkPolicy selecting ${formatEndpoint(side)} has ${d.direction} in policyTypes; on to the Baseline tier`;
    return `  ${where}: ${verdict}. ${capitalize(text)}`;
  });
  return lines.join('\n');
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * A verdict as human text: the headline, then one line per direction (egress at the source,
 * ingress at the destination) naming the isolating policies and the admitting rule, or the
 * exception that applies.
 */
export function explainVerdict(v: Verdict): string {
  const head = `${formatEndpoint(v.from)} -> ${formatEndpoint(v.to)} on ${formatPortQuery(v.port)}`;
  if (v.reason === 'unknown-endpoint')
    return `UNKNOWN: ${head}\n${v.problems.map((p) => `  ${p}`).join('\n')}`;
  const witness = v.witness ? ` (e.g. ${v.witness.port}/${v.witness.protocol})` : '';
  const lines = [`${v.allowed ? 'ALLOWED' : 'BLOCKED'}: ${head}${witness}`];
  if (v.reason === 'self' || v.reason === 'node-local') {
    lines.push(`  ${EXCEPTION_TEXT[v.reason]}`);
    return lines.join('\n');
  }
  lines.push(explainDirection(v.egress, v.from), explainDirection(v.ingress, v.to));
  if (v.reason === 'no-common-port') {
    lines.push(
      '  each side admits some ports, but no port and protocol is admitted by both egress and ingress',
    );
  }
  return lines.join('\n');
}
