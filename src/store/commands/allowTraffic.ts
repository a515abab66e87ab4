/**
 * "Allow exactly this connection": the policy change a drag from A to B proposes.
 * Ingress is opened on B's side when B is isolated for ingress, egress on A's side when
 * A is isolated for egress. An existing policy that selects just B's kind of pod is
 * extended with a rule; otherwise a new policy is added. Peers use the pods'
 * distinguishing labels and, across namespaces, `kubernetes.io/metadata.name`.
 */
import { evaluateConnection, podsSelectedBy } from '../../engine';
import type { Endpoint, PodInfo, PodKey, PortQuery, Workspace } from '../../engine';
import { appendDocument, appendIn, applyChange } from '../../yaml/textEdits';
import type { Command, CommandOutcome } from './command';
import { uniquePolicyName } from './policyNames';

export interface AllowTrafficArgs {
  /** A pod key (`ns/name`), an IP address or a CIDR. */
  from: string;
  to: string;
  port: PortQuery;
}

const PREFERRED_KEYS = ['app.kubernetes.io/name', 'app', 'k8s-app', 'name', 'component', 'role', 'tier'];
const IGNORED_KEYS = new Set([
  'pod-template-hash',
  'controller-revision-hash',
  'statefulset.kubernetes.io/pod-name',
]);

/** The fewest labels that tell `pod` apart from the other pods of its namespace (all of them if none do). */
export function distinguishingLabels(ws: Workspace, pod: PodInfo): Record<string, string> {
  const others = ws.pods.filter((p) => p.namespace === pod.namespace && p.key !== pod.key);
  const entries = Object.entries(pod.labels)
    .filter(([k]) => !IGNORED_KEYS.has(k))
    .sort(([a], [b]) => rank(a) - rank(b));
  const unique = (subset: [string, string][]) =>
    !others.some((o) => subset.every(([k, v]) => o.labels[k] === v));
  for (const entry of entries) if (unique([entry])) return Object.fromEntries([entry]);
  return Object.fromEntries(entries);
}

function rank(key: string): number {
  const i = PREFERRED_KEYS.indexOf(key);
  return i < 0 ? PREFERRED_KEYS.length : i;
}

function endpointOf(ref: string): Endpoint {
  return ref.includes('/') && !ref.includes(':') && !/^\d+\.\d+\.\d+\.\d+\//.test(ref)
    ? { kind: 'pod', key: ref as PodKey }
    : { kind: 'ip', ip: ref.split('/')[0] ?? ref };
}

function cidrOf(ref: string): string {
  if (ref.includes('/')) return ref;
  return ref.includes(':') ? `${ref}/128` : `${ref}/32`;
}

/** A `NetworkPolicyPeer` for `target` as seen from a policy in `policyNamespace`. */
function peerFor(ws: Workspace, target: string, policyNamespace: string): Record<string, unknown> | string {
  const pod = ws.pods.find((p) => p.key === target);
  if (!pod) return { ipBlock: { cidr: cidrOf(target) } };
  const labels = distinguishingLabels(ws, pod);
  if (Object.keys(labels).length === 0) return `${pod.key} has no labels to select it by: add one first`;
  const podSelector = { matchLabels: labels };
  return pod.namespace === policyNamespace
    ? { podSelector }
    : { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': pod.namespace } }, podSelector };
}

function portsFor(port: PortQuery): Record<string, unknown> {
  return port === 'any' ? {} : { ports: [{ protocol: port.protocol, port: port.port }] };
}

/** Adds a rule admitting `peer` to the policy for `pod` and `direction`, extending a policy that selects just its kind. */
function openSide(
  text: string,
  ws: Workspace,
  pod: PodInfo,
  direction: 'Ingress' | 'Egress',
  rule: Record<string, unknown>,
  otherName: string,
): CommandOutcome {
  const labels = distinguishingLabels(ws, pod);
  if (Object.keys(labels).length === 0)
    return { error: `${pod.key} has no labels to select it by: add one first` };
  const sameKind = new Set<string>(
    ws.pods
      .filter(
        (p) => p.namespace === pod.namespace && Object.entries(labels).every(([k, v]) => p.labels[k] === v),
      )
      .map((p) => p.key),
  );
  const list = direction === 'Ingress' ? 'ingress' : 'egress';
  const existing = ws.policies
    .filter(
      (p) =>
        p.policyTypes.includes(direction) &&
        p.podSelector.requirements.length > 0 &&
        p.source &&
        (p.source.objectPath ?? []).length === 0,
    )
    .map((p) => ({ p, selected: podsSelectedBy(ws, p) }))
    .filter(({ selected }) => selected.includes(pod.key) && selected.every((k) => sameKind.has(k)))
    .sort((a, b) => a.selected.length - b.selected.length)[0];
  if (existing?.p.source) {
    const change = appendIn(text, existing.p.source.documentIndex, ['spec', list], rule);
    return change
      ? { text: applyChange(text, change) }
      : { error: `cannot extend ${existing.p.key} in the YAML` };
  }
  const base =
    direction === 'Ingress' ? `allow-${otherName}-to-${pod.name}` : `allow-${pod.name}-to-${otherName}`;
  const name = uniquePolicyName(ws, pod.namespace, base);
  const policy = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name, namespace: pod.namespace },
    spec: { podSelector: { matchLabels: labels }, policyTypes: [direction], [list]: [rule] },
  };
  return { text: applyChange(text, appendDocument(text, policy)) };
}

export const allowTraffic: Command<AllowTrafficArgs> = {
  id: 'allowTraffic',
  label: 'Allow this connection',
  perform({ text, workspace }, { from, to, port }) {
    const verdict = evaluateConnection(workspace, endpointOf(from), endpointOf(to), port);
    if (verdict.problems.length > 0) return { error: verdict.problems.join('; ') };
    if (verdict.allowed) return { error: `${from} → ${to} is already allowed` };
    const source = workspace.pods.find((p) => p.key === from);
    const target = workspace.pods.find((p) => p.key === to);
    const shortName = (ref: string) =>
      workspace.pods.find((p) => p.key === ref)?.name ?? ref.replace(/[./:]/g, '-');
    let next = text;
    if (target && !verdict.ingress.allowed) {
      const peer = peerFor(workspace, from, target.namespace);
      if (typeof peer === 'string') return { error: peer };
      const outcome = openSide(
        next,
        workspace,
        target,
        'Ingress',
        { from: [peer], ...portsFor(port) },
        shortName(from),
      );
      if (!('text' in outcome) || 'start' in outcome) return outcome;
      next = outcome.text;
    }
    if (source && !verdict.egress.allowed) {
      const peer = peerFor(workspace, to, source.namespace);
      if (typeof peer === 'string') return { error: peer };
      const outcome = openSide(
        next,
        workspace,
        source,
        'Egress',
        { to: [peer], ...portsFor(port) },
        shortName(to),
      );
      if (!('text' in outcome) || 'start' in outcome) return outcome;
      next = outcome.text;
    }
    return { text: next };
  },
};
