import { ValidationCode as V, type Diagnostic } from '../model/diagnostics';
import type { PodKey } from '../model/ids';
import type { CompiledPolicy } from '../model/policy';
import type { AdminPolicyKind, CompiledAdminPolicy } from '../model/adminPolicy';
import type { NamespaceInfo, NodeInfo, ObjectOrigin, PodInfo, PodKind } from '../model/resources';
import { DEFAULT_ENGINE_OPTIONS, type EngineOptions, type IpOwner, type Workspace } from '../model/workspace';
import { compilePolicy } from '../compile/compilePolicy';
import { describeType, isRecord, stringField, recordField } from './fields';
import { implicitNamespace, normalizeNamespace, normalizeNode } from './normalizeClusterObjects';
import { normalizePolicy } from './normalizePolicy';
import { ADMIN_POLICY_KINDS, normalizeAdminPolicy } from './normalizeAdminPolicy';
import { normalizeWorkload, WORKLOAD_KINDS } from './normalizeWorkload';
import { toManifestObjects, unwrapLists } from './unwrapLists';
import type { ManifestObject } from '../model/manifest';
import { Interner } from './intern';
import { CONNECTIVITY_TEST_KIND, type ConnectivityTest } from '../expectations/model';
import { normalizeConnectivityTest } from '../expectations/normalizeConnectivityTest';

/**
 * Builds a workspace from manifest objects (bare or {@link ManifestObject}s; `*List` wrappers
 * are unwrapped). Namespaces referenced but not declared are created; hostNetwork pods take
 * their node's InternalIPs; invalid NetworkPolicies and admin policies (AdminNetworkPolicy,
 * BaselineAdminNetworkPolicy, ClusterNetworkPolicy) are reported and left out; unknown kinds
 * are reported as info and ignored; `ConnectivityTest` documents (our policy tests) are kept in
 * `workspace.tests`; the first of two objects with the same identity wins.
 * Never throws.
 */
export function loadWorkspace(
  objects: readonly unknown[],
  options?: Partial<EngineOptions>,
): LoadedWorkspace {
  return loadManifests(unwrapLists(toManifestObjects(objects)), options);
}

export interface LoadedWorkspace {
  workspace: Workspace;
  diagnostics: Diagnostic[];
}

/** What one load made of one manifest (see `workspaceLoader.ts`). */
export interface LoadedEntry {
  readonly object: unknown;
  readonly source: ObjectOrigin;
  /** Its diagnostics: `diagnostics.slice(diagStart, diagEnd)` of the load. */
  diagStart: number;
  diagEnd: number;
  /** The NetworkPolicy it made, when the workspace holds it (valid, and not a duplicate). */
  readonly policy?: CompiledPolicy;
}

/** {@link loadWorkspace} of manifests already unwrapped; `record` gets an entry per manifest. */
export function loadManifests(
  manifests: readonly ManifestObject[],
  options?: Partial<EngineOptions>,
  record?: LoadedEntry[],
): LoadedWorkspace {
  const diagnostics: Diagnostic[] = [];
  const namespaces = new Map<string, NamespaceInfo>();
  const nodes = new Map<string, NodeInfo>();
  const pods = new Map<PodKey, PodInfo>();
  const policies = new Map<string, CompiledPolicy>();
  const tests = new Map<string, ConnectivityTest>();
  const adminPolicies = new Map<string, CompiledAdminPolicy>();
  const referenced: string[] = [];
  const intern = new Interner();
  const duplicate = (origin: ObjectOrigin, what: string): void => {
    diagnostics.push({
      severity: 'warning',
      code: V.duplicate,
      message: `duplicate ${what}: only the first definition is used`,
      path: ['metadata', 'name'],
      source: origin,
    });
  };

  for (const m of manifests) {
    const diagStart = diagnostics.length;
    const stored = loadOne(m);
    record?.push({
      object: m.object,
      source: m.source,
      diagStart,
      diagEnd: diagnostics.length,
      policy: stored,
    });
  }
  /** Loads one manifest; returns the NetworkPolicy it adds to the workspace, if any. */
  function loadOne(m: ManifestObject): CompiledPolicy | undefined {
    const obj = m.object;
    if (obj === null || obj === undefined) return undefined;
    if (!isRecord(obj)) {
      diagnostics.push({
        severity: 'error',
        code: V.type,
        message: `a manifest must be a mapping with apiVersion and kind, not ${describeType(obj)}`,
        path: [],
        source: m.source,
      });
      return undefined;
    }
    const kind = stringField(obj, 'kind');
    const meta = recordField(obj, 'metadata');
    const name = stringField(meta, 'name');
    const namespace = stringField(meta, 'namespace');
    if (kind === undefined) {
      diagnostics.push({
        severity: 'error',
        code: V.required,
        message: 'kind is required (e.g. NetworkPolicy, Pod, Namespace)',
        path: ['kind'],
        source: originOf(m.source, kind, namespace, name),
      });
      return undefined;
    }
    const { origin, result: n } = normalized(obj, m.source, kind, namespace, name, intern);
    if (n) diagnostics.push(...n.diagnostics);
    if (n?.kind === 'Namespace') {
      if (n.value && namespaces.has(n.value.name)) duplicate(origin, `Namespace ${n.value.name}`);
      else if (n.value) namespaces.set(n.value.name, n.value);
    } else if (n?.kind === 'Node') {
      if (n.value && nodes.has(n.value.name)) duplicate(origin, `Node ${n.value.name}`);
      else if (n.value) nodes.set(n.value.name, n.value);
    } else if (n?.kind === 'Pod') {
      if (n.value && pods.has(n.value.key)) duplicate(origin, `pod or workload ${n.value.key}`);
      else if (n.value) {
        pods.set(n.value.key, n.value);
        referenced.push(n.value.namespace);
      }
    } else if (n?.kind === 'NetworkPolicy') {
      if (n.value) {
        referenced.push(n.value.namespace);
        if (!policies.has(n.value.key)) {
          policies.set(n.value.key, n.value);
          return n.value;
        }
        duplicate(origin, `NetworkPolicy ${n.value.key}`);
      }
    } else if (n?.kind === 'Test') {
      if (tests.has(n.value.name)) duplicate(origin, `ConnectivityTest ${n.value.name}`);
      else tests.set(n.value.name, n.value);
    } else if (n?.kind === 'Admin') {
      if (n.value && adminPolicies.has(n.value.key)) duplicate(origin, `${n.value.kind} ${n.value.name}`);
      else if (n.value) adminPolicies.set(n.value.key, n.value);
    } else {
      diagnostics.push({
        severity: 'info',
        code: V.unknownKind,
        message: `kind ${kind} does not affect NetworkPolicy evaluation; ignored`,
        path: ['kind'],
        source: origin,
      });
    }
    return undefined;
  }

  for (const ns of referenced) if (!namespaces.has(ns)) namespaces.set(ns, implicitNamespace(ns));
  const podList = [...pods.values()].map((p) => withHostIps(p, nodes));
  const workspace = buildWorkspace(
    [...namespaces.values()],
    podList,
    [...nodes.values()],
    [...policies.values()],
    options,
    diagnostics,
  );
  return {
    workspace: { ...workspace, tests: [...tests.values()], adminPolicies: [...adminPolicies.values()] },
    diagnostics,
  };
}

