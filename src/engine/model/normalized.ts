import type { ObjectOrigin, Protocol } from './resources';
import type { Cidr, Direction, LabelSelector } from './policy';

/** A validated `NetworkPolicyPeer`, as written (exactly one kind of peer, or both selectors). */
export type NormalizedPeer = {
  readonly podSelector?: LabelSelector;
  readonly namespaceSelector?: LabelSelector;
  readonly ipBlock?: { readonly cidr: Cidr; readonly except: readonly Cidr[] };
};

/** A validated `NetworkPolicyPort` with its protocol defaulted to TCP. */
export type NormalizedPort = {
  readonly protocol: Protocol;
  readonly port?: number | string;
  readonly endPort?: number;
};

/** A validated ingress/egress rule; `peers`/`ports` undefined when missing, `[]` when empty. */
export type NormalizedRule = {
  readonly peers?: readonly NormalizedPeer[];
  readonly ports?: readonly NormalizedPort[];
};

/** A NetworkPolicy after API-server defaulting and validation. */
export type NormalizedPolicy = {
  readonly namespace: string;
  readonly name: string;
  readonly podSelector: LabelSelector;
  readonly policyTypes: readonly Direction[];
  readonly ingress: readonly NormalizedRule[];
  readonly egress: readonly NormalizedRule[];
  readonly source?: ObjectOrigin;
};
