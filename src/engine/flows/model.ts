import type { Labels, Protocol } from '../model/resources';
import type { Endpoint } from '../model/verdict';

/** The verdicts we read from Hubble; others (AUDIT, ERROR, TRACED...) are skipped. */
export type FlowVerdict = 'FORWARDED' | 'DROPPED';

/**
 * One end of a Hubble flow as observed: namespace and pod name (empty for outside addresses),
 * labels (`k8s:app=web` read as `app: web`; Cilium's own `io.cilium.*` and
 * `io.kubernetes.pod.namespace` left out), the workloads Hubble names, the IP, and whether
 * Hubble calls it `reserved:world` (outside the cluster).
 */
export type FlowEndpoint = {
  readonly namespace?: string;
  readonly podName?: string;
  readonly labels: Labels;
  readonly workloads: readonly string[];
  readonly ip?: string;
  readonly world: boolean;
};

/** One flow line: its line number (1-based), ends, destination port and protocol, verdict, direction. */
export type HubbleFlow = {
  readonly line: number;
  readonly source: FlowEndpoint;
  readonly destination: FlowEndpoint;
  readonly port: number;
  readonly protocol: Protocol;
  readonly verdict: FlowVerdict;
  readonly direction?: 'INGRESS' | 'EGRESS';
};

/** A finding about the flows input (a bad line, skipped flows, unmatched endpoints). `line` 0: the whole input. */
export type FlowDiagnostic = {
  readonly line: number;
  readonly severity: 'error' | 'warning' | 'info';
  readonly message: string;
};

/** What {@link parseHubbleFlows} read. */
export type FlowParse = { readonly flows: HubbleFlow[]; readonly diagnostics: FlowDiagnostic[] };

/**
 * Flows deduplicated into one connection: the matched ends (a workspace pod or workload, or an
 * outside address), the destination port and protocol, the observed verdict and counts.
 * `observed` is DROPPED when a flow was dropped and none was forwarded at the destination
 * (INGRESS): Hubble reports a connection at both ends, forwarded at the source and dropped at
 * the destination when the destination's policy drops it.
 */
export type ObservedConnection = {
  readonly from: Endpoint;
  readonly to: Endpoint;
  readonly port: number;
  readonly protocol: Protocol;
  readonly observed: FlowVerdict;
  readonly forwarded: number;
  readonly dropped: number;
  /** The first line that showed it. */
  readonly line: number;
};

/**
 * How an observed connection compares with the workspace:
 * - `observedAllowed`: forwarded, and the workspace allows it;
 * - `observedBlocked`: forwarded, but the workspace would block it (applying these policies
 *   would break live traffic);
 * - `dropped`: the network dropped it (whatever the workspace says);
 * - `allowedUnobserved`: allowed by the workspace but never seen (candidates to tighten).
 */
export type FlowClass = 'observedAllowed' | 'observedBlocked' | 'dropped' | 'allowedUnobserved';

/** An observed connection with the workspace's verdict on it and its class. */
export type ClassifiedFlow = ObservedConnection & {
  readonly policy: 'allowed' | 'blocked';
  readonly class: Exclude<FlowClass, 'allowedUnobserved'>;
};

/** A pod-to-pod connection the workspace allows on a declared container port that no flow used. */
export type UnobservedConnection = {
  readonly from: Endpoint;
  readonly to: Endpoint;
  readonly port: number;
  readonly protocol: Protocol;
  readonly policy: 'allowed';
  readonly class: 'allowedUnobserved';
};

/**
 * The flows against the workspace. `allowedUnobserved` is at most {@link MAX_UNOBSERVED} long
 * (`truncated` says when more were found; `summary` counts them all).
 */
export type FlowAnalysis = {
  readonly flows: readonly ClassifiedFlow[];
  readonly allowedUnobserved: readonly UnobservedConnection[];
  readonly truncated: boolean;
  readonly summary: Readonly<Record<FlowClass, number>>;
  readonly diagnostics: readonly FlowDiagnostic[];
};

/** The most allowed-but-unobserved connections listed. */
export const MAX_UNOBSERVED = 500;
