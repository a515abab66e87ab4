import type { PodKey } from '../model/ids';
import type { CompiledPolicy, Direction } from '../model/policy';
import type { PodInfo, Protocol } from '../model/resources';
import type { Workspace } from '../model/workspace';
import { NAMESPACE_NAME_LABEL } from '../normalize/normalizeClusterObjects';
import { chooseSelector } from './chooseSelector';
import { DNS_PORTS, isDnsAsk, isKubeDns, type ExpandedIntent, type PortKey } from './expandIntent';
import type { NetworkPolicyManifest, PeerObject, PortObject, RuleObject, SelectorObject } from './model';
import type { Unit } from './units';

/** A peer at unit level: pods of one unit, an address, or every pod of every namespace. */
type Peer = { kind: 'unit'; unit: Unit } | { kind: 'ip'; ip: string } | { kind: 'all-namespaces' };

/** Per unit and direction: the peers and the ports each may use. */
type UnitAsks = Map<string, { unit: Unit; peers: Map<string, { peer: Peer; ports: 'all' | Set<PortKey> }> }>;

/** What {@link buildPolicies} needs besides the workspace. */
export type BuildInput = {
  readonly intent: ExpandedIntent;
  readonly units: ReadonlyMap<PodKey, Unit>;
  /** The policies that stay (keepExisting), for names and existing default denies. */
  readonly kept: readonly CompiledPolicy[];
  readonly leastPrivilege: boolean;
  readonly dns: boolean;
};

const DNS_PEER: PeerObject = {
  namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: 'kube-system' } },
  podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
};
const DNS_PORT_OBJECTS: PortObject[] = [
  { port: 53, protocol: 'UDP' },
  { port: 53, protocol: 'TCP' },
];

/**
 * The policies for an intent already checked to be expressible by labels: per covered
 * namespace a default deny per direction (unless a kept policy is one already) and DNS egress;
 * per unit and direction one policy, `<workload>-ingress` / `<workload>-egress`, whose rules
 * group the peers that share the same ports (so ports that share the same peers are one rule).
 */
export function buildPolicies(ws: Workspace, input: BuildInput): NetworkPolicyManifest[] {
  const { intent, units, leastPrivilege, dns } = input;
  const ingress: UnitAsks = new Map();
  const egress: UnitAsks = new Map();
  const add = (asks: UnitAsks, unit: Unit, peer: Peer | undefined, ports: 'all' | Set<PortKey>): void => {
    let entry = asks.get(unit.id);
    if (!entry) asks.set(unit.id, (entry = { unit, peers: new Map() }));
    if (!peer) return;
    const key = peer.kind === 'unit' ? peer.unit.id : peer.kind === 'ip' ? peer.ip : '*';
    const prior = entry.peers.get(key);
    if (!prior) entry.peers.set(key, { peer, ports: ports === 'all' ? 'all' : new Set(ports) });
    else if (prior.ports !== 'all')
      prior.ports = ports === 'all' ? 'all' : new Set([...prior.ports, ...ports]);
  };
  const peerOf = (e: { kind: 'pod'; key: PodKey } | { kind: 'ip'; ip: string }): Peer | undefined => {
    if (e.kind === 'ip') return { kind: 'ip', ip: e.ip };
    const unit = units.get(e.key);
    return unit ? { kind: 'unit', unit } : undefined;
  };
  for (const ask of intent.asks.values()) {
    if (dns && isDnsAsk(ws, ask.to, ask.ports)) continue;
    const fromUnit = ask.from.kind === 'pod' ? units.get(ask.from.key) : undefined;
    const toUnit = ask.to.kind === 'pod' ? units.get(ask.to.key) : undefined;
    if (toUnit) add(ingress, toUnit, peerOf(ask.from), ask.ports);
    if (fromUnit) add(egress, fromUnit, peerOf(ask.to), ask.ports);
  }
  if (!leastPrivilege) {
    // Isolate exactly the workloads the intent names, in the direction it names them.
    for (const key of intent.destinations) withUnit(units, key, (u) => add(ingress, u, undefined, 'all'));
    for (const key of intent.sources) withUnit(units, key, (u) => add(egress, u, undefined, 'all'));
  } else if (dns && intent.covered.has('kube-system')) {
    for (const unit of new Set(units.values()))
      if (isKubeDns(unit.pods[0])) add(ingress, unit, { kind: 'all-namespaces' }, new Set(DNS_PORTS));
  }

  const names = new Names(input.kept);
  const out: NetworkPolicyManifest[] = [];
  for (const ns of [...intent.covered].sort()) {
    if (leastPrivilege) {
      for (const dir of ['Ingress', 'Egress'] as const)
        if (!hasDefaultDeny(input.kept, ns, dir))
          out.push(policy(names.take(ns, `default-deny-${dir.toLowerCase()}`), ns, {}, [dir], []));
      if (dns)
        out.push(
          policy(
            names.take(ns, 'allow-dns-egress'),
            ns,
            {},
            ['Egress'],
            [{ to: [DNS_PEER], ports: DNS_PORT_OBJECTS }],
          ),
        );
    }
    const perUnit: NetworkPolicyManifest[] = [];
    for (const [asks, dir] of [
      [ingress, 'Ingress'],
      [egress, 'Egress'],
    ] as const) {
      for (const { unit, peers } of asks.values()) {
        if (unit.namespace !== ns) continue;
        const selector = chooseSelector(unit.pods, selectable(ws, ns));
        const rules = buildRules(ws, unit, dir, [...peers.values()], units);
        if (dir === 'Egress' && !leastPrivilege && dns)
          rules.push({ to: [DNS_PEER], ports: DNS_PORT_OBJECTS });
        const name = names.take(ns, `${baseName(unit, selector)}-${dir.toLowerCase()}`);
        perUnit.push(policy(name, ns, selector, [dir], rules));
      }
    }
    out.push(...perUnit.sort((a, b) => a.metadata.name.localeCompare(b.metadata.name)));
  }
  return out;
}

