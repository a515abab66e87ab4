import type { ObjectOrigin, Protocol } from './resources';
import type { PolicyKey } from './ids';

/** A policy direction (`spec.policyTypes` values). */
export type Direction = 'Ingress' | 'Egress';

/** Label selector operators (`metav1.LabelSelectorOperator`). */
export type SelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

/** One requirement of a label selector; `matchLabels` entries become `In` with one value. */
export type LabelRequirement = {
  readonly key: string;
  readonly operator: SelectorOperator;
  readonly values: readonly string[];
};

/**
 * A validated label selector: the AND of its requirements (no requirement = matches everything,
 * as `{}` does in apimachinery).
 */
export type LabelSelector = { readonly requirements: readonly LabelRequirement[] };

/** A parsed CIDR, host bits cleared. `network` is the address as an integer. */
export type Cidr = {
  readonly family: 4 | 6;
  readonly network: bigint;
  readonly prefix: number;
  /** Canonical text, e.g. `0.0.0.0/4` for the input `10.0.1.10/4`. */
  readonly text: string;
};

/** Which namespaces a pod peer ranges over. */
export type NamespaceMatcher =
  | { readonly kind: 'policy-namespace'; readonly namespace: string }
  | { readonly kind: 'selector'; readonly selector: LabelSelector };

/**
 * A compiled `NetworkPolicyPeer`: pods (namespaceSelector AND podSelector; a missing
 * namespaceSelector means the policy's namespace, a missing podSelector all pods) or an ipBlock.
 */
export type PeerMatcher =
  | { readonly kind: 'pods'; readonly namespaces: NamespaceMatcher; readonly pods: LabelSelector }
  | { readonly kind: 'ipBlock'; readonly cidr: Cidr; readonly except: readonly Cidr[] };

/**
 * A compiled `NetworkPolicyPort`: all ports of one protocol (no `port`), a number, a range
 * (`endPort`), or a named port resolved against the destination pod's container ports.
 */
export type PortMatcher =
  | { readonly kind: 'protocol'; readonly protocol: Protocol }
  | { readonly kind: 'number'; readonly protocol: Protocol; readonly port: number }
  | { readonly kind: 'range'; readonly protocol: Protocol; readonly port: number; readonly endPort: number }
  | { readonly kind: 'named'; readonly protocol: Protocol; readonly name: string };

/** Which selector fields a peer was written with (the lint's AND/OR check reads this). */
export type PeerShape = 'podSelector' | 'namespaceSelector' | 'both' | 'ipBlock';

/** A peer with its index in the rule's `from`/`to` list. */
export type IndexedPeer = {
  readonly index: number;
  readonly matcher: PeerMatcher;
  readonly shape: PeerShape;
};

/** A port entry with its index in the rule's `ports` list. */
export type IndexedPort = { readonly index: number; readonly matcher: PortMatcher };

/**
 * One ingress or egress rule. `peers: 'all'` when `from`/`to` is empty or missing (every
 * source/destination, pods and outside addresses); `ports: 'all'` when `ports` is empty or missing.
 */
export type CompiledRule = {
  readonly index: number;
  readonly peers: 'all' | readonly IndexedPeer[];
  readonly ports: 'all' | readonly IndexedPort[];
};

/**
 * A validated, defaulted and compiled NetworkPolicy. `ingress`/`egress` are empty and
 * `isolates` false for a direction not in `policyTypes` (its rules are not enforced).
 */
export type CompiledPolicy = {
  readonly key: PolicyKey;
  readonly namespace: string;
  readonly name: string;
  readonly podSelector: LabelSelector;
  readonly policyTypes: readonly Direction[];
  readonly ingress: readonly CompiledRule[];
  readonly egress: readonly CompiledRule[];
  /** Directions that have rules written but are missing from an explicit `policyTypes` (not enforced). */
  readonly unenforced: readonly Direction[];
  readonly source?: ObjectOrigin;
};
