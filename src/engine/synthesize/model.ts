import type { ConnectivityChange } from '../diff/diffConnectivity';
import type { Protocol } from '../model/resources';

/**
 * How the synthesized policies relate to the workspace's own: `keepExisting` adds them to the
 * existing NetworkPolicies (policies only add: an existing allow cannot be taken away), `replace`
 * stands in for every existing NetworkPolicy (admin-tier policies always stay).
 */
export type SynthesisMode = 'keepExisting' | 'replace';

/**
 * Options of {@link synthesizePolicies}.
 * - `mode`: `keepExisting` (default) or `replace`.
 * - `leastPrivilege` (default true): a default deny per direction in every namespace the intent
 *   covers, so that every pod-to-pod connection no `allowed` expectation asks for is blocked on
 *   every port. False: only the workloads the intent names are isolated (a policy each), with
 *   rules for what they must allow; nothing else changes and only the expectations are checked.
 * - `dns` (default true): egress to kube-dns (UDP and TCP 53) wherever egress becomes isolated.
 */
export type SynthesisOptions = {
  readonly mode?: SynthesisMode;
  readonly leastPrivilege?: boolean;
  readonly dns?: boolean;
};

/** A label selector in manifest form. */
export type SelectorObject = {
  matchLabels?: Record<string, string>;
  matchExpressions?: {
    key: string;
    operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
    values?: string[];
  }[];
};

/** A `NetworkPolicyPeer` in manifest form. */
export type PeerObject = {
  podSelector?: SelectorObject;
  namespaceSelector?: SelectorObject;
  ipBlock?: { cidr: string };
};

/** A `NetworkPolicyPort` in manifest form: a number or a container-port name, with its protocol. */
export type PortObject = { port: number | string; protocol: Protocol };

/** An ingress (`from`) or egress (`to`) rule in manifest form; no `ports`: every port. */
export type RuleObject = { from?: PeerObject[]; to?: PeerObject[]; ports?: PortObject[] };

/**
 * A NetworkPolicy as a plain object shaped like its YAML (`kubectl apply`-ready once printed).
 */
export type NetworkPolicyManifest = {
  apiVersion: 'networking.k8s.io/v1';
  kind: 'NetworkPolicy';
  metadata: { name: string; namespace: string };
  spec: {
    podSelector: SelectorObject;
    policyTypes: ('Ingress' | 'Egress')[];
    ingress?: RuleObject[];
    egress?: RuleObject[];
  };
};

/**
 * Why synthesis refused (or, for `verification`, a bug it caught in itself):
 * - `unresolved`: a side selects no pod, an address does not parse, a named port the
 *   destination does not define;
 * - `contradiction`: one pair and port is both `allowed` and `blocked` by the intent;
 * - `identical-labels`: pods no label selector can tell apart must be treated differently;
 * - `existing-allows`: with `keepExisting`, an existing policy allows what must be blocked;
 * - `not-enforceable`: NetworkPolicies cannot decide it (a pod and itself, hostNetwork pods);
 * - `admin-tier`: an AdminNetworkPolicy or baseline rule decides it before NetworkPolicies;
 * - `verification`: the engine disagrees with the synthesized policies (a bug: reported, never
 *   returned as a result).
 */
export type SynthesisProblemKind =
  | 'unresolved'
  | 'contradiction'
  | 'identical-labels'
  | 'existing-allows'
  | 'not-enforceable'
  | 'admin-tier'
  | 'verification';

/**
 * One reason synthesis cannot meet the intent. `expectations` are positions in the intent list
 * given to {@link synthesizePolicies}; `pods` are the pod keys concerned.
 */
export type SynthesisProblem = {
  readonly kind: SynthesisProblemKind;
  readonly message: string;
  readonly expectations: readonly number[];
  readonly pods: readonly string[];
};

/** A pod-pair-port connection that the synthesized policies change (the diff's change). */
export type Connection = ConnectivityChange;

/**
 * What {@link synthesizePolicies} returns. With problems, `policies`, `opened` and `closed` are
 * empty and `verified` is false. Otherwise `verified` is true: the engine evaluated the
 * workspace with the policies and found every expectation met (and least privilege).
 * `opened` / `closed` are the connections that change versus the current workspace, per pod
 * pair and port (a port the destination declares or the intent names, DNS, or `any` for a pair
 * that changed on no such port).
 */
export type SynthesisResult = {
  readonly policies: readonly NetworkPolicyManifest[];
  readonly opened: readonly Connection[];
  readonly closed: readonly Connection[];
  readonly problems: readonly SynthesisProblem[];
  readonly verified: boolean;
  /** The namespaces the intent covers (least privilege applies there). */
  readonly namespaces: readonly string[];
  /** Number of ingress plus egress rules over all policies. */
  readonly ruleCount: number;
};