function withUnit(units: ReadonlyMap<PodKey, Unit>, key: PodKey, f: (u: Unit) => void): void {
  const u = units.get(key);
  if (u) f(u);
}

function policy(
  name: string,
  namespace: string,
  podSelector: SelectorObject,
  policyTypes: Direction[],
  rules: RuleObject[],
): NetworkPolicyManifest {
  const dir = policyTypes[0] === 'Ingress' ? 'ingress' : 'egress';
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name, namespace },
    spec: { podSelector, policyTypes, ...(rules.length > 0 ? { [dir]: rules } : {}) },
  };
}

/** Pods a pod selector can select in a namespace (hostNetwork pods are never selected). */
function selectable(ws: Workspace, ns: string): PodInfo[] {
  return ws.pods.filter((p) => p.namespace === ns && !p.hostNetwork);
}

/**
 * The rules of one unit's policy: peers grouped by the ports they may use (one rule per
 * distinct port list); a group holding every unit (two or more) of a namespace names the
 * namespace instead.
 */
function buildRules(
  ws: Workspace,
  unit: Unit,
  dir: Direction,
  peers: { peer: Peer; ports: 'all' | Set<PortKey> }[],
  units: ReadonlyMap<PodKey, Unit>,
): RuleObject[] {
  const groups = new Map<string, { ports: PortObject[] | undefined; peers: Peer[] }>();
  for (const { peer, ports } of peers) {
    // A named port resolves on the destination: this unit for ingress, the peer for egress.
    const destination = dir === 'Ingress' ? unit : peer.kind === 'unit' ? peer.unit : undefined;
    const objects = ports === 'all' ? undefined : portObjects(ports, destination);
    const key = JSON.stringify(objects ?? '*');
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { ports: objects, peers: [] }));
    group.peers.push(peer);
  }
  const unitsByNs = new Map<string, Set<string>>();
  for (const u of units.values()) {
    let ids = unitsByNs.get(u.namespace);
    if (!ids) unitsByNs.set(u.namespace, (ids = new Set()));
    ids.add(u.id);
  }
  const rules = [...groups.values()].map(({ ports, peers: group }) => {
    const objects = peerObjects(ws, unit.namespace, group, unitsByNs);
    return { ...(dir === 'Ingress' ? { from: objects } : { to: objects }), ...(ports ? { ports } : {}) };
  });
  return rules.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

