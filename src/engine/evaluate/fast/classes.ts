import type { ContainerPort, Labels, NamespaceInfo, PodInfo } from '../../model/resources';
import type { Workspace } from '../../model/workspace';
import { implicitNamespace } from '../../normalize/normalizeClusterObjects';
import { portsKey } from '../../normalize/intern';
import type { IpSignatures } from './ipSignatures';

/** What a class of endpoints is, for policy purposes. */
export const ClassKind = {
  /** Pods (not hostNetwork): selected by policies, matched by pod peers. */
  Pod: 0,
  /** hostNetwork pods: exempt on their own side, matched only by ipBlocks, named ports resolve. */
  Host: 1,
  /** Nodes and outside addresses: exempt, matched only by ipBlocks, no container ports. */
  Outside: 2,
} as const;

/**
 * Endpoints grouped into equivalence classes: two endpoints share a class when no policy can
 * tell them apart apart from the per-endpoint exceptions (`self`, `node-local`), which are
 * applied per row. A pod class is (namespace, labels, container ports, ipBlock signature when
 * ipBlocks match pod IPs); replicas of a workload and pods of one Deployment share one.
 */
export type EndpointClasses = {
  count: number;
  readonly kind: number[];
  /** Namespace id of a pod class, -1 otherwise. */
  readonly ns: number[];
  readonly labels: Labels[];
  readonly ports: (readonly ContainerPort[])[];
  /** Id of a class's container ports (equal lists, equal ids). */
  readonly portsId: number[];
  /** ipBlock signature id (see {@link IpSignatures}). */
  readonly sig: number[];
  /** What identifies a class beyond its kind, namespace and signature (see {@link ClassIndex}). */
  readonly index: ClassIndex;
  readonly namespaces: readonly NamespaceInfo[];
  readonly namespaceId: ReadonlyMap<string, number>;
  /** Pod classes per namespace id. */
  readonly byNamespace: number[][];
  /** Pod classes by label key, then value. */
  readonly labelIndex: Map<string, Map<string, number[]>>;
  /** Class of each `ws.pods` entry. */
  podClass: Int32Array;
  /** Class of each node by name. */
  readonly nodeClass: ReadonlyMap<string, number>;
  readonly sigs: IpSignatures;
  readonly ipBlockMatchesPodIPs: boolean;
};

function labelsKey(labels: Labels): string {
  const keys = Object.keys(labels);
  if (keys.length > 1) keys.sort();
  // One flat string (`+=` would keep a tree of partial strings per key).
  return keys.map((k) => `${k}\u0002${labels[k]}\u0001`).join('');
}

const NO_PORTS: readonly ContainerPort[] = [];

/**
 * Ids for values that are equal as text, found by identity first (so only distinct objects
 * are turned into text). The ids by object can be dropped ({@link forgetObjects}) but for the
 * objects kept again ({@link keep}); the ids by text are pruned to those still in use
 * ({@link prune}).
 */
class TextIds<T extends object> {
  private byObject = new Map<T, number>();
  private readonly byText = new Map<string, number>();
  private next = 0;

  constructor(private readonly text: (value: T) => string) {}

  id(value: T): number {
    let id = this.byObject.get(value);
    if (id === undefined) {
      const text = this.text(value);
      id = this.byText.get(text);
      if (id === undefined) this.byText.set(text, (id = this.next++));
      this.byObject.set(value, id);
    }
    return id;
  }

  /** Drops every id by object; ids given out stay valid. */
  forgetObjects(): void {
    this.byObject = new Map();
  }

  /** Remembers `value`'s id again (after {@link forgetObjects}). */
  keep(value: T, id: number): void {
    this.byObject.set(value, id);
  }

  /** Drops the ids by text that are not in `live`. */
  prune(live: ReadonlySet<number>): void {
    for (const [text, id] of this.byText) if (!live.has(id)) this.byText.delete(text);
  }
}

/**
 * Finds classes by what tells them apart, without a text key per pod: label maps and port
 * lists get ids (by identity first: the replicas of a workload share one object after
 * `loadWorkspace`, and an unchanged pod keeps its objects from one load to the next, so only
 * new objects are turned into text), and a class is the tuple (kind, namespace, labels,
 * ports, signature, admin-tier signature, node labels), hashed to a chain of classes that are
 * compared field by field. The ids outlive the index: a rebuild of the classes takes them
 * over (`previous`), so a keystroke that puts one pod in a new class turns one label map into
 * text, not every pod's (~10 ms a keystroke at 5,000 pods). {@link ClassIndex.release} keeps
 * only the ids of the classes' own label maps and port lists.
 */
export class ClassIndex {
  private readonly labelIds: TextIds<Labels>;
  private readonly portIds: TextIds<readonly ContainerPort[]>;
  private readonly heads = new Map<number, number>();
  /** Per class: the next class of its hash chain (-1 at the end), and its tuple. */
  private readonly next: number[] = [];
  private readonly tuples: number[] = [];

