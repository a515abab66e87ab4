import { assertNever } from '../model/ids';
import type { CompiledPolicy, NamespaceMatcher, PeerMatcher } from '../model/policy';
import type { NamespaceInfo, PodInfo } from '../model/resources';
import type { Workspace } from '../model/workspace';
import { ipBlockContains, type ParsedIp } from '../selectors/cidr';
import { matchesLabelSelector } from '../selectors/matchesLabelSelector';
import type { ResolvedEndpoint } from './resolveEndpoint';

/**
 * Whether a policy selects a pod (`spec.podSelector` within the policy's namespace).
 * hostNetwork pods are never selected: they share the node's network namespace.
 */
export function selectsPod(policy: CompiledPolicy, pod: PodInfo): boolean {
  return (
    !pod.hostNetwork &&
    policy.namespace === pod.namespace &&
    matchesLabelSelector(policy.podSelector, pod.labels)
  );
}

/** Whether a namespace matcher admits a namespace (the policy's own, or by namespaceSelector). */
export function matchesNamespace(m: NamespaceMatcher, ns: NamespaceInfo): boolean {
  switch (m.kind) {
    case 'policy-namespace':
      return ns.name === m.namespace;
    case 'selector':
      return matchesLabelSelector(m.selector, ns.labels);
    default:
      return assertNever(m);
  }
}

/**
 * Whether a `NetworkPolicyPeer` matches an endpoint. Pod peers match pods (never hostNetwork
 * pods, nodes or outside addresses) by namespace AND labels. ipBlock peers match outside
 * addresses and node addresses (hostNetwork pods use them); they match a pod's own IPs only
 * when `ipBlockMatchesPodIPs` is on (plugin-dependent).
 */
export function matchesPeer(peer: PeerMatcher, e: ResolvedEndpoint, ws: Workspace): boolean {
  switch (peer.kind) {
    case 'pods':
      return (
        e.kind === 'pod' &&
        !e.pod.hostNetwork &&
        matchesNamespace(peer.namespaces, e.namespace) &&
        matchesLabelSelector(peer.pods, e.pod.labels)
      );
    case 'ipBlock':
      return ipsForIpBlock(e, ws).some((ip) => ipBlockContains(peer.cidr, peer.except, ip));
    default:
      return assertNever(peer);
  }
}

function ipsForIpBlock(e: ResolvedEndpoint, ws: Workspace): readonly ParsedIp[] {
  switch (e.kind) {
    case 'external':
      return [e.ip];
    case 'node':
      return e.ips;
    case 'pod':
      return e.pod.hostNetwork || ws.options.ipBlockMatchesPodIPs ? e.ips : [];
    case 'unknown':
      return [];
    default:
      return assertNever(e);
  }
}
