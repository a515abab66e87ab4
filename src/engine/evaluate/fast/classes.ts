import type { ContainerPort, Labels, NamespaceInfo, PodInfo } from '../../model/resources';
import type { Workspace } from '../../model/workspace';
import { implicitNamespace } from '../../normalize/normalizeClusterObjects';
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
  /** ipBlock signature id (see {@link IpSignatures}). */
  readonly sig: number[];
  readonly byKey: Map<string, number>;
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
  let out = '';
  for (const k of keys) out += `${k}\u0002${labels[k]}\u0001`;
  return out;
}

/** A list of container ports as text (equal lists, equal text). */
export function portsKey(ports: readonly ContainerPort[]): string {
  let out = '';
  for (const p of ports) out += `${p.name ?? ''}/${p.port}/${p.protocol};`;
  return out;
}

/** The class key of a pod (see {@link EndpointClasses}). */
export function podClassKey(pod: PodInfo, sigs: IpSignatures, ipBlockMatchesPodIPs: boolean): string {
  if (pod.hostNetwork) return `h\u0000${portsKey(pod.ports)}\u0000${sigs.signatureOf(pod.ips)}`;
  const sig = ipBlockMatchesPodIPs ? sigs.signatureOf(pod.ips) : 0;
  return `p\u0000${pod.namespace}\u0000${labelsKey(pod.labels)}\u0000${portsKey(pod.ports)}\u0000${sig}`;
}

/** The class key of an outside address or node with this ipBlock signature. */
export function outsideClassKey(sig: number): string {
  return `x\u0000${sig}`;
}

/**
 * What admin policies can tell apart beyond a class key: a pod's address signature (`networks`
 * peers match pods by IP whatever `ipBlockMatchesPodIPs` says) and, for hostNetwork pods, their
 * node's labels (`nodes` peers). Empty when the workspace has no admin policies.
 */
function tierKey(pod: PodInfo, ws: Workspace, sigs: IpSignatures): string {
  if (ws.adminPolicies.length === 0) return '';
  const node = pod.hostNetwork && pod.nodeName !== undefined ? ws.nodeByName.get(pod.nodeName) : undefined;
  return `\u0000t${sigs.signatureOf(pod.ips)}\u0000${node ? labelsKey(node.labels) : ''}`;
}

/**
 * Groups the workspace's pods and nodes (and every kind of outside address) into classes.
 * With admin policies, classes are also split by what those can tell apart (see `tierKey`;
 * nodes by their labels), so that one endpoint per class answers for all of them.
 */
export function buildClasses(ws: Workspace, sigs: IpSignatures): EndpointClasses {
  const namespaces: NamespaceInfo[] = [...ws.namespaces];
  const namespaceId = new Map<string, number>(namespaces.map((n, i) => [n.name, i]));
  const c: EndpointClasses = {
    count: 0,
    kind: [],
    ns: [],
    labels: [],
    ports: [],
    sig: [],
    byKey: new Map(),
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
  ws.pods.forEach((pod, i) => {
    const key = podClassKey(pod, sigs, c.ipBlockMatchesPodIPs) + tierKey(pod, ws, sigs);
    let id = c.byKey.get(key);
    if (id === undefined) {
      const kind = pod.hostNetwork ? ClassKind.Host : ClassKind.Pod;
      const sig = pod.hostNetwork || c.ipBlockMatchesPodIPs ? sigs.signatureOf(pod.ips) : 0;
      id = addClass(
        c,
        key,
        kind,
        kind === ClassKind.Pod ? nsOf(pod.namespace) : -1,
        pod.labels,
        pod.ports,
        sig,
      );
    }
    c.podClass[i] = id;
  });
  const nodeClass = c.nodeClass as Map<string, number>;
  for (const node of ws.nodes) {
    const sig = sigs.signatureOf(node.ips);
    const labelled =
      ws.adminPolicies.length > 0 ? `${outsideClassKey(sig)}\u0000n${labelsKey(node.labels)}` : '';
    nodeClass.set(
      node.name,
      labelled === ''
        ? outsideClass(c, sig)
        : (c.byKey.get(labelled) ?? addClass(c, labelled, ClassKind.Outside, -1, {}, [], sig)),
    );
  }
  for (const sig of sigs.intervalSignatures) outsideClass(c, sig);
  return c;
}

/** The class of outside endpoints with this signature (created when new). */
export function outsideClass(c: EndpointClasses, sig: number): number {
  const key = outsideClassKey(sig);
  return c.byKey.get(key) ?? addClass(c, key, ClassKind.Outside, -1, {}, [], sig);
}

function addClass(
  c: EndpointClasses,
  key: string,
  kind: number,
  ns: number,
  labels: Labels,
  ports: readonly ContainerPort[],
  sig: number,
): number {
  const id = c.count++;
  c.byKey.set(key, id);
  c.kind.push(kind);
  c.ns.push(ns);
  c.labels.push(labels);
  c.ports.push(ports);
  c.sig.push(sig);
  if (kind === ClassKind.Pod) {
    c.byNamespace[ns]!.push(id);
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
