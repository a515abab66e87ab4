/**
 * One policy, summarised for its diagram and its highlight on the canvas: the pods it
 * applies to, and per direction the peers each rule admits (pods they match now, an
 * address range, or everyone) with the ports, as readable text.
 */
import { assertNever } from '../model/ids';
import type { CompiledPolicy, CompiledRule, IndexedPeer, IndexedPort } from '../model/policy';
import type { Workspace } from '../model/workspace';
import { matchesNamespace } from '../evaluate/matchesPeer';
import { formatLabelSelector, matchesLabelSelector } from '../selectors/matchesLabelSelector';
import { podsSelectedBy } from './selectionAt';

/** A peer of a rule: what it is written as, and the pods it matches now. */
export type PeerSummary = {
  readonly ruleIndex: number;
  readonly peerIndex: number | null;
  readonly kind: 'pods' | 'ipBlock' | 'everyone';
  /** e.g. `pods app=web in namespaces team=shop`, `10.0.0.0/8 except 10.1.0.0/16`, `everyone`. */
  readonly label: string;
  readonly pods: readonly string[];
  /** e.g. `80/TCP, http/TCP`, or `all ports`. */
  readonly ports: string;
};

export type PolicySummary = {
  readonly key: string;
  readonly selects: readonly string[];
  readonly isolates: readonly ('Ingress' | 'Egress')[];
  readonly ingress: readonly PeerSummary[];
  readonly egress: readonly PeerSummary[];
};

export function formatPorts(ports: CompiledRule['ports']): string {
  if (ports === 'all') return 'all ports';
  return ports
    .map((p: IndexedPort) => {
      const m = p.matcher;
      switch (m.kind) {
        case 'protocol':
          return `all ${m.protocol}`;
        case 'number':
          return `${m.port}/${m.protocol}`;
        case 'range':
          return `${m.port}-${m.endPort}/${m.protocol}`;
        case 'named':
          return `${m.name}/${m.protocol}`;
        default:
          return assertNever(m);
      }
    })
    .join(', ');
}

function summarisePeer(
  ws: Workspace,
  policy: CompiledPolicy,
  rule: CompiledRule,
  peer: IndexedPeer,
): PeerSummary {
  const base = { ruleIndex: rule.index, peerIndex: peer.index, ports: formatPorts(rule.ports) };
  const m = peer.matcher;
  if (m.kind === 'ipBlock') {
    const except = m.except.length > 0 ? ` except ${m.except.map((c) => c.text).join(', ')}` : '';
    return { ...base, kind: 'ipBlock', label: `${m.cidr.text}${except}`, pods: [] };
  }
  const namespaces = ws.namespaces.filter((ns) => matchesNamespace(m.namespaces, ns)).map((ns) => ns.name);
  const inNamespaces = new Set(namespaces);
  const pods = ws.pods
    .filter((p) => !p.hostNetwork && inNamespaces.has(p.namespace) && matchesLabelSelector(m.pods, p.labels))
    .map((p) => p.key);
  const where =
    m.namespaces.kind === 'policy-namespace'
      ? `in ${policy.namespace}`
      : `in namespaces ${formatLabelSelector(m.namespaces.selector)}`;
  return { ...base, kind: 'pods', label: `pods ${formatLabelSelector(m.pods)} ${where}`, pods };
}

function summariseRules(
  ws: Workspace,
  policy: CompiledPolicy,
  rules: readonly CompiledRule[],
): PeerSummary[] {
  return rules.flatMap((rule) =>
    rule.peers === 'all'
      ? [
          {
            ruleIndex: rule.index,
            peerIndex: null,
            kind: 'everyone' as const,
            label: 'everyone (pods and outside addresses)',
            pods: ws.pods.map((p) => p.key),
            ports: formatPorts(rule.ports),
          },
        ]
      : rule.peers.map((peer) => summarisePeer(ws, policy, rule, peer)),
  );
}

/** The summary of one policy against the workspace as it is now. */
export function summarisePolicy(ws: Workspace, policy: CompiledPolicy): PolicySummary {
  return {
    key: policy.key,
    selects: podsSelectedBy(ws, policy),
    isolates: policy.policyTypes,
    ingress: summariseRules(ws, policy, policy.ingress),
    egress: summariseRules(ws, policy, policy.egress),
  };
}