/**
 * A manifest's NetworkPolicy as a load makes it (compiled) and its diagnostics; undefined
 * when the manifest is not a valid NetworkPolicy.
 */
export function loadPolicy(
  m: ManifestObject,
): { policy: CompiledPolicy; diagnostics: readonly Diagnostic[] } | undefined {
  const obj = m.object;
  if (!isRecord(obj)) return undefined;
  const kind = stringField(obj, 'kind');
  if (kind !== 'NetworkPolicy') return undefined;
  const meta = recordField(obj, 'metadata');
  const namespace = stringField(meta, 'namespace');
  const { result } = normalized(obj, m.source, kind, namespace, stringField(meta, 'name'), new Interner());
  if (result?.kind !== 'NetworkPolicy' || !result.value) return undefined;
  return { policy: result.value, diagnostics: result.diagnostics };
}

/** One object's normalized value and diagnostics, by kind. */
type Normalized =
  | { kind: 'Namespace'; value: NamespaceInfo | undefined; diagnostics: readonly Diagnostic[] }
  | { kind: 'Node'; value: NodeInfo | undefined; diagnostics: readonly Diagnostic[] }
  | { kind: 'Pod'; value: PodInfo | undefined; diagnostics: readonly Diagnostic[] }
  | { kind: 'NetworkPolicy'; value: CompiledPolicy | undefined; diagnostics: readonly Diagnostic[] }
  | { kind: 'Test'; value: ConnectivityTest; diagnostics: readonly Diagnostic[] }
  | { kind: 'Admin'; value: CompiledAdminPolicy | undefined; diagnostics: readonly Diagnostic[] };

/**
 * Normalized objects by raw object: an object read again from unchanged text is the same
 * object (the incremental parser keeps the values of unchanged documents), and its result
 * stands while its origin (document index, path) is the same. After a keystroke only the
 * edited document is normalized and compiled again; unchanged policies keep their identity,
 * which the fast engine's update also uses.
 */
const NORMALIZED = new WeakMap<object, { origin: ObjectOrigin; result: Normalized | null }>();

function normalized(
  obj: Record<string, unknown>,
  source: ObjectOrigin,
  kind: string,
  namespace: string | undefined,
  name: string | undefined,
  intern: Interner,
): { origin: ObjectOrigin; result: Normalized | null } {
  const hit = NORMALIZED.get(obj);
  // The origin is made only for an object not seen there before (5,000 a keystroke otherwise).
  if (hit && sameOrigin(hit.origin, source, kind, namespace, name)) return hit;
  const origin = originOf(source, kind, namespace, name);
  const entry = { origin, result: normalize(obj, kind, origin, intern) };
  NORMALIZED.set(obj, entry);
  return entry;
}

/**
 * The origin of an object: its source plus its kind, namespace and name when it has them.
 * Written out rather than spread: spread literals in optimised code gave each of 100,000
 * origins a hidden class of its own (~250 bytes each).
 */
