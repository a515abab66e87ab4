import { ValidationCode as V, type DiagnosticSink, type FieldPath } from '../model/diagnostics';
import type { Cidr } from '../model/policy';
import type { NormalizedPeer, NormalizedPort, NormalizedRule } from '../model/normalized';
import type { Protocol } from '../model/resources';
import { cidrContainsCidr, parseCidr } from '../selectors/cidr';
import { describeType, isInteger, isRecord, quote } from './fields';
import { normalizeSelector } from './normalizeSelector';
import { checkPortName, checkPortNumber } from './validateNames';
import { warnUnknownFields } from './warnUnknownFields';

const PROTOCOL_VALUES: readonly string[] = ['TCP', 'UDP', 'SCTP'];

/**
 * Validates and defaults one `NetworkPolicyIngressRule` / `NetworkPolicyEgressRule`
 * (`peersKey` is `from` or `to`). Missing and empty peer/port lists are kept apart in the
 * result but mean the same thing: every peer, every port.
 */
export function normalizeRule(
  raw: unknown,
  path: FieldPath,
  peersKey: 'from' | 'to',
  sink: DiagnosticSink,
): NormalizedRule | undefined {
  if (raw === null) return {};
  if (!isRecord(raw)) {
    sink.error(V.type, path, `must be a mapping with ${peersKey} and ports, not ${describeType(raw)}`);
    return undefined;
  }
  warnUnknownFields(raw, [peersKey, 'ports'], path, sink);
  const rule: { peers?: NormalizedPeer[]; ports?: NormalizedPort[] } = {};
  const peers = raw[peersKey];
  if (peers !== undefined && peers !== null) {
    if (!Array.isArray(peers))
      sink.error(V.type, [...path, peersKey], `must be a list of peers, not ${describeType(peers)}`);
    else rule.peers = collect(peers, (p, i) => normalizePeer(p, [...path, peersKey, i], sink));
  }
  const ports = raw['ports'];
  if (ports !== undefined && ports !== null) {
    if (!Array.isArray(ports))
      sink.error(V.type, [...path, 'ports'], `must be a list of ports, not ${describeType(ports)}`);
    else rule.ports = collect(ports, (p, i) => normalizePort(p, [...path, 'ports', i], sink));
  }
  return rule;
}

function collect<T>(items: readonly unknown[], f: (item: unknown, i: number) => T | undefined): T[] {
  const out: T[] = [];
  items.forEach((item, i) => {
    const v = f(item, i);
    if (v !== undefined) out.push(v);
  });
  return out;
}

/**
 * Validates a `NetworkPolicyPeer`: at least one of podSelector / namespaceSelector / ipBlock,
 * and an ipBlock alone (`ValidateNetworkPolicyPeer`).
 */
export function normalizePeer(
  raw: unknown,
  path: FieldPath,
  sink: DiagnosticSink,
): NormalizedPeer | undefined {
  if (!isRecord(raw)) {
    sink.error(
      V.type,
      path,
      `must be a mapping (podSelector, namespaceSelector or ipBlock), not ${describeType(raw)}`,
    );
    return undefined;
  }
  warnUnknownFields(raw, ['podSelector', 'namespaceSelector', 'ipBlock'], path, sink);
  const present = (k: string): boolean => raw[k] !== undefined && raw[k] !== null;
  const count = ['podSelector', 'namespaceSelector', 'ipBlock'].filter(present).length;
  if (count === 0) {
    sink.error(V.required, path, 'must specify a peer: podSelector, namespaceSelector or ipBlock');
    return undefined;
  }
  if (present('ipBlock') && count > 1) {
    sink.error(V.invalid, path, 'may not specify more than 1 peer when ipBlock is specified');
    return undefined;
  }
  if (present('ipBlock')) {
    const ipBlock = normalizeIpBlock(raw['ipBlock'], [...path, 'ipBlock'], sink);
    return ipBlock ? { ipBlock } : undefined;
  }
  const peer: {
    podSelector?: NormalizedPeer['podSelector'];
    namespaceSelector?: NormalizedPeer['namespaceSelector'];
  } = {};
  let ok = true;
  for (const k of ['podSelector', 'namespaceSelector'] as const) {
    if (!present(k)) continue;
    const s = normalizeSelector(raw[k], [...path, k], sink);
    if (s) peer[k] = s;
    else ok = false;
  }
  return ok ? peer : undefined;
}

