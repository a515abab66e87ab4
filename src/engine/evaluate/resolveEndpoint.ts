import type { NamespaceInfo, NodeInfo, PodInfo } from '../model/resources';
import type { Endpoint } from '../model/verdict';
import type { Workspace } from '../model/workspace';
import { formatIp, parseIp, type ParsedIp } from '../selectors/cidr';
import { implicitNamespace } from '../normalize/normalizeClusterObjects';

/**
 * An endpoint looked up in the workspace. An address that belongs to a pod (not hostNetwork)
 * IS that pod: traffic from a pod's IP is the pod's traffic, subject to its policies. An
 * address that belongs to a node is that node (how hostNetwork pods and the kubelet appear).
 * Any other address is external: no NetworkPolicy applies on its side.
 */
export type ResolvedEndpoint =
  | {
      readonly kind: 'pod';
      readonly pod: PodInfo;
      readonly namespace: NamespaceInfo;
      readonly ips: readonly ParsedIp[];
    }
  | { readonly kind: 'node'; readonly node: NodeInfo; readonly ips: readonly ParsedIp[] }
  | { readonly kind: 'external'; readonly ip: ParsedIp; readonly text: string }
  | { readonly kind: 'unknown'; readonly problem: string };

/** Resolves an {@link Endpoint} against the workspace (see {@link ResolvedEndpoint}). */
export function resolveEndpoint(ws: Workspace, endpoint: Endpoint): ResolvedEndpoint {
  if (endpoint.kind === 'pod') {
    const pod = ws.podByKey.get(endpoint.key);
    return pod
      ? resolvedPod(ws, pod)
      : { kind: 'unknown', problem: `no pod or workload ${endpoint.key} in the workspace` };
  }
  const ip = parseIp(endpoint.ip.trim());
  if (!ip) return { kind: 'unknown', problem: `${JSON.stringify(endpoint.ip)} is not an IP address` };
  const text = formatIp(ip);
  const owner = ws.ipOwners.get(text);
  if (owner?.kind === 'pod') {
    const pod = ws.podByKey.get(owner.key);
    if (pod) return resolvedPod(ws, pod);
  }
  if (owner?.kind === 'node') {
    const node = ws.nodeByName.get(owner.name);
    if (node) return { kind: 'node', node, ips: parseAll(node.ips) };
  }
  return { kind: 'external', ip, text };
}

function resolvedPod(ws: Workspace, pod: PodInfo): ResolvedEndpoint {
  const namespace = ws.namespaceByName.get(pod.namespace) ?? implicitNamespace(pod.namespace);
  return { kind: 'pod', pod, namespace, ips: parseAll(pod.ips) };
}

function parseAll(ips: readonly string[]): ParsedIp[] {
  const out: ParsedIp[] = [];
  for (const text of ips) {
    const ip = parseIp(text);
    if (ip) out.push(ip);
  }
  return out;
}

/** The name of the node an endpoint runs on or is (undefined for external addresses and unplaced pods). */
export function nodeOf(e: ResolvedEndpoint): string | undefined {
  if (e.kind === 'pod') return e.pod.nodeName;
  if (e.kind === 'node') return e.node.name;
  return undefined;
}

/** True when the endpoint is host-level traffic: a node, or a hostNetwork pod. */
export function isHostLevel(e: ResolvedEndpoint): boolean {
  return e.kind === 'node' || (e.kind === 'pod' && e.pod.hostNetwork);
}

/** True when a pod node stands for exactly one pod (so pod-to-itself is the loopback case). */
export function isSingleInstance(pod: PodInfo): boolean {
  return pod.kind === 'Pod' || pod.replicas === 1;
}