  constructor(previous?: ClassIndex) {
    this.labelIds = previous?.labelIds ?? new TextIds<Labels>(labelsKey);
    this.portIds = previous?.portIds ?? new TextIds<readonly ContainerPort[]>(portsKey);
  }

  labelsId(labels: Labels): number {
    return this.labelIds.id(labels);
  }

  portsId(ports: readonly ContainerPort[]): number {
    return this.portIds.id(ports);
  }

  /**
   * Keeps the ids by object and by text of the classes' own label maps and port lists only.
   * Not with node-label classes (admin policies): their labels are not kept with `c`.
   */
  release(c: EndpointClasses): void {
    this.labelIds.forgetObjects();
    this.portIds.forgetObjects();
    const labels = new Set<number>();
    const ports = new Set<number>();
    for (let k = 0; k < c.count; k++) {
      const l = this.tuples[k * TUPLE + 2]!;
      if (l >= 0) {
        this.labelIds.keep(c.labels[k]!, l);
        labels.add(l);
      }
      this.portIds.keep(c.ports[k]!, c.portsId[k]!);
      ports.add(c.portsId[k]!);
    }
    this.labelIds.prune(labels);
    this.portIds.prune(ports);
  }

  /** The class with this tuple (see {@link ClassIndex}), or -1. */
  find(t: ClassTuple): number {
    for (let k = this.heads.get(hashTuple(t)) ?? -1; k >= 0; k = this.next[k]!) {
      const o = k * TUPLE;
      const u = this.tuples;
      if (
        u[o] === t.kind &&
        u[o + 1] === t.ns &&
        u[o + 2] === t.labels &&
        u[o + 3] === t.ports &&
        u[o + 4] === t.sig &&
        u[o + 5] === t.tierSig &&
        u[o + 6] === t.nodeLabels
      )
        return k;
    }
    return -1;
  }

  /** Records class `id` (the next id) under its tuple. */
  add(id: number, t: ClassTuple): void {
    const h = hashTuple(t);
    this.next[id] = this.heads.get(h) ?? -1;
    this.heads.set(h, id);
    this.tuples.push(t.kind, t.ns, t.labels, t.ports, t.sig, t.tierSig, t.nodeLabels);
  }
}

const TUPLE = 7;

/** What identifies a class; -1 for a part that does not apply. */
type ClassTuple = {
  kind: number;
  ns: number;
  labels: number;
  ports: number;
  sig: number;
  tierSig: number;
  nodeLabels: number;
};

function hashTuple(t: ClassTuple): number {
  let h = mix(t.kind + 1, t.ns);
  h = mix(h, t.labels);
  h = mix(h, t.ports);
  h = mix(h, t.sig);
  h = mix(h, t.tierSig);
  return mix(h, t.nodeLabels) & 0x3fffffff;
}

function mix(h: number, x: number): number {
  const m = Math.imul(h ^ (x + 1), 0x9e3779b1);
  return m ^ (m >>> 15);
}

/**
 * The tuple of a pod's class (see {@link EndpointClasses}), into `t`. With admin policies
 * classes are also told apart by what those can: a pod's address signature (`networks` peers
 * match pods by IP whatever `ipBlockMatchesPodIPs` says) and, for hostNetwork pods, their
 * node's labels (`nodes` peers).
 */
function podTuple(
  t: ClassTuple,
  pod: PodInfo,
  ws: Workspace,
  c: Pick<EndpointClasses, 'index' | 'sigs' | 'ipBlockMatchesPodIPs' | 'namespaceId'>,
  nsId: number,
): ClassTuple {
  const { index, sigs } = c;
  const host = pod.hostNetwork;
  t.kind = host ? ClassKind.Host : ClassKind.Pod;
  t.ns = host ? -1 : nsId;
  t.labels = host ? -1 : index.labelsId(pod.labels);
  t.ports = index.portsId(pod.ports);
  t.sig = host || c.ipBlockMatchesPodIPs ? sigs.signatureOf(pod.ips) : 0;
  t.tierSig = -1;
  t.nodeLabels = -1;
  if (ws.adminPolicies.length > 0) {
    t.tierSig = sigs.signatureOf(pod.ips);
    const node = host && pod.nodeName !== undefined ? ws.nodeByName.get(pod.nodeName) : undefined;
    if (node) t.nodeLabels = index.labelsId(node.labels);
  }
  return t;
}

const scratch = (): ClassTuple => ({
  kind: 0,
  ns: 0,
  labels: 0,
  ports: 0,
  sig: 0,
  tierSig: 0,
  nodeLabels: 0,
});

/** The class of a pod among existing classes (undefined when it would be a new one). */
export function findPodClass(c: EndpointClasses, pod: PodInfo, ws: Workspace): number | undefined {
  const t = podTupleIn(c, pod, ws);
  const k = t ? c.index.find(t) : -1;
  return k < 0 ? undefined : k;
}

/**
 * Adds the class of `pod`, which is in none of `c`'s (see {@link findPodClass}), and returns
 * it; undefined when the pod's namespace has no id among `c`'s. Not with admin policies.
 */
