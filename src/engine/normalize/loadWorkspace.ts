import { ValidationCode as V, type Diagnostic } from '../model/diagnostics';
import type { PodKey } from '../model/ids';
import type { CompiledPolicy } from '../model/policy';
import type { NamespaceInfo, NodeInfo, ObjectOrigin, PodInfo, PodKind } from '../model/resources';
import { DEFAULT_ENGINE_OPTIONS, type EngineOptions, type IpOwner, type Workspace } from '../model/workspace';
import { compilePolicy } from '../compile/compilePolicy';
import { describeType, isRecord, stringField, recordField } from './fields';
import { implicitNamespace, normalizeNamespace, normalizeNode } from './normalizeClusterObjects';
import { normalizePolicy } from './normalizePolicy';
import { normalizeWorkload, WORKLOAD_KINDS } from './normalizeWorkload';
import { toManifestObjects, unwrapLists } from './unwrapLists';
import { CONNECTIVITY_TEST_KIND, type ConnectivityTest } from '../expectations/model';
import { normalizeConnectivityTest } from '../expectations/normalizeConnectivityTest';

const LATER_TIER_KINDS = ['AdminNetworkPolicy', 'BaselineAdminNetworkPolicy', 'ClusterNetworkPolicy'];

/**
 * Builds a workspace from manifest objects (bare or {@link ManifestObject}s; `*List` wrappers
 * are unwrapped). Namespaces referenced but not declared are created; hostNetwork pods take
 * their node's InternalIPs; invalid NetworkPolicies are reported and left out; unknown kinds
 * are reported as info and ignored; `ConnectivityTest` documents (our policy tests) are kept in
 * `workspace.tests`; the first of two objects with the same identity wins.
 * Never throws.
 */
export function loadWorkspace(
  objects: readonly unknown[],
  options?: Partial<EngineOptions>,
): { workspace: Workspace; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const namespaces = new Map<string, NamespaceInfo>();
  const nodes = new Map<string, NodeInfo>();
  const pods = new Map<PodKey, PodInfo>();
  const policies = new Map<string, CompiledPolicy>();
  const tests = new Map<string, ConnectivityTest>();
  const referenced: string[] = [];
  const duplicate = (origin: ObjectOrigin, what: string): void => {
    diagnostics.push({
      severity: 'warning',
      code: V.duplicate,
      message: `duplicate ${what}: only the first definition is used`,
      path: ['metadata', 'name'],
      source: origin,
    });
  };

  for (const m of unwrapLists(toManifestObjects(objects))) {
    const obj = m.object;
    if (obj === null || obj === undefined) continue;
    if (!isRecord(obj)) {
      diagnostics.push({
        severity: 'error',
        code: V.type,
        message: `a manifest must be a mapping with apiVersion and kind, not ${describeType(obj)}`,
        path: [],
        source: m.source,
      });
      continue;
    }
    const kind = stringField(obj, 'kind');
    const meta = recordField(obj, 'metadata');
    const name = stringField(meta, 'name');
    const namespace = stringField(meta, 'namespace');
    const origin: ObjectOrigin = {
      ...m.source,
      ...(kind === undefined ? {} : { kind }),
      ...(namespace === undefined ? {} : { namespace }),
      ...(name === undefined ? {} : { name }),
    };
    if (kind === undefined) {
      diagnostics.push({
        severity: 'error',
        code: V.required,
        message: 'kind is required (e.g. NetworkPolicy, Pod, Namespace)',
        path: ['kind'],
        source: origin,
      });
      continue;
    }
    if (kind === 'Namespace') {
      const r = normalizeNamespace(obj, origin);
      diagnostics.push(...r.diagnostics);
      if (r.value && namespaces.has(r.value.name)) duplicate(origin, `Namespace ${r.value.name}`);
      else if (r.value) namespaces.set(r.value.name, r.value);
    } else if (kind === 'Node') {
      const r = normalizeNode(obj, origin);
      diagnostics.push(...r.diagnostics);
      if (r.value && nodes.has(r.value.name)) duplicate(origin, `Node ${r.value.name}`);
      else if (r.value) nodes.set(r.value.name, r.value);
    } else if (kind === 'Pod' || (WORKLOAD_KINDS as readonly string[]).includes(kind)) {
      const r = normalizeWorkload(obj, kind as PodKind, origin);
      diagnostics.push(...r.diagnostics);
      if (r.value && pods.has(r.value.key)) duplicate(origin, `pod or workload ${r.value.key}`);
      else if (r.value) {
        pods.set(r.value.key, r.value);
        referenced.push(r.value.namespace);
      }
    } else if (kind === 'NetworkPolicy') {
      const r = normalizePolicy(obj, origin);
      diagnostics.push(...r.diagnostics);
      if (r.value) {
        const compiled = compilePolicy(r.value);
        if (policies.has(compiled.key)) duplicate(origin, `NetworkPolicy ${compiled.key}`);
        else policies.set(compiled.key, compiled);
        referenced.push(compiled.namespace);
      }
    } else if (kind === CONNECTIVITY_TEST_KIND) {
      const r = normalizeConnectivityTest(obj, origin);
      diagnostics.push(...r.diagnostics);
      if (tests.has(r.value.name)) duplicate(origin, `ConnectivityTest ${r.value.name}`);
      else tests.set(r.value.name, r.value);
    } else if (LATER_TIER_KINDS.includes(kind)) {
      diagnostics.push({
        severity: 'info',
        code: V.unknownKind,
        message: `${kind} (admin tiers) is not evaluated yet; ignored`,
        path: ['kind'],
        source: origin,
      });
    } else {
      diagnostics.push({
        severity: 'info',
        code: V.unknownKind,
        message: `kind ${kind} does not affect NetworkPolicy evaluation; ignored`,
        path: ['kind'],
        source: origin,
      });
    }
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
  return { workspace: { ...workspace, tests: [...tests.values()] }, diagnostics };
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
    tests: [],
    options: { ...DEFAULT_ENGINE_OPTIONS, ...options },
    namespaceByName: new Map(namespaces.map((n) => [n.name, n])),
    podByKey: new Map(pods.map((p) => [p.key, p])),
    nodeByName: new Map(nodes.map((n) => [n.name, n])),
    ipOwners,
  };
}
