import { ValidationCode as V, type DiagnosticSink, type FieldPath } from '../model/diagnostics';
import type { AdminAction, AdminPeer, AdminPeerMatcher, AdminRule } from '../model/adminPolicy';
import type { Cidr, LabelSelector } from '../model/policy';
import { parseCidr } from '../selectors/cidr';
import { describeType, isRecord, quote } from './fields';
import { normalizeAdminPorts } from './normalizeAdminPorts';
import { normalizeSelector } from './normalizeSelector';
import { warnUnknownFields } from './warnUnknownFields';

/** What one API version allows in a rule (v1alpha1 ANP/BANP, v1alpha2 CNP). */
export type AdminRuleDialect = {
  readonly version: 'v1alpha1' | 'v1alpha2';
  readonly actions: readonly AdminAction[];
  readonly maxRules: number;
};

/**
 * Validates one admin rule (`AdminNetworkPolicyIngressRule`/`EgressRule`, their Baseline and
 * ClusterNetworkPolicy forms): `action` one of the dialect's; `from`/`to` a non-empty list of
 * peers; `ports` (v1alpha1) or `protocols` (v1alpha2) optional. Undefined when invalid.
 */
export function normalizeAdminRule(
  raw: unknown,
  index: number,
  path: FieldPath,
  direction: 'ingress' | 'egress',
  dialect: AdminRuleDialect,
  sink: DiagnosticSink,
): AdminRule | undefined {
  if (!isRecord(raw)) {
    sink.error(
      V.type,
      path,
      `must be a mapping with action and ${peersKeyOf(direction)}, not ${describeType(raw)}`,
    );
    return undefined;
  }
  const peersKey = peersKeyOf(direction);
  const portsKey = dialect.version === 'v1alpha1' ? 'ports' : 'protocols';
  warnUnknownFields(raw, ['name', 'action', peersKey, portsKey], path, sink);
  const mark = sink.diagnostics.length;
  const name = raw['name'];
  if (name !== undefined && typeof name !== 'string')
    sink.error(V.type, [...path, 'name'], 'must be a string');
  else if (typeof name === 'string' && name.length > 100)
    sink.error(V.invalid, [...path, 'name'], 'may not be more than 100 characters');
  const action = raw['action'];
  if (action === undefined)
    sink.error(V.required, [...path, 'action'], `action is required (${dialect.actions.join(', ')})`);
  else if (!dialect.actions.includes(action as AdminAction))
    sink.error(
      V.notSupported,
      [...path, 'action'],
      `unsupported action ${quote(action)}: supported values are ${dialect.actions.map((a) => `"${a}"`).join(', ')}`,
    );
  const peers = normalizePeers(raw[peersKey], [...path, peersKey], direction, dialect, sink);
  const ports = normalizeAdminPorts(raw[portsKey], [...path, portsKey], dialect.version, sink);
  if (
    ports !== undefined &&
    ports !== 'all' &&
    ports.some((p) => p.matcher.kind === 'named') &&
    peers?.some((p) => p.shape === 'networks' || p.shape === 'nodes' || p.shape === 'domainNames')
  ) {
    // The v1alpha2 CRD (and later v1alpha1 ones) reject this; v0.1.5 v1alpha1, which np-guard
    // reads, accepts it, and the named port simply never matches those peers.
    const message = 'networks/nodes/domainNames peers cannot be set with named ports';
    if (dialect.version === 'v1alpha2') sink.error(V.invalid, [...path, portsKey], message);
    else
      sink.warning(
        V.invalid,
        [...path, portsKey],
        `${message} in later API versions: a named port never matches those peers`,
      );
  }
  if (sink.hasErrorsSince(mark) || !peers || !ports) return undefined;
  const rule = { index, action: action as AdminAction, peers, ports };
  return typeof name === 'string' && name !== '' ? { ...rule, name } : rule;
}

function peersKeyOf(direction: 'ingress' | 'egress'): 'from' | 'to' {
  return direction === 'ingress' ? 'from' : 'to';
}

