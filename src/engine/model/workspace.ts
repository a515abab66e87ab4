import type { CompiledAdminPolicy } from './adminPolicy';
import type { CompiledPolicy } from './policy';
import type { PodKey } from './ids';
import type { NamespaceInfo, NodeInfo, PodInfo } from './resources';
import type { ConnectivityTest } from '../expectations/model';

/**
 * Options for behaviour that differs between network plugins.
 * `ipBlockMatchesPodIPs`: whether an `ipBlock` peer also matches a pod by its pod IP. The API
 * reference says ipBlock is meant for cluster-external IPs and leaves pod IPs to the plugin;
 * the upstream Kubernetes e2e tests expect a match, hence the default `true`.
 */
export type EngineOptions = { readonly ipBlockMatchesPodIPs: boolean };

/** The defaults of {@link EngineOptions}. */
export const DEFAULT_ENGINE_OPTIONS: EngineOptions = { ipBlockMatchesPodIPs: true };

/** What an IP address stands for inside the workspace. */
export type IpOwner =
  { readonly kind: 'pod'; readonly key: PodKey } | { readonly kind: 'node'; readonly name: string };

/**
 * Everything the evaluator needs: namespaces (declared or referenced), pods and workloads,
 * nodes, the valid policies (compiled), the admin-tier policies, the connectivity tests (`ConnectivityTest` documents:
 * never evaluated as policies, run with `runExpectations`), and lookup indexes. Plain data: it can be
 * structured-cloned to and from a worker.
 */
export type Workspace = {
  readonly namespaces: readonly NamespaceInfo[];
  readonly pods: readonly PodInfo[];
  readonly nodes: readonly NodeInfo[];
  readonly policies: readonly CompiledPolicy[];
  /**
   * The valid admin policies (AdminNetworkPolicy, BaselineAdminNetworkPolicy,
   * ClusterNetworkPolicy), in input order; evaluation orders each tier by priority.
   */
  readonly adminPolicies: readonly CompiledAdminPolicy[];
  readonly tests: readonly ConnectivityTest[];
  readonly options: EngineOptions;
  readonly namespaceByName: ReadonlyMap<string, NamespaceInfo>;
  readonly podByKey: ReadonlyMap<PodKey, PodInfo>;
  readonly nodeByName: ReadonlyMap<string, NodeInfo>;
  /** Canonical IP -> the pod (not hostNetwork) or node owning it. */
  readonly ipOwners: ReadonlyMap<string, IpOwner>;
};