export function addPodClass(c: EndpointClasses, pod: PodInfo, ws: Workspace): number | undefined {
  const t = podTupleIn(c, pod, ws);
  return t ? addClass(c, t, pod.labels, pod.ports) : undefined;
}

/** The tuple of `pod`'s class among `c`'s namespaces; undefined when its namespace has no id. */
function podTupleIn(c: EndpointClasses, pod: PodInfo, ws: Workspace): ClassTuple | undefined {
  const nsId = pod.hostNetwork ? -1 : c.namespaceId.get(pod.namespace);
  return nsId === undefined ? undefined : podTuple(scratch(), pod, ws, c, nsId);
}

/** Pod classes that no pod is in (after pods left them for others). */
export function emptyPodClasses(c: EndpointClasses): number {
  const used = new Uint8Array(c.count);
  for (const k of c.podClass) used[k] = 1;
  let empty = 0;
  for (let k = 0; k < c.count; k++) if (!used[k] && c.kind[k] !== ClassKind.Outside) empty++;
  return empty;
}

/**
 * Groups the workspace's pods and nodes (and every kind of outside address) into classes.
 * With admin policies, classes are also split by what those can tell apart (see `podTuple`;
 * nodes by their labels), so that one endpoint per class answers for all of them. `previous`:
 * the last build's index, whose ids of label maps and port lists are taken over.
 */
export function buildClasses(ws: Workspace, sigs: IpSignatures, previous?: ClassIndex): EndpointClasses {
  const namespaces: NamespaceInfo[] = [...ws.namespaces];
  const namespaceId = new Map<string, number>(namespaces.map((n, i) => [n.name, i]));
  const c: EndpointClasses = {
    count: 0,
    kind: [],
    ns: [],
    labels: [],
    ports: [],
    portsId: [],
    sig: [],
    // The ids of the last build's label maps and port lists (pruned at the end of this build),
    // unless this one has node-label classes (admin policies), whose labels `release` cannot keep.
    index: new ClassIndex(ws.adminPolicies.length === 0 ? previous : undefined),
    namespaces,
    namespaceId,
    byNamespace: namespaces.map(() => []),
    labelIndex: new Map(),
    podClass: new Int32Array(ws.pods.length),
    nodeClass: new Map(),
    sigs,
    ipBlockMatchesPodIPs: ws.options.ipBlockMatchesPodIPs,
  };
  const nsOf = (name: string): number => {
    let id = namespaceId.get(name);
    if (id === undefined) {
      id = namespaces.length;
      namespaces.push(ws.namespaceByName.get(name) ?? implicitNamespace(name));
      namespaceId.set(name, id);
      c.byNamespace.push([]);
    }
    return id;
  };
  const t = scratch();
  const pods = ws.pods;
  for (let i = 0; i < pods.length; i++) {
    const pod = pods[i]!;
    podTuple(t, pod, ws, c, pod.hostNetwork ? -1 : nsOf(pod.namespace));
    let id = c.index.find(t);
    if (id < 0) id = addClass(c, t, pod.labels, pod.ports);
    c.podClass[i] = id;
  }
  const nodeClass = c.nodeClass as Map<string, number>;
  for (const node of ws.nodes) {
    const sig = sigs.signatureOf(node.ips);
    if (ws.adminPolicies.length === 0) {
      nodeClass.set(node.name, outsideClass(c, sig));
      continue;
    }
    const nt = outsideTuple(sig);
    nt.nodeLabels = c.index.labelsId(node.labels);
    const found = c.index.find(nt);
    nodeClass.set(node.name, found >= 0 ? found : addClass(c, nt, {}, NO_PORTS));
  }
  for (const sig of sigs.intervalSignatures) outsideClass(c, sig);
  if (ws.adminPolicies.length === 0) c.index.release(c);
  return c;
}

function outsideTuple(sig: number): ClassTuple {
  return { kind: ClassKind.Outside, ns: -1, labels: -1, ports: -1, sig, tierSig: -1, nodeLabels: -1 };
}

/** The class of outside endpoints with this signature (created when new). */
export function outsideClass(c: EndpointClasses, sig: number): number {
  const t = outsideTuple(sig);
  const k = c.index.find(t);
  return k >= 0 ? k : addClass(c, t, {}, NO_PORTS);
}

function addClass(
  c: EndpointClasses,
  t: ClassTuple,
  labels: Labels,
  ports: readonly ContainerPort[],
): number {
  const id = c.count++;
  c.index.add(id, t);
  c.kind.push(t.kind);
  c.ns.push(t.ns);
  c.labels.push(labels);
  c.ports.push(ports);
  c.portsId.push(c.index.portsId(ports));
  c.sig.push(t.sig);
  if (t.kind === ClassKind.Pod) {
    c.byNamespace[t.ns]!.push(id);
    for (const [k, v] of Object.entries(labels)) {
      let values = c.labelIndex.get(k);
      if (!values) c.labelIndex.set(k, (values = new Map<string, number[]>()));
      const list = values.get(v);
      if (list) list.push(id);
      else values.set(v, [id]);
    }
  }
  return id;
}