function originOf(
  source: ObjectOrigin,
  kind: string | undefined,
  namespace: string | undefined,
  name: string | undefined,
): ObjectOrigin {
  // The usual case in one literal: properties added later would live in a separate store.
  if (onlyDocumentIndex(source) && kind !== undefined && namespace !== undefined && name !== undefined)
    return { documentIndex: source.documentIndex, kind, namespace, name };
  const o: { -readonly [K in keyof ObjectOrigin]: ObjectOrigin[K] } = { documentIndex: source.documentIndex };
  Object.assign(o, source);
  if (kind !== undefined) o.kind = kind;
  if (namespace !== undefined) o.namespace = namespace;
  if (name !== undefined) o.name = name;
  return o;
}

function onlyDocumentIndex(source: ObjectOrigin): boolean {
  for (const k in source) if (k !== 'documentIndex') return false;
  return true;
}

/**
 * Whether origin `a` is that of `source` with this kind, namespace and name, field by field
 * (once per object at every keystroke: listing keys to compare them cost arrays each time).
 */
export function sameOrigin(
  a: ObjectOrigin,
  source: ObjectOrigin,
  kind: string | undefined,
  namespace: string | undefined,
  name: string | undefined,
): boolean {
  if (
    a.documentIndex !== source.documentIndex ||
    a.kind !== kind ||
    a.namespace !== namespace ||
    a.name !== name ||
    a.fileName !== source.fileName
  )
    return false;
  return samePath(a.objectPath, source.objectPath);
}

/** Two objects' paths inside their documents (`objectPath`), element by element. */
function samePath(x: ObjectOrigin['objectPath'], y: ObjectOrigin['objectPath']): boolean {
  if (x === y) return true;
  if (!x || !y || x.length !== y.length) return false;
  for (let j = 0; j < x.length; j++) if (x[j] !== y[j]) return false;
  return true;
}

function normalize(
  obj: Record<string, unknown>,
  kind: string,
  origin: ObjectOrigin,
  intern: Interner,
): Normalized | null {
  if (kind === 'Namespace') return { kind, ...normalizeNamespace(obj, origin) };
  if (kind === 'Node') return { kind, ...normalizeNode(obj, origin) };
  if (kind === 'Pod' || (WORKLOAD_KINDS as readonly string[]).includes(kind))
    return { kind: 'Pod', ...normalizeWorkload(obj, kind as PodKind, origin, intern) };
  if (kind === 'NetworkPolicy') {
    const r = normalizePolicy(obj, origin);
    return { kind, value: r.value ? compilePolicy(r.value) : undefined, diagnostics: r.diagnostics };
  }
  if ((ADMIN_POLICY_KINDS as readonly string[]).includes(kind))
    return { kind: 'Admin', ...normalizeAdminPolicy(obj, kind as AdminPolicyKind, origin) };
  if (kind === CONNECTIVITY_TEST_KIND) return { kind: 'Test', ...normalizeConnectivityTest(obj, origin) };
  return null;
}

function withHostIps(pod: PodInfo, nodes: ReadonlyMap<string, NodeInfo>): PodInfo {
  if (!pod.hostNetwork || pod.nodeName === undefined) return pod;
  const node = nodes.get(pod.nodeName);
  return node && node.ips.length > 0 ? { ...pod, ips: node.ips } : pod;
}

/**
 * Assembles a {@link Workspace} and its indexes from already-normalized parts (also used by
 * tests and by the conformance-case reader). IPs shared by two owners are reported.
 */
export function buildWorkspace(
  namespaces: readonly NamespaceInfo[],
  pods: readonly PodInfo[],
  nodes: readonly NodeInfo[],
  policies: readonly CompiledPolicy[],
  options: Partial<EngineOptions> | undefined,
  diagnostics: Diagnostic[] = [],
): Workspace {
  const ipOwners = new Map<string, IpOwner>();
  const claim = (ip: string, owner: IpOwner, source: ObjectOrigin | undefined): void => {
    const prior = ipOwners.get(ip);
    if (prior) {
      const d: Diagnostic = {
        severity: 'warning',
        code: 'duplicate-ip',
        message: `IP ${ip} is used by more than one pod or node; the first one owns it`,
        path: [],
      };
      diagnostics.push(source ? { ...d, source } : d);
    } else ipOwners.set(ip, owner);
  };
  for (const n of nodes) for (const ip of n.ips) claim(ip, { kind: 'node', name: n.name }, n.source);
  for (const p of pods)
    if (!p.hostNetwork) for (const ip of p.ips) claim(ip, { kind: 'pod', key: p.key }, p.source);
  return {
    namespaces,
    pods,
    nodes,
    policies,
    adminPolicies: [],
    tests: [],
    options: { ...DEFAULT_ENGINE_OPTIONS, ...options },
    namespaceByName: new Map(namespaces.map((n) => [n.name, n])),
    podByKey: new Map(pods.map((p) => [p.key, p])),
    nodeByName: new Map(nodes.map((n) => [n.name, n])),
    ipOwners,
  };
}
