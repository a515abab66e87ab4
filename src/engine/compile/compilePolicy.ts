import { policyKey } from '../model/ids';
import type { NormalizedPeer, NormalizedPolicy, NormalizedPort, NormalizedRule } from '../model/normalized';
import type {
  CompiledPolicy,
  CompiledRule,
  IndexedPeer,
  IndexedPort,
  PeerMatcher,
  PeerShape,
  PortMatcher,
} from '../model/policy';

/**
 * Compiles a normalized NetworkPolicy into matchers. A direction missing from `policyTypes`
 * gets no rules (its rules are not enforced, and the policy does not isolate that direction).
 */
export function compilePolicy(p: NormalizedPolicy): CompiledPolicy {
  const compiled: CompiledPolicy = {
    key: policyKey(p.namespace, p.name),
    namespace: p.namespace,
    name: p.name,
    podSelector: p.podSelector,
    policyTypes: p.policyTypes,
    ingress: p.policyTypes.includes('Ingress') ? p.ingress.map((r, i) => compileRule(r, i, p.namespace)) : [],
    egress: p.policyTypes.includes('Egress') ? p.egress.map((r, i) => compileRule(r, i, p.namespace)) : [],
    unenforced: [
      ...(p.ingress.length > 0 && !p.policyTypes.includes('Ingress') ? (['Ingress'] as const) : []),
      ...(p.egress.length > 0 && !p.policyTypes.includes('Egress') ? (['Egress'] as const) : []),
    ],
  };
  return p.source ? { ...compiled, source: p.source } : compiled;
}

/** A rule: an empty or missing peer list means every peer, an empty or missing port list every port. */
export function compileRule(rule: NormalizedRule, index: number, namespace: string): CompiledRule {
  const peers: 'all' | IndexedPeer[] =
    rule.peers === undefined || rule.peers.length === 0
      ? 'all'
      : rule.peers.map((peer, i) => ({
          index: i,
          matcher: compilePeer(peer, namespace),
          shape: shapeOf(peer),
        }));
  const ports: 'all' | IndexedPort[] =
    rule.ports === undefined || rule.ports.length === 0
      ? 'all'
      : rule.ports.map((port, i) => ({ index: i, matcher: compilePort(port) }));
  return { index, peers, ports };
}

/**
 * A peer: `ipBlock`; or pods selected by `podSelector` (missing = all pods) in the namespaces
 * selected by `namespaceSelector` (missing = the policy's namespace; `{}` = every namespace).
 */
export function compilePeer(peer: NormalizedPeer, namespace: string): PeerMatcher {
  if (peer.ipBlock) return { kind: 'ipBlock', cidr: peer.ipBlock.cidr, except: peer.ipBlock.except };
  return {
    kind: 'pods',
    namespaces: peer.namespaceSelector
      ? { kind: 'selector', selector: peer.namespaceSelector }
      : { kind: 'policy-namespace', namespace },
    pods: peer.podSelector ?? { requirements: [] },
  };
}

function shapeOf(peer: NormalizedPeer): PeerShape {
  if (peer.ipBlock) return 'ipBlock';
  if (peer.podSelector && peer.namespaceSelector) return 'both';
  return peer.podSelector ? 'podSelector' : 'namespaceSelector';
}

/** A port entry: no `port` = the whole protocol; a name; a number; or `port`..`endPort`. */
export function compilePort(port: NormalizedPort): PortMatcher {
  const { protocol } = port;
  if (port.port === undefined) return { kind: 'protocol', protocol };
  if (typeof port.port === 'string') return { kind: 'named', protocol, name: port.port };
  if (port.endPort !== undefined) return { kind: 'range', protocol, port: port.port, endPort: port.endPort };
  return { kind: 'number', protocol, port: port.port };
}