/** Validates an `IPBlock`: `cidr` a CIDR (host bits masked), each `except` a strict subset of it. */
export function normalizeIpBlock(
  raw: unknown,
  path: FieldPath,
  sink: DiagnosticSink,
): { cidr: Cidr; except: Cidr[] } | undefined {
  if (!isRecord(raw)) {
    sink.error(V.type, path, `must be a mapping with cidr and except, not ${describeType(raw)}`);
    return undefined;
  }
  warnUnknownFields(raw, ['cidr', 'except'], path, sink);
  const cidrText = raw['cidr'];
  if (typeof cidrText !== 'string' || cidrText === '') {
    sink.error(V.required, [...path, 'cidr'], 'cidr is required (e.g. 10.0.0.0/8)');
    return undefined;
  }
  const cidr = parseCidrField(cidrText, [...path, 'cidr'], sink);
  if (!cidr) return undefined;
  const exceptRaw = raw['except'] ?? [];
  if (!Array.isArray(exceptRaw)) {
    sink.error(V.type, [...path, 'except'], `must be a list of CIDRs, not ${describeType(exceptRaw)}`);
    return undefined;
  }
  const except: Cidr[] = [];
  let ok = true;
  exceptRaw.forEach((e, i) => {
    const p = [...path, 'except', i];
    if (typeof e !== 'string') {
      sink.error(V.type, p, `must be a CIDR string, not ${describeType(e)}`);
      ok = false;
      return;
    }
    const c = parseCidrField(e, p, sink);
    if (!c) ok = false;
    else if (!cidrContainsCidr(cidr, c) || c.prefix <= cidr.prefix) {
      sink.error(V.invalid, p, `${quote(e)} must be a strict subset of \`cidr\` ${cidr.text}`);
      ok = false;
    } else except.push(c);
  });
  return ok ? { cidr, except } : undefined;
}

/** Parses a `cidr`/`except` value as written: like `ParseCIDRSloppy`, surrounding spaces are invalid. */
function parseCidrField(text: string, path: FieldPath, sink: DiagnosticSink): Cidr | undefined {
  const r = parseCidr(text);
  if (!r.ok) {
    sink.error(V.invalid, path, `${quote(text)} ${r.error}`);
    return undefined;
  }
  if (r.hostBitsSet) {
    sink.warning(V.defaulted, path, `${quote(text)} has host bits set; it means the network ${r.cidr.text}`);
  }
  return r.cidr;
}

/**
 * Validates and defaults a `NetworkPolicyPort` (`ValidateNetworkPolicyPort`): protocol
 * TCP/UDP/SCTP (default TCP); port a number 1-65535 or an IANA port name; `endPort` only with a
 * numeric `port`, 1-65535 and >= `port`. A `null` entry decodes (as in the API server) to an
 * empty port: every TCP port.
 */
export function normalizePort(
  raw: unknown,
  path: FieldPath,
  sink: DiagnosticSink,
): NormalizedPort | undefined {
  if (raw === null) return { protocol: 'TCP' };
  if (!isRecord(raw)) {
    sink.error(V.type, path, `must be a mapping with port, protocol and endPort, not ${describeType(raw)}`);
    return undefined;
  }
  warnUnknownFields(raw, ['port', 'protocol', 'endPort'], path, sink);
  const mark = sink.diagnostics.length;
  const { protocol = null, port = null, endPort = null } = raw;
  let proto: Protocol = 'TCP';
  if (protocol !== null) {
    if (typeof protocol === 'string' && PROTOCOL_VALUES.includes(protocol)) proto = protocol as Protocol;
    else
      sink.error(
        V.notSupported,
        [...path, 'protocol'],
        `unsupported protocol ${quote(protocol)}: supported values are "TCP", "UDP", "SCTP"`,
      );
  }
  if (port !== null && !isInteger(port) && typeof port !== 'string') {
    sink.error(V.type, [...path, 'port'], `must be a port number or name, not ${describeType(port)}`);
  } else if (isInteger(port)) {
    for (const e of checkPortNumber(port)) sink.error(V.invalid, [...path, 'port'], `${port}: ${e}`);
  } else if (typeof port === 'string') {
    for (const e of checkPortName(port))
      sink.error(V.invalid, [...path, 'port'], `port name ${quote(port)}: ${e}`);
  }
  if (endPort !== null) {
    const p = [...path, 'endPort'];
    if (!isInteger(endPort)) sink.error(V.type, p, `must be a port number, not ${describeType(endPort)}`);
    else if (port === null) sink.error(V.invalid, p, 'may not be specified when `port` is not specified');
    else if (!isInteger(port)) sink.error(V.invalid, p, 'may not be specified when `port` is non-numeric');
    else {
      if (endPort < port)
        sink.error(V.invalid, p, `${endPort}: must be greater than or equal to \`port\` (${port})`);
      for (const e of checkPortNumber(endPort)) sink.error(V.invalid, p, `${endPort}: ${e}`);
    }
  }
  if (sink.hasErrorsSince(mark)) return undefined;
  const out: { protocol: Protocol; port?: number | string; endPort?: number } = { protocol: proto };
  if (port !== null) out.port = port as number | string;
  if (endPort !== null) out.endPort = endPort as number;
  return out;
}
