import { ValidationCode as V, type DiagnosticSink, type FieldPath } from '../model/diagnostics';
import type { IndexedPort, PortMatcher } from '../model/policy';
import { PROTOCOLS, type Protocol } from '../model/resources';
import { describeType, isInteger, isRecord, quote, type RawRecord } from './fields';
import { checkPortName, checkPortNumber } from './validateNames';
import { warnUnknownFields } from './warnUnknownFields';

/**
 * Port entries of a rule: v1alpha1 `ports` (`portNumber`, `portRange`, `namedPort`), v1alpha2
 * `protocols` (`tcp`/`udp`/`sctp` with `destinationPort` `number` or `range`,
 * `destinationNamedPort`). Missing = `'all'`; undefined when invalid.
 */
export function normalizeAdminPorts(
  raw: unknown,
  path: FieldPath,
  version: 'v1alpha1' | 'v1alpha2',
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
      version === 'v1alpha1' ? portOfV1alpha1(entry, at, sink) : protocolOfV1alpha2(entry, at, sink);
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
