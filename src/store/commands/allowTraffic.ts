/**
 * "Allow exactly this connection": the policy change a drag from A to B proposes.
 * Ingress is opened on B's side when B is isolated for ingress, egress on A's side when
 * A is isolated for egress. An existing policy that selects just B's kind of pod, and
 * whose name is about B alone or about this same connection, is extended with a rule;
 * otherwise a new policy named for the connection is added. Peers use the pods'
 * distinguishing labels and, across namespaces, `kubernetes.io/metadata.name`.
 *
 * Either end may also be a whole namespace (`ns:data`, see {@link namespaceRef}): "A may
 * reach every pod of data", or "every pod of monitoring may reach B".
 */
import { evaluateConnection, podsSelectedBy } from '../../engine';
import type { Endpoint, PodInfo, PodKey, PortQuery, Verdict, Workspace } from '../../engine';
import type { TextChange } from '../../yaml/textEdits';
import { applyChanges } from '../../yaml/textEdits';
import type { Command, CommandOutcome } from './command';
import { edit, refuse } from './command';
import {
  namespaceParty,
  namespacePeer,
  openNamespace,
  openSide,
  partyOf,
  peerFor,
  portsFor,
} from './trafficPolicies';
import type { Party } from './trafficPolicies';

export { distinguishingLabels } from './trafficPolicies';

export interface AllowTrafficArgs {
  /** A pod key (`ns/name`), an IP address, a CIDR, or a whole namespace ({@link namespaceRef}). */
  from: string;
  to: string;
  port: PortQuery;
}

const NAMESPACE_PREFIX = 'ns:';

/** The endpoint that stands for every pod of a namespace (as a drop onto its frame means). */
export function namespaceRef(name: string): string {
  return `${NAMESPACE_PREFIX}${name}`;
}

/** Whether an endpoint is a whole namespace (`ns:NAME`); no address or pod key starts so. */
export function isNamespaceRef(ref: string): boolean {
  return ref.startsWith(NAMESPACE_PREFIX);
}

/** The namespace a {@link namespaceRef} stands for, or null for a pod or an address. */
export function namespaceOfRef(ref: string): string | null {
  return isNamespaceRef(ref) ? ref.slice(NAMESPACE_PREFIX.length) : null;
}

function endpointOf(ref: string): Endpoint {
  return ref.includes('/') && !ref.includes(':') && !/^\d+\.\d+\.\d+\.\d+\//.test(ref)
    ? { kind: 'pod', key: ref as PodKey }
    : { kind: 'ip', ip: ref.split('/')[0] ?? ref };
}

/**
 * Whether a direction must be opened: it blocks, or (for `any`) both directions admit
 * something but no common port, and this side is isolated, so a rule for every port fixes it.
 */
function blocks(verdict: Verdict, direction: 'ingress' | 'egress'): boolean {
  const side = verdict[direction];
  return !side.allowed || (verdict.reason === 'no-common-port' && side.isolated);
}

/**
 * One change of a command: it edits the text the previous step produced; `created` holds
 * the policies (`namespace/name`) the earlier steps added, so names never clash.
 */
type Step = (text: string, created: Set<string>) => CommandOutcome;

/** Runs the steps in order, each on the text the previous one produced: their changes, in order. */
function chain(text: string, steps: readonly Step[]): CommandOutcome {
  const created = new Set<string>();
  const changes: TextChange[] = [];
  let next = text;
  for (const step of steps) {
    const outcome = step(next, created);
    if (outcome.kind === 'error') return outcome;
    changes.push(...outcome.changes);
    next = applyChanges(next, outcome.changes);
  }
  return changes.length === 0 ? refuse('nothing to change') : edit(...changes);
}

export const allowTraffic: Command<AllowTrafficArgs> = {
  id: 'allowTraffic',
  label: 'Allow this connection',
  perform({ text, workspace }, { from, to, port }) {
    const sourceNamespace = namespaceOfRef(from);
    const targetNamespace = namespaceOfRef(to);
    if (sourceNamespace !== null && targetNamespace !== null)
      return refuse('drag from a namespace to a pod, or from a pod to a namespace, not between namespaces');
    if (targetNamespace !== null) return allowToNamespace(text, workspace, from, targetNamespace, port);
    if (sourceNamespace !== null) return allowFromNamespace(text, workspace, sourceNamespace, to, port);
    const verdict = evaluateConnection(workspace, endpointOf(from), endpointOf(to), port);
    if (verdict.problems.length > 0) return refuse(verdict.problems.join('; '));
    if (verdict.allowed) return refuse(`${from} → ${to} is already allowed`);
    const source = workspace.pods.find((p) => p.key === from);
    const target = workspace.pods.find((p) => p.key === to);
    const steps: Step[] = [];
    if (target && blocks(verdict, 'ingress')) {
      const peer = peerFor(workspace, from, target.namespace);
      if (typeof peer === 'string') return refuse(peer);
      const rule = { from: [peer], ...portsFor(port) };
      steps.push((t, c) => openSide(t, workspace, target, 'Ingress', rule, partyOf(workspace, from), c));
    }
    // With `any` and no common port, the ingress rule (every port) is enough.
    if (source && !verdict.egress.allowed) {
      const peer = peerFor(workspace, to, source.namespace);
      if (typeof peer === 'string') return refuse(peer);
      const rule = { to: [peer], ...portsFor(port) };
      steps.push((t, c) => openSide(t, workspace, source, 'Egress', rule, partyOf(workspace, to), c));
    }
    return chain(text, steps);
  },
};

