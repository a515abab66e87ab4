import type { DiagnosticSource } from './diagnostics';
import type { PodKey } from './ids';

/** Transport protocols a NetworkPolicy port can name (`NetworkPolicyPort.protocol`). */
export type Protocol = 'TCP' | 'UDP' | 'SCTP';

/** The protocols in the order the engine enumerates them. */
export const PROTOCOLS: readonly Protocol[] = ['TCP', 'UDP', 'SCTP'];

/** Object labels (`metadata.labels`): keys and values are strings. */
export type Labels = Readonly<Record<string, string>>;

/** A container port (`spec.containers[].ports[]`); `protocol` defaults to TCP as in the API server. */
export type ContainerPort = { readonly name?: string; readonly port: number; readonly protocol: Protocol };

/** Workload controllers whose pod template stands for their pods. */
export type WorkloadKind =
  'Deployment' | 'StatefulSet' | 'DaemonSet' | 'ReplicaSet' | 'ReplicationController' | 'Job' | 'CronJob';

/** What a pod node on the canvas is: a bare Pod or a workload's template. */
export type PodKind = 'Pod' | WorkloadKind;

/** Where an engine object came from in the input. */
export type ObjectOrigin = DiagnosticSource & { readonly documentIndex: number };

/**
 * A namespace. Every namespace carries `kubernetes.io/metadata.name: <name>`, the label the
 * API server sets; `declared` is false for namespaces created because something referenced them,
 * except the built-in ones (`default`, `kube-system`, ...), which exist in every cluster. A
 * namespace declared by a Namespace object has a `source`.
 */
export type NamespaceInfo = {
  readonly name: string;
  readonly labels: Labels;
  readonly declared: boolean;
  readonly source?: ObjectOrigin;
};

/**
 * A pod, or a workload standing for its pods (template labels and ports, replica count).
 * `hostNetwork` pods are never selected by pod selectors and use their node's IPs.
 */
export type PodInfo = {
  readonly key: PodKey;
  readonly namespace: string;
  readonly name: string;
  readonly labels: Labels;
  readonly ports: readonly ContainerPort[];
  readonly kind: PodKind;
  /** Number of pods the node stands for; undefined when unknown (a DaemonSet). */
  readonly replicas?: number;
  readonly nodeName?: string;
  readonly hostNetwork: boolean;
  /** Canonical IP addresses: `status.podIPs`, or the node's InternalIPs for hostNetwork pods. */
  readonly ips: readonly string[];
  readonly source?: ObjectOrigin;
};

/** A cluster node: its name, labels and InternalIP addresses (canonical form). */
export type NodeInfo = {
  readonly name: string;
  readonly labels: Labels;
  readonly ips: readonly string[];
  readonly source?: ObjectOrigin;
};