function normalizePeers(
  raw: unknown,
  path: FieldPath,
  direction: 'ingress' | 'egress',
  dialect: AdminRuleDialect,
  sink: DiagnosticSink,
): AdminPeer[] | undefined {
  if (raw === undefined || raw === null || (Array.isArray(raw) && raw.length === 0)) {
    sink.error(V.required, path, 'must list at least one peer');
    return undefined;
  }
  if (!Array.isArray(raw)) {
    sink.error(V.type, path, `must be a list of peers, not ${describeType(raw)}`);
    return undefined;
  }
  const fields =
    direction === 'ingress'
      ? ['namespaces', 'pods']
      : [
          'namespaces',
          'pods',
          'nodes',
          'networks',
          ...(dialect.version === 'v1alpha2' ? ['domainNames'] : []),
        ];
  const out: AdminPeer[] = [];
  let ok = true;
  raw.forEach((p, i) => {
    const peer = normalizePeer(p, i, [...path, i], fields, sink);
    if (peer) out.push(peer);
    else ok = false;
  });
  return ok ? out : undefined;
}

function normalizePeer(
  raw: unknown,
  index: number,
  path: FieldPath,
  fields: readonly string[],
  sink: DiagnosticSink,
): AdminPeer | undefined {
  if (!isRecord(raw)) {
    sink.error(V.type, path, `must be a mapping (${fields.join(', ')}), not ${describeType(raw)}`);
    return undefined;
  }
  warnUnknownFields(raw, fields, path, sink);
  const present = fields.filter((k) => raw[k] !== undefined && raw[k] !== null);
  if (present.length !== 1) {
    sink.error(
      present.length === 0 ? V.required : V.invalid,
      path,
      `must specify exactly one peer field: ${fields.join(', ')}`,
    );
    return undefined;
  }
  const shape = present[0] as AdminPeer['shape'];
  const value = raw[shape];
  const at = [...path, shape];
  let matcher: AdminPeerMatcher | undefined;
  if (shape === 'namespaces') {
    const s = normalizeSelector(value, at, sink);
    matcher = s && { kind: 'pods', namespaces: s, pods: { requirements: [] } };
  } else if (shape === 'pods') {
    const np = normalizeNamespacedPod(value, at, sink);
    matcher = np && { kind: 'pods', ...np };
  } else if (shape === 'nodes') {
    const s = normalizeSelector(value, at, sink);
    matcher = s && { kind: 'nodes', selector: s };
  } else if (shape === 'networks') {
    const cidrs = normalizeNetworks(value, at, sink);
    matcher = cidrs && { kind: 'networks', cidrs };
  } else {
    sink.warning(V.ignored, at, 'domainNames peers are not evaluated: this peer matches nothing here');
    matcher = { kind: 'none' };
  }
  return matcher && { index, matcher, shape };
}

/**
 * A `NamespacedPod` (`pods` subject or peer): `namespaceSelector` (missing = every namespace)
 * AND `podSelector` (required; `{}` = every pod).
 */
export function normalizeNamespacedPod(
  raw: unknown,
  path: FieldPath,
  sink: DiagnosticSink,
): { namespaces: LabelSelector; pods: LabelSelector } | undefined {
  if (!isRecord(raw)) {
    sink.error(
      V.type,
      path,
      `must be a mapping with namespaceSelector and podSelector, not ${describeType(raw)}`,
    );
    return undefined;
  }
  warnUnknownFields(raw, ['namespaceSelector', 'podSelector'], path, sink);
  // The CRD marks podSelector required, but it is a non-pointer struct: a missing one decodes
  // as {} (np-guard reads it so too).
  if (raw['podSelector'] === undefined)
    sink.warning(V.defaulted, [...path, 'podSelector'], 'podSelector is missing: treated as {} (every pod)');
  const namespaces = normalizeSelector(raw['namespaceSelector'], [...path, 'namespaceSelector'], sink);
  const pods = normalizeSelector(raw['podSelector'], [...path, 'podSelector'], sink);
  return namespaces && pods ? { namespaces, pods } : undefined;
}

function normalizeNetworks(raw: unknown, path: FieldPath, sink: DiagnosticSink): Cidr[] | undefined {
  if (!Array.isArray(raw) || raw.length === 0) {
    sink.error(Array.isArray(raw) ? V.required : V.type, path, 'must be a non-empty list of CIDRs');
    return undefined;
  }
  const out: Cidr[] = [];
  let ok = true;
  raw.forEach((c, i) => {
    const r = typeof c === 'string' ? parseCidr(c) : undefined;
    if (!r?.ok) {
      sink.error(V.invalid, [...path, i], `${quote(c)} is not a CIDR (e.g. 10.0.0.0/8)`);
      ok = false;
    } else {
      if (r.hostBitsSet)
        sink.warning(
          V.defaulted,
          [...path, i],
          `${quote(c)} has host bits set; it means the network ${r.cidr.text}`,
        );
      out.push(r.cidr);
    }
  });
  return ok ? out : undefined;
}
