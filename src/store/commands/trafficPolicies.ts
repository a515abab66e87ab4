/**
 * The pieces of "allow this connection" that both the pod and the namespace cases use:
 * which labels select a pod, how a peer and its ports are written, and where a new rule
 * goes (an existing policy that selects just the pod and whose name does not say it is
 * about other traffic, or a new policy named for the connection).
 */
import { podsSelectedBy } from '../../engine';
import type { PodInfo, PortQuery, Workspace } from '../../engine';
import { appendDocument, appendIn } from '../../yaml/textEdits';
import type { CommandOutcome } from './command';
import { edit, editOr, refuse } from './command';
import { uniquePolicyName } from './policyNames';

/** The label every namespace carries, equal to its name: how a policy selects one namespace. */
const NAMESPACE_NAME = 'kubernetes.io/metadata.name';

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

function cidrOf(ref: string): string {
  if (ref.includes('/')) return ref;
  return ref.includes(':') ? `${ref}/128` : `${ref}/32`;
}

/** A `NetworkPolicyPeer` selecting every pod of `namespace` (from any namespace). */
export function namespacePeer(namespace: string): Record<string, unknown> {
  return { namespaceSelector: { matchLabels: { [NAMESPACE_NAME]: namespace } } };
}

/**
 * A `NetworkPolicyPeer` for `target` (a pod key, an IP address or a CIDR) as seen from a
 * policy in `policyNamespace`, or why it cannot be written.
 */
export function peerFor(
  ws: Workspace,
  target: string,
  policyNamespace: string,
): Record<string, unknown> | string {
  const pod = ws.pods.find((p) => p.key === target);
  if (!pod) return { ipBlock: { cidr: cidrOf(target) } };
  const labels = distinguishingLabels(ws, pod);
  if (Object.keys(labels).length === 0) return `${pod.key} has no labels to select it by: add one first`;
  const podSelector = { matchLabels: labels };
  return pod.namespace === policyNamespace
    ? { podSelector }
    : { ...namespacePeer(pod.namespace), podSelector };
}

/** The `ports` of a rule for the dragged port: none (every port) for `any`. */
export function portsFor(port: PortQuery): Record<string, unknown> {
  return port === 'any' ? {} : { ports: [{ protocol: port.protocol, port: port.port }] };
}

/**
 * The party of a connection as policy names spell it (`web`, `ns-monitoring`, `203-0-113-0-24`)
 * and the other words that name the same party (a pod's distinguishing label values, a
 * namespace's bare name).
 */
export interface Party {
  name: string;
  aliases: readonly string[];
}

/** A pod key, an address or a CIDR as a {@link Party}. */
export function partyOf(ws: Workspace, ref: string): Party {
  const pod = ws.pods.find((p) => p.key === ref);
  if (!pod) return { name: ref.replace(/[./:]/g, '-'), aliases: [] };
  return { name: pod.name, aliases: Object.values(distinguishingLabels(ws, pod)) };
}

/** A whole namespace as a {@link Party}: `ns-data`, also called `data`. */
export function namespaceParty(namespace: string): Party {
  return { name: `ns-${namespace}`, aliases: [namespace] };
}

/**
 * The parties a policy name says its traffic is between: `allow-web-to-api` and
 * `api-from-web` name web and api, `allow-to-api` names api alone, and `api-ingress` or
 * `api` name no traffic at all (none).
 */
export function partiesNamed(policyName: string): string[] {
  const body = policyName.replace(/^allow-/, '');
  if (!/(^|-)(to|from)-/.test(body)) return [];
  return body.split(/(?:^|-)(?:to|from)-/).filter((p) => p !== '');
}

/**
 * Whether a policy of `own` may take a rule for traffic with `peer` and keep a name that
 * tells the truth: its name names no party but `own` and `peer`. `allow-web-to-api` may
 * take another rule for web, never one for prometheus.
 */
export function nameFits(policyName: string, own: Party, peer: Party): boolean {
  const known = new Set([own.name, ...own.aliases, peer.name, ...peer.aliases]);
  return partiesNamed(policyName).every((p) => known.has(p));
}

/** A new NetworkPolicy document for one rule. */
function newPolicy(
  name: string,
  namespace: string,
  podSelector: Record<string, unknown>,
  direction: 'Ingress' | 'Egress',
  rule: Record<string, unknown>,
): Record<string, unknown> {
  const list = direction === 'Ingress' ? 'ingress' : 'egress';
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name, namespace },
    spec: { podSelector, policyTypes: [direction], [list]: [rule] },
  };
}

