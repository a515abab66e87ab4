import { ValidationCode as V, type DiagnosticSink, type FieldPath } from '../model/diagnostics';
import type { AdminAction, AdminPeer, AdminPeerMatcher, AdminRule } from '../model/adminPolicy';
import type { Cidr, IndexedPort, LabelSelector, PortMatcher } from '../model/policy';
import { PROTOCOLS, type Protocol } from '../model/resources';
import { parseCidr } from '../selectors/cidr';
import { describeType, isInteger, isRecord, quote, type RawRecord } from './fields';
import { normalizeSelector } from './normalizeSelector';
import { checkPortName, checkPortNumber } from './validateNames';
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
  const ports = normalizeAdminPorts(raw[portsKey], [...path, portsKey], dialect, sink);
  if (
    dialect.version === 'v1alpha2' &&
    ports !== undefined &&
    ports !== 'all' &&
    ports.some((p) => p.matcher.kind === 'named') &&
    peers?.some((p) => p.shape === 'networks' || p.shape === 'nodes' || p.shape === 'domainNames')
  ) {
    sink.error(
      V.invalid,
      [...path, portsKey],
      'networks/nodes/domainNames peers cannot be set with named ports',
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

/**
 * Port entries of a rule: v1alpha1 `ports` (`portNumber`, `portRange`, `namedPort`), v1alpha2
 * `protocols` (`tcp`/`udp`/`sctp` with `destinationPort` `number` or `range`,
 * `destinationNamedPort`). Missing = `'all'`; undefined when invalid.
 */
export function normalizeAdminPorts(
  raw: unknown,
  path: FieldPath,
  dialect: AdminRuleDialect,
  sink: DiagnosticSink,
): 'all' | IndexedPort[] | undefined {
  if (raw === undefined || raw === null) return 'all';
  if (!Array.isArray(raw)) {
    sink.error(V.type, path, `must be a list, not ${describeType(raw)}`);
    return undefined;
  }
  if (raw.length === 0) {
    sink.error(V.required, path, 'must list at least one entry when present');
    return undefined;
  }
  const out: IndexedPort[] = [];
  let ok = true;
  raw.forEach((entry, index) => {
    const at = [...path, index];
    const matchers =
      dialect.version === 'v1alpha1' ? portOfV1alpha1(entry, at, sink) : protocolOfV1alpha2(entry, at, sink);
    if (matchers) out.push(...matchers.map((matcher) => ({ index, matcher })));
    else ok = false;
  });
  return ok ? out : undefined;
}

const onlyOne = (
  raw: RawRecord,
  fields: readonly string[],
  path: FieldPath,
  sink: DiagnosticSink,
): string | undefined => {
  warnUnknownFields(raw, fields, path, sink);
  const present = fields.filter((k) => raw[k] !== undefined && raw[k] !== null);
  if (present.length === 1) return present[0];
  sink.error(
    present.length === 0 ? V.required : V.invalid,
    path,
    `must specify exactly one of ${fields.join(', ')}`,
  );
  return undefined;
};

function portOfV1alpha1(raw: unknown, path: FieldPath, sink: DiagnosticSink): PortMatcher[] | undefined {
  if (!isRecord(raw)) {
    sink.error(
      V.type,
      path,
      `must be a mapping (portNumber, portRange or namedPort), not ${describeType(raw)}`,
    );
    return undefined;
  }
  const field = onlyOne(raw, ['portNumber', 'portRange', 'namedPort'], path, sink);
  if (field === undefined) return undefined;
  const at = [...path, field];
  const value = raw[field];
  if (field === 'namedPort') return namedPorts(value, at, sink);
  if (!isRecord(value)) {
    sink.error(V.type, at, `must be a mapping, not ${describeType(value)}`);
    return undefined;
  }
  const mark = sink.diagnostics.length;
  warnUnknownFields(
    value,
    field === 'portNumber' ? ['protocol', 'port'] : ['protocol', 'start', 'end'],
    at,
    sink,
  );
  const protocol = protocolField(value['protocol'], [...at, 'protocol'], sink);
  if (field === 'portNumber') {
    const port = portNumber(value['port'], [...at, 'port'], sink);
    return sink.hasErrorsSince(mark) || port === undefined || !protocol
      ? undefined
      : [{ kind: 'number', protocol, port }];
  }
  const range = portRange(value, at, sink);
  return sink.hasErrorsSince(mark) || !range || !protocol
    ? undefined
    : [{ kind: 'range', protocol, ...range }];
}

function protocolOfV1alpha2(raw: unknown, path: FieldPath, sink: DiagnosticSink): PortMatcher[] | undefined {
  if (!isRecord(raw)) {
    sink.error(
      V.type,
      path,
      `must be a mapping (tcp, udp, sctp or destinationNamedPort), not ${describeType(raw)}`,
    );
    return undefined;
  }
  const field = onlyOne(raw, ['tcp', 'udp', 'sctp', 'destinationNamedPort'], path, sink);
  if (field === undefined) return undefined;
  const at = [...path, field];
  const value = raw[field];
  if (field === 'destinationNamedPort') return namedPorts(value, at, sink);
  const protocol = field.toUpperCase() as Protocol;
  if (!isRecord(value)) {
    sink.error(V.type, at, `must be a mapping with destinationPort, not ${describeType(value)}`);
    return undefined;
  }
  warnUnknownFields(value, ['destinationPort'], at, sink);
  const dest = value['destinationPort'];
  if (dest === undefined || dest === null) {
    sink.warning(V.defaulted, at, `no destinationPort: every ${protocol} port`);
    return [{ kind: 'protocol', protocol }];
  }
  const dp = [...at, 'destinationPort'];
  if (!isRecord(dest)) {
    sink.error(V.type, dp, `must be a mapping with number or range, not ${describeType(dest)}`);
    return undefined;
  }
  const which = onlyOne(dest, ['number', 'range'], dp, sink);
  if (which === 'number') {
    const port = portNumber(dest['number'], [...dp, 'number'], sink);
    return port === undefined ? undefined : [{ kind: 'number', protocol, port }];
  }
  if (which === 'range') {
    const r = dest['range'];
    if (!isRecord(r)) {
      sink.error(V.type, [...dp, 'range'], `must be a mapping with start and end, not ${describeType(r)}`);
      return undefined;
    }
    warnUnknownFields(r, ['start', 'end'], [...dp, 'range'], sink);
    const range = portRange(r, [...dp, 'range'], sink);
    return range && [{ kind: 'range', protocol, ...range }];
  }
  return undefined;
}

function namedPorts(value: unknown, path: FieldPath, sink: DiagnosticSink): PortMatcher[] | undefined {
  if (typeof value !== 'string' || value === '') {
    sink.error(V.type, path, 'must be a container port name');
    return undefined;
  }
  const errors = checkPortName(value);
  for (const e of errors) sink.error(V.invalid, path, `port name ${quote(value)}: ${e}`);
  // The name resolves on the destination pod with that container port's protocol, whichever it is.
  return errors.length > 0
    ? undefined
    : PROTOCOLS.map((protocol) => ({ kind: 'named', protocol, name: value }));
}

function protocolField(raw: unknown, path: FieldPath, sink: DiagnosticSink): Protocol | undefined {
  if (raw === undefined || raw === null) return 'TCP';
  if (typeof raw === 'string' && (PROTOCOLS as readonly string[]).includes(raw)) return raw as Protocol;
  sink.error(
    V.notSupported,
    path,
    `unsupported protocol ${quote(raw)}: supported values are "TCP", "UDP", "SCTP"`,
  );
  return undefined;
}

function portNumber(raw: unknown, path: FieldPath, sink: DiagnosticSink): number | undefined {
  if (raw === undefined || raw === null) {
    sink.error(V.required, path, 'a port number is required');
    return undefined;
  }
  if (!isInteger(raw)) {
    sink.error(V.type, path, `must be a port number, not ${describeType(raw)}`);
    return undefined;
  }
  const errors = checkPortNumber(raw);
  for (const e of errors) sink.error(V.invalid, path, `${raw}: ${e}`);
  return errors.length > 0 ? undefined : raw;
}

function portRange(
  raw: RawRecord,
  path: FieldPath,
  sink: DiagnosticSink,
): { port: number; endPort: number } | undefined {
  const start = portNumber(raw['start'], [...path, 'start'], sink);
  const end = portNumber(raw['end'], [...path, 'end'], sink);
  if (start === undefined || end === undefined) return undefined;
  if (start >= end) {
    sink.error(V.invalid, [...path, 'end'], `${end}: must be greater than start (${start})`);
    return undefined;
  }
  return { port: start, endPort: end };
}
