import type { AdminAction, AdminPolicyKey, AdminTier } from './adminPolicy';
import type { PodKey, PolicyKey } from './ids';
import type { Direction } from './policy';
import type { Protocol } from './resources';

/** One end of a connection: a pod/workload by key, or an address. */
export type Endpoint =
  { readonly kind: 'pod'; readonly key: PodKey } | { readonly kind: 'ip'; readonly ip: string };

/** A port question: a number or a container-port name, with its protocol. */
export type PortSpec = { readonly port: number | string; readonly protocol: Protocol };

/** A connection's port: one port, or `any` (is some port/protocol allowed both ways?). */
export type PortQuery = PortSpec | 'any';

/**
 * The rule that admitted a connection in one direction: the policy, the index of the rule in
 * `spec.ingress`/`spec.egress`, the index of the peer in `from`/`to` (null when the rule has no
 * peers: everyone) and of the entry in `ports` (null when the rule has no ports: every port).
 */
export type RuleMatch = {
  readonly policy: PolicyKey;
  readonly direction: Direction;
  readonly ruleIndex: number;
  readonly peerIndex: number | null;
  readonly portIndex: number | null;
};

/** Policy tiers in evaluation order: admin, NetworkPolicy, baseline. */
export type Tier = 'admin' | 'networkpolicy' | 'baseline';

/**
 * The admin rule that decided a direction: the policy, the index of the rule in
 * `spec.ingress`/`spec.egress` (and its `name`), its action as written, the index of the
 * matching peer in `from`/`to` and of the entry in `ports`/`protocols` (null: the rule has none,
 * every port).
 */
export type AdminRuleMatch = {
  readonly policy: AdminPolicyKey;
  readonly direction: Direction;
  readonly ruleIndex: number;
  readonly ruleName?: string;
  readonly action: AdminAction;
  readonly peerIndex: number;
  readonly portIndex: number | null;
};

/**
 * What one tier decided for one direction. NetworkPolicy either has no opinion (no policy
 * isolates the pod: the next tier, or the default allow, decides), admits (naming every rule
 * that admits), or blocks (isolated and no rule of the isolating policies admits). An admin
 * tier (listed only when one of its policies selects the pod in that direction) admits or
 * blocks by its first matching rule, passes (`Pass`: on to the next tier), or has no matching
 * rule (`no-match`: on to the next tier); `policies` are its policies selecting the pod, in
 * evaluation order.
 */
export type TierDecision =
  | { readonly tier: 'networkpolicy'; readonly kind: 'not-isolated' }
  | {
      readonly tier: 'networkpolicy';
      readonly kind: 'allowed';
      readonly isolatingPolicies: readonly PolicyKey[];
      readonly admittedBy: readonly RuleMatch[];
    }
  | {
      readonly tier: 'networkpolicy';
      readonly kind: 'blocked';
      readonly isolatingPolicies: readonly PolicyKey[];
    }
  | {
      readonly tier: AdminTier;
      readonly kind: 'allowed' | 'blocked' | 'pass';
      readonly policies: readonly AdminPolicyKey[];
      readonly match: AdminRuleMatch;
    }
  | { readonly tier: AdminTier; readonly kind: 'no-match'; readonly policies: readonly AdminPolicyKey[] };

/**
 * Why a direction is not subject to policy at all: `self` (a pod reaching itself), `node-local`
 * (a pod and its own node), `external` (an outside address: nothing enforces policy there),
 * `host-network` (a node or hostNetwork pod: not selected by NetworkPolicies).
 */
export type DirectionException = 'self' | 'node-local' | 'external' | 'host-network';

/**
 * The decision for one direction: egress is decided at the source, ingress at the destination.
 * `decisions` lists the tiers consulted in order (empty when an exception applies).
 */
export type DirectionVerdict = {
  readonly direction: Direction;
  readonly allowed: boolean;
  readonly isolated: boolean;
  readonly isolatingPolicies: readonly PolicyKey[];
  readonly admittedBy: readonly RuleMatch[];
  readonly decisions: readonly TierDecision[];
  readonly exception?: DirectionException;
};

/** The overall reason, for colouring and one-line summaries. */
export type VerdictReason =
  | 'self'
  | 'node-local'
  | 'allowed'
  | 'egress-blocked'
  | 'ingress-blocked'
  | 'both-blocked'
  | 'no-common-port'
  | 'unknown-endpoint';

/**
 * The answer for one connection: allowed exactly when egress is allowed at the source AND
 * ingress at the destination (replies are implied). For an `any` port question, `witness` is a
 * port allowed both ways, and the direction verdicts are those of that port.
 */
export type Verdict = {
  readonly allowed: boolean;
  readonly from: Endpoint;
  readonly to: Endpoint;
  readonly port: PortQuery;
  readonly witness?: { readonly port: number; readonly protocol: Protocol };
  readonly egress: DirectionVerdict;
  readonly ingress: DirectionVerdict;
  readonly reason: VerdictReason;
  /** Problems with the question itself (unknown pod, malformed address). */
  readonly problems: readonly string[];
};