function peerObjects(
  ws: Workspace,
  policyNs: string,
  peers: readonly Peer[],
  unitsByNs: ReadonlyMap<string, ReadonlySet<string>>,
): PeerObject[] {
  const out: { sort: string; object: PeerObject }[] = [];
  const byNs = new Map<string, Unit[]>();
  for (const p of peers) {
    if (p.kind === 'ip')
      out.push({
        sort: `~${p.ip}`,
        object: { ipBlock: { cidr: `${p.ip}/${p.ip.includes(':') ? 128 : 32}` } },
      });
    else if (p.kind === 'all-namespaces') out.push({ sort: '', object: { namespaceSelector: {} } });
    else {
      const list = byNs.get(p.unit.namespace) ?? [];
      list.push(p.unit);
      byNs.set(p.unit.namespace, list);
    }
  }
  for (const [ns, list] of byNs) {
    const nsSelector = { matchLabels: { [NAMESPACE_NAME_LABEL]: ns } };
    // A whole namespace only when it has several kinds of pods (one kind: name it, more precise).
    if (list.length > 1 && list.length === unitsByNs.get(ns)?.size) {
      out.push({
        sort: `${ns}/`,
        object: ns === policyNs ? { podSelector: {} } : { namespaceSelector: nsSelector },
      });
      continue;
    }
    for (const u of list) {
      const podSelector = chooseSelector(u.pods, selectable(ws, ns));
      out.push({
        sort: `${ns}/${u.pods[0]?.name ?? ''}`,
        object: ns === policyNs ? { podSelector } : { namespaceSelector: nsSelector, podSelector },
      });
    }
  }
  return out.sort((a, b) => a.sort.localeCompare(b.sort)).map((o) => o.object);
}

/**
 * Concrete ports as port entries, by name where every pod of the destination unit names that
 * port the same way (a named port resolves on the destination pod), by number otherwise.
 */
function portObjects(ports: ReadonlySet<PortKey>, destination: Unit | undefined): PortObject[] {
  return [...ports]
    .map((key) => {
      const [num, protocol] = key.split('/') as [string, Protocol];
      const port = Number(num);
      // The name must resolve to this port on every pod (a name used twice resolves to one).
      const names = new Set(
        (destination?.pods ?? []).map((p) => {
          const name = p.ports.find((c) => c.port === port && c.protocol === protocol)?.name;
          const uses = p.ports.filter((c) => c.name === name && c.protocol === protocol).length;
          return uses === 1 ? name : undefined;
        }),
      );
      const [name] = names;
      return { port: names.size === 1 && name !== undefined ? name : port, protocol, n: port };
    })
    .sort((a, b) => a.n - b.n || a.protocol.localeCompare(b.protocol))
    .map(({ port, protocol }) => ({ port, protocol }));
}

function hasDefaultDeny(kept: readonly CompiledPolicy[], ns: string, dir: Direction): boolean {
  return kept.some(
    (p) =>
      p.namespace === ns &&
      p.podSelector.requirements.length === 0 &&
      p.policyTypes.includes(dir) &&
      (dir === 'Ingress' ? p.ingress : p.egress).length === 0,
  );
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** A unit's name: its pod or workload's name, else its selector's first label value. */
function baseName(unit: Unit, selector: SelectorObject): string {
  const [only] = unit.pods;
  if (unit.pods.length === 1 && only) return only.name;
  const value = Object.values(selector.matchLabels ?? {})[0];
  return value !== undefined && DNS_LABEL.test(value) && value.length <= 63 ? value : (only?.name ?? 'pods');
}

/** Policy names per namespace, never one a kept policy already has. */
class Names {
  private readonly used = new Set<string>();
  constructor(kept: readonly CompiledPolicy[]) {
    for (const p of kept) this.used.add(`${p.namespace}/${p.name}`);
  }
  take(ns: string, base: string): string {
    let name = base;
    for (let i = 2; this.used.has(`${ns}/${name}`); i++) name = `${base}-${i}`;
    this.used.add(`${ns}/${name}`);
    return name;
  }
}