/** `text` with `rule` appended to the `direction` rules of the policy in `documentIndex`. */
function extend(
  text: string,
  documentIndex: number,
  direction: 'Ingress' | 'Egress',
  rule: Record<string, unknown>,
  key: string,
): CommandOutcome {
  const change = appendIn(
    text,
    documentIndex,
    ['spec', direction === 'Ingress' ? 'ingress' : 'egress'],
    rule,
  );
  return editOr(change, `cannot extend ${key} in the YAML`);
}

/**
 * The name for a new policy: `base` unless the workspace or this same command (`created`,
 * `namespace/name` keys, to which it is added) has it; then `base-ingress`/`base-egress`
 * (an ingress and an egress policy for one connection in one namespace), then `-2`, `-3`.
 */
function newName(
  ws: Workspace,
  namespace: string,
  base: string,
  direction: 'Ingress' | 'Egress',
  created: Set<string>,
): string {
  const clash = created.has(`${namespace}/${base}`);
  const name = uniquePolicyName(ws, namespace, clash ? `${base}-${direction.toLowerCase()}` : base, created);
  created.add(`${namespace}/${name}`);
  return name;
}

/**
 * Adds a rule for `direction` at `pod`'s side: it extends an existing policy that selects
 * just `pod`'s kind (never a default-deny with `podSelector: {}`, which would open the
 * whole namespace) and whose name fits (see {@link nameFits}); otherwise it adds a policy
 * named for the connection (`allow-web-to-api`). `created` holds the policies the same
 * command adds, whose names are taken too.
 */
export function openSide(
  text: string,
  ws: Workspace,
  pod: PodInfo,
  direction: 'Ingress' | 'Egress',
  rule: Record<string, unknown>,
  peer: Party,
  created: Set<string>,
): CommandOutcome {
  const labels = distinguishingLabels(ws, pod);
  if (Object.keys(labels).length === 0)
    return refuse(`${pod.key} has no labels to select it by: add one first`);
  const sameKind = new Set<string>(
    ws.pods
      .filter(
        (p) => p.namespace === pod.namespace && Object.entries(labels).every(([k, v]) => p.labels[k] === v),
      )
      .map((p) => p.key),
  );
  const own: Party = { name: pod.name, aliases: Object.values(labels) };
  const existing = ws.policies
    .filter(
      (p) =>
        p.policyTypes.includes(direction) &&
        p.podSelector.requirements.length > 0 &&
        p.source &&
        (p.source.objectPath ?? []).length === 0 &&
        nameFits(p.name, own, peer),
    )
    .map((p) => ({ p, selected: podsSelectedBy(ws, p), namesPeer: partiesNamed(p.name).length > 0 }))
    .filter(({ selected }) => selected.includes(pod.key) && selected.every((k) => sameKind.has(k)))
    // A policy already named for this connection first, then the narrowest.
    .sort((a, b) => Number(b.namesPeer) - Number(a.namesPeer) || a.selected.length - b.selected.length)[0];
  if (existing?.p.source)
    return extend(text, existing.p.source.documentIndex, direction, rule, existing.p.key);
  const base =
    direction === 'Ingress' ? `allow-${peer.name}-to-${pod.name}` : `allow-${pod.name}-to-${peer.name}`;
  const name = newName(ws, pod.namespace, base, direction, created);
  const policy = newPolicy(name, pod.namespace, { matchLabels: labels }, direction, rule);
  return edit(appendDocument(text, policy));
}

/**
 * Adds a rule for `direction` to every pod of `namespace` at once: a policy selecting all
 * of them (`podSelector: {}`), named for the connection (`allow-web-to-ns-data`), or that
 * policy extended when it exists already (a drag for another port). Only for namespaces
 * whose pods are all isolated for `direction` already: selecting the others would isolate
 * them, blocking what they allow today.
 */
export function openNamespace(
  text: string,
  ws: Workspace,
  namespace: string,
  direction: 'Ingress' | 'Egress',
  rule: Record<string, unknown>,
  base: string,
  created: Set<string>,
): CommandOutcome {
  const named = ws.policies.find(
    (p) =>
      p.namespace === namespace &&
      p.name === base &&
      p.policyTypes.includes(direction) &&
      p.podSelector.requirements.length === 0 &&
      (p.source?.objectPath ?? []).length === 0,
  );
  if (named?.source) return extend(text, named.source.documentIndex, direction, rule, named.key);
  const name = newName(ws, namespace, base, direction, created);
  return edit(appendDocument(text, newPolicy(name, namespace, {}, direction, rule)));
}
