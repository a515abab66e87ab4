import type { Brand } from './ids';
import type { Cidr, Direction, IndexedPort, LabelSelector } from './policy';
import type { ObjectOrigin } from './resources';

/** The cluster-scoped policy kinds of the Network Policy API (sigs.k8s.io/network-policy-api). */
export type AdminPolicyKind = 'AdminNetworkPolicy' | 'BaselineAdminNetworkPolicy' | 'ClusterNetworkPolicy';

/** The two tiers an admin policy can sit in: before NetworkPolicies (`admin`) or after (`baseline`). */
export type AdminTier = 'admin' | 'baseline';

/**
 * A rule action as written: `Allow` (v1alpha1) and `Accept` (v1alpha2) admit, `Deny` blocks,
 * `Pass` skips the rest of the tier (v1alpha1 BANPs have no Pass).
 */
export type AdminAction = 'Allow' | 'Accept' | 'Deny' | 'Pass';

/** Identifies an admin policy: `<kind>/<name>` (the objects are cluster-scoped, unique per kind). */
export type AdminPolicyKey = Brand<string, 'AdminPolicyKey'>;

/** Builds the key of an admin policy. */
export function adminPolicyKey(kind: AdminPolicyKind, name: string): AdminPolicyKey {
  return `${kind}/${name}` as AdminPolicyKey;
}

/**
 * The pods a policy applies to: pods matching `pods` in namespaces matching `namespaces`
 * (`subject.namespaces: S` is `{namespaces: S, pods: {}}`). hostNetwork pods are never subjects.
 */
export type AdminSubject = {
  readonly namespaces: LabelSelector;
  readonly pods: LabelSelector;
  /** Which field was written (`namespaces` or `pods`). */
  readonly shape: 'namespaces' | 'pods';
};

/**
 * A compiled peer: pods (namespace selector AND pod selector; `namespaces` peers select every
 * pod), `networks` (CIDRs: outside addresses, node addresses and pods by their IPs), `nodes`
 * (by node labels), or `none` for a peer the engine cannot evaluate (`domainNames`).
 */
export type AdminPeerMatcher =
  | { readonly kind: 'pods'; readonly namespaces: LabelSelector; readonly pods: LabelSelector }
  | { readonly kind: 'networks'; readonly cidrs: readonly Cidr[] }
  | { readonly kind: 'nodes'; readonly selector: LabelSelector }
  | { readonly kind: 'none' };

/** A peer with its index in the rule's `from`/`to` list and the field it was written with. */
export type AdminPeer = {
  readonly index: number;
  readonly matcher: AdminPeerMatcher;
  readonly shape: 'namespaces' | 'pods' | 'networks' | 'nodes' | 'domainNames';
};

/**
 * One rule. `ports: 'all'` when `ports`/`protocols` is missing. A port entry's `index` is its
 * position in `ports`/`protocols`; a named port without protocol (v1alpha1 `namedPort`) becomes
 * one matcher per protocol with the same index.
 */
export type AdminRule = {
  readonly index: number;
  readonly name?: string;
  readonly action: AdminAction;
  readonly peers: readonly AdminPeer[];
  readonly ports: 'all' | readonly IndexedPort[];
};

/**
 * A validated and compiled AdminNetworkPolicy, BaselineAdminNetworkPolicy or ClusterNetworkPolicy.
 * BANPs have no priority (the singleton `default`): `priority` 0.
 */
export type CompiledAdminPolicy = {
  readonly key: AdminPolicyKey;
  readonly kind: AdminPolicyKind;
  readonly apiVersion: 'v1alpha1' | 'v1alpha2';
  readonly name: string;
  readonly tier: AdminTier;
  readonly priority: number;
  readonly subject: AdminSubject;
  readonly ingress: readonly AdminRule[];
  readonly egress: readonly AdminRule[];
  readonly source?: ObjectOrigin;
};

/** The rules of one direction of an admin policy. */
export function adminRulesOf(p: CompiledAdminPolicy, direction: Direction): readonly AdminRule[] {
  return direction === 'Ingress' ? p.ingress : p.egress;
}

/** Whether an action admits the traffic (`Allow` in v1alpha1, `Accept` in v1alpha2). */
export function isAdmitAction(action: AdminAction): boolean {
  return action === 'Allow' || action === 'Accept';
}
