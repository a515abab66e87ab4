/**
 * One admin-tier policy, summarised for its diagram and its highlight on the canvas: the
 * pods its subject selects, and per direction its rules in order (the first match decides),
 * each with its action, its peers (and the pods they match now) and its ports.
 */
import type {
  AdminAction,
  AdminPeer,
  AdminPeerMatcher,
  AdminRule,
  CompiledAdminPolicy,
} from '../model/adminPolicy';
import type { PodInfo } from '../model/resources';
import type { Workspace } from '../model/workspace';
import { subjectSelects } from '../evaluate/evaluateAdminTier';
import { formatLabelSelector, matchesLabelSelector } from '../selectors/matchesLabelSelector';
import { formatPorts } from './policyPeers';

/** A peer of an admin rule as written, with the pods it matches now. */
export type AdminPeerSummary = {
  readonly peerIndex: number;
  /** What the peer matches: pods (`namespaces`, `pods`), address ranges, nodes, or nothing evaluated. */
  readonly kind: AdminPeerMatcher['kind'];
  /** e.g. `namespaces team=shop`, `pods app=web in namespaces {}`, `networks 10.0.0.0/8`. */
  readonly label: string;
  readonly pods: readonly string[];
};

export type AdminRuleSummary = {
  readonly ruleIndex: number;
  readonly name?: string;
  readonly action: AdminAction;
  readonly peers: readonly AdminPeerSummary[];
  /** e.g. `80/TCP`, or `all ports`. */
  readonly ports: string;
};

export type AdminPolicySummary = {
  readonly key: string;
  /** Pods the subject selects (hostNetwork pods never are). */
  readonly selects: readonly string[];
  readonly ingress: readonly AdminRuleSummary[];
  readonly egress: readonly AdminRuleSummary[];
};

function summarisePeer(ws: Workspace, peer: AdminPeer): AdminPeerSummary {
  const m = peer.matcher;
  switch (m.kind) {
    case 'pods': {
      const pods = ws.pods
        .filter((pod) => {
          const ns = ws.namespaceByName.get(pod.namespace);
          return (
            !pod.hostNetwork &&
            ns !== undefined &&
            matchesLabelSelector(m.namespaces, ns.labels) &&
            matchesLabelSelector(m.pods, pod.labels)
          );
        })
        .map((pod) => pod.key as string);
      const label =
        peer.shape === 'namespaces'
          ? `namespaces ${formatLabelSelector(m.namespaces)}`
          : `pods ${formatLabelSelector(m.pods)} in namespaces ${formatLabelSelector(m.namespaces)}`;
      return { peerIndex: peer.index, kind: m.kind, label, pods };
    }
    case 'networks':
      return {
        peerIndex: peer.index,
        kind: m.kind,
        label: `networks ${m.cidrs.map((c) => c.text).join(', ')}`,
        pods: [],
      };
    case 'nodes':
      return {
        peerIndex: peer.index,
        kind: m.kind,
        label: `nodes ${formatLabelSelector(m.selector)}`,
        pods: [],
      };
    case 'none':
      return { peerIndex: peer.index, kind: m.kind, label: `${peer.shape} (not evaluated)`, pods: [] };
  }
}

function summariseRule(ws: Workspace, rule: AdminRule): AdminRuleSummary {
  return {
    ruleIndex: rule.index,
    ...(rule.name !== undefined ? { name: rule.name } : {}),
    action: rule.action,
    peers: rule.peers.map((peer) => summarisePeer(ws, peer)),
    ports: formatPorts(rule.ports),
  };
}

/** The pods an admin policy's subject selects (hostNetwork pods never are), in workspace order. */
export function adminSubjectPods(ws: Workspace, policy: CompiledAdminPolicy): PodInfo[] {
  return ws.pods.filter((pod) => {
    const ns = ws.namespaceByName.get(pod.namespace);
    return !pod.hostNetwork && ns !== undefined && subjectSelects(policy.subject, ns, pod);
  });
}

export function summariseAdminPolicy(ws: Workspace, policy: CompiledAdminPolicy): AdminPolicySummary {
  return {
    key: policy.key,
    selects: adminSubjectPods(ws, policy).map((pod) => pod.key as string),
    ingress: policy.ingress.map((rule) => summariseRule(ws, rule)),
    egress: policy.egress.map((rule) => summariseRule(ws, rule)),
  };
}