/**
 * The pods a namespace endpoint stands for: those pod selectors can select. hostNetwork
 * pods use their node's network, so no policy selects them or admits them as pods.
 */
function membersOf(ws: Workspace, namespace: string): PodInfo[] | { error: string } {
  if (!ws.namespaces.some((n) => n.name === namespace)) return { error: `no namespace ${namespace}` };
  const members = ws.pods.filter((p) => p.namespace === namespace && !p.hostNetwork);
  return members.length > 0 ? members : { error: `${namespace} has no pods to allow traffic for` };
}

function podEndpoint(pod: PodInfo): Endpoint {
  return { kind: 'pod', key: pod.key };
}

/** The pods some policy isolates for `direction` (port-independent, unlike a verdict). */
function isolatedFor(ws: Workspace, direction: 'Ingress' | 'Egress'): Set<string> {
  return new Set(
    ws.policies.filter((p) => p.policyTypes.includes(direction)).flatMap((p) => podsSelectedBy(ws, p)),
  );
}

/**
 * Opens `direction` for the `blocked` pods of a namespace: one policy selecting every pod
 * when all of them are isolated for it already (so selecting them all isolates nobody
 * new), else a rule per blocked pod, each at its own side.
 */
function openMembers(
  ws: Workspace,
  namespace: string,
  members: readonly PodInfo[],
  blocked: readonly PodInfo[],
  direction: 'Ingress' | 'Egress',
  rule: Record<string, unknown>,
  peer: Party,
  base: string,
): Step[] {
  if (blocked.length === 0) return [];
  const isolated = isolatedFor(ws, direction);
  if (members.every((p) => isolated.has(p.key)))
    return [(t, c) => openNamespace(t, ws, namespace, direction, rule, base, c)];
  return blocked.map(
    (pod): Step =>
      (t, c) =>
        openSide(t, ws, pod, direction, rule, peer, c),
  );
}

/** The verdict for each pod of a namespace, one end of each connection being that pod. */
function blockedMembers(
  ws: Workspace,
  namespace: string,
  port: PortQuery,
  ends: (pod: PodInfo) => [Endpoint, Endpoint],
): { pods: PodInfo[]; members: { pod: PodInfo; verdict: Verdict }[] } | { error: string } {
  const pods = membersOf(ws, namespace);
  if ('error' in pods) return pods;
  const members = pods.map((pod) => ({ pod, verdict: evaluateConnection(ws, ...ends(pod), port) }));
  const problems = members.flatMap(({ verdict }) => verdict.problems);
  if (problems.length > 0) return { error: problems[0] ?? 'unknown endpoint' };
  return { pods, members };
}

/** `from` (a pod or an address) may reach every pod of `namespace`. */
function allowToNamespace(
  text: string,
  ws: Workspace,
  from: string,
  namespace: string,
  port: PortQuery,
): CommandOutcome {
  const found = blockedMembers(ws, namespace, port, (pod) => [endpointOf(from), podEndpoint(pod)]);
  if ('error' in found) return refuse(found.error);
  if (found.members.every(({ verdict }) => verdict.allowed))
    return refuse(`${from} → every pod of ${namespace} is already allowed`);
  const { pods, members } = found;
  const peer = peerFor(ws, from, namespace);
  if (typeof peer === 'string') return refuse(peer);
  const source = partyOf(ws, from);
  const steps = openMembers(
    ws,
    namespace,
    pods,
    members.filter(({ verdict }) => blocks(verdict, 'ingress')).map(({ pod }) => pod),
    'Ingress',
    { from: [peer], ...portsFor(port) },
    source,
    `allow-${source.name}-to-ns-${namespace}`,
  );
  const pod = ws.pods.find((p) => p.key === from);
  if (pod && members.some(({ verdict }) => !verdict.egress.allowed)) {
    const rule = { to: [namespacePeer(namespace)], ...portsFor(port) };
    steps.push((t, c) => openSide(t, ws, pod, 'Egress', rule, namespaceParty(namespace), c));
  }
  return chain(text, steps);
}

/** Every pod of `namespace` may reach `to` (a pod or an address). */
function allowFromNamespace(
  text: string,
  ws: Workspace,
  namespace: string,
  to: string,
  port: PortQuery,
): CommandOutcome {
  const found = blockedMembers(ws, namespace, port, (pod) => [podEndpoint(pod), endpointOf(to)]);
  if ('error' in found) return refuse(found.error);
  if (found.members.every(({ verdict }) => verdict.allowed))
    return refuse(`every pod of ${namespace} → ${to} is already allowed`);
  const { pods, members } = found;
  const steps: Step[] = [];
  const target = ws.pods.find((p) => p.key === to);
  // With `any` and no common port, the ingress rule (every port) is enough.
  const ingressBlocked = members.some(({ verdict }) => blocks(verdict, 'ingress'));
  if (target && ingressBlocked) {
    const rule = { from: [namespacePeer(namespace)], ...portsFor(port) };
    steps.push((t, c) => openSide(t, ws, target, 'Ingress', rule, namespaceParty(namespace), c));
  }
  const peer = peerFor(ws, to, namespace);
  if (typeof peer === 'string') return refuse(peer);
  const destination = partyOf(ws, to);
  steps.push(
    ...openMembers(
      ws,
      namespace,
      pods,
      members.filter(({ verdict }) => !verdict.egress.allowed).map(({ pod }) => pod),
      'Egress',
      { to: [peer], ...portsFor(port) },
      destination,
      `allow-ns-${namespace}-to-${destination.name}`,
    ),
  );
  return chain(text, steps);
}
