/**
 * Manifest builders for tests: plain objects shaped like Kubernetes manifests, so engine
 * tests need no YAML. Not part of the public barrel.
 */

type Labels = Record<string, string>;
type PortDef = { name?: string; port: number; protocol?: string };

/** A Namespace manifest. */
export function ns(name: string, labels: Labels = {}): object {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } };
}

/** A Pod manifest with labels, container ports and optional IP / node / hostNetwork. */
export function pod(
  namespace: string,
  name: string,
  labels: Labels = {},
  opts: { ports?: PortDef[]; ip?: string; nodeName?: string; hostNetwork?: boolean } = {},
): object {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, labels },
    spec: {
      ...(opts.nodeName ? { nodeName: opts.nodeName } : {}),
      ...(opts.hostNetwork ? { hostNetwork: true } : {}),
      containers: [
        {
          name: 'c',
          ports: (opts.ports ?? []).map((p) => ({
            containerPort: p.port,
            ...(p.name ? { name: p.name } : {}),
            ...(p.protocol ? { protocol: p.protocol } : {}),
          })),
        },
      ],
    },
    ...(opts.ip ? { status: { podIP: opts.ip } } : {}),
  };
}

/** A Node manifest with InternalIP addresses. */
export function node(name: string, ips: string[]): object {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name },
    status: { addresses: ips.map((address) => ({ type: 'InternalIP', address })) },
  };
}

/** A NetworkPolicy manifest with the given spec. */
export function netpol(namespace: string, name: string, spec: object): object {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace }, spec };
}

/** A Node manifest with labels and InternalIP addresses. */
export function labelledNode(name: string, labels: Labels, ips: string[]): object {
  return { ...node(name, ips), metadata: { name, labels } };
}

/** An AdminNetworkPolicy (v1alpha1) manifest. */
export function anp(name: string, priority: number, spec: object): object {
  return {
    apiVersion: 'policy.networking.k8s.io/v1alpha1',
    kind: 'AdminNetworkPolicy',
    metadata: { name },
    spec: { priority, ...spec },
  };
}

/** A BaselineAdminNetworkPolicy (v1alpha1) manifest (the singleton is named `default`). */
export function banp(spec: object, name = 'default'): object {
  return {
    apiVersion: 'policy.networking.k8s.io/v1alpha1',
    kind: 'BaselineAdminNetworkPolicy',
    metadata: { name },
    spec,
  };
}

/** A ClusterNetworkPolicy (v1alpha2) manifest. */
export function cnp(name: string, tier: 'Admin' | 'Baseline', priority: number, spec: object): object {
  return {
    apiVersion: 'policy.networking.k8s.io/v1alpha2',
    kind: 'ClusterNetworkPolicy',
    metadata: { name },
    spec: { tier, priority, ...spec },
  };
}
