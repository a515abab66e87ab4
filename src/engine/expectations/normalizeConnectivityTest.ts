import { ValidationCode as V, DiagnosticSink, type FieldPath, type Result } from '../model/diagnostics';
import { podKey } from '../model/ids';
import type { LabelSelector } from '../model/policy';
import { PROTOCOLS, type ObjectOrigin, type Protocol } from '../model/resources';
import type { PortQuery } from '../model/verdict';
import { describeType, isRecord, quote, type RawRecord } from '../normalize/fields';
import { normalizeSelector } from '../normalize/normalizeSelector';
import { checkDns1123Label, checkDns1123Subdomain, checkPortName } from '../normalize/validateNames';
import { warnUnknownFields } from '../normalize/warnUnknownFields';
import { canonicalIp } from '../selectors/cidr';
import {
  CONNECTIVITY_TEST_API_VERSION,
  type ConnectivityTest,
  type Expectation,
  type ExpectationSide,
} from './model';

const EXPECTATION_FIELDS = ['description', 'from', 'to', 'port', 'expect'];
const SIDE_FIELDS = ['pod', 'namespace', 'namespaceSelector', 'podSelector', 'ip'];

/**
 * Reads a `ConnectivityTest` document (kind of our own, `apiVersion: netpolcanvas.io/v1alpha1`):
 * `metadata.name` and `spec.expectations`, a list of `{description?, from, to, port?, expect}`.
 * Invalid expectations are reported (with field paths) and left out; the others are kept.
 * Never throws.
 */
export function normalizeConnectivityTest(obj: RawRecord, origin: ObjectOrigin): Result<ConnectivityTest> {
  const sink = new DiagnosticSink(origin);
  const apiVersion = obj['apiVersion'];
  if (apiVersion !== CONNECTIVITY_TEST_API_VERSION) {
    sink.warning(
      V.invalid,
      ['apiVersion'],
      `expected apiVersion ${CONNECTIVITY_TEST_API_VERSION} for a ConnectivityTest, not ${quote(apiVersion)}`,
    );
  }
  const meta = obj['metadata'];
  let name = isRecord(meta) && typeof meta['name'] === 'string' ? meta['name'] : '';
  if (name === '') {
    name = `connectivity-test-${origin.documentIndex + 1}`;
    sink.warning(V.required, ['metadata', 'name'], `a name is required; using ${quote(name)}`);
  }
  const expectations: Expectation[] = [];
  const spec = obj['spec'];
  if (!isRecord(spec)) {
    sink.error(V.required, ['spec'], 'spec with a list of expectations is required');
    return { value: { name, expectations, source: origin }, diagnostics: sink.diagnostics };
  }
  warnUnknownFields(spec, ['expectations'], ['spec'], sink);
  const list = spec['expectations'];
  if (!Array.isArray(list)) {
    sink.error(
      list === undefined || list === null ? V.required : V.type,
      ['spec', 'expectations'],
      `must be a list of expectations ({from, to, port, expect}), not ${describeType(list)}`,
    );
  } else {
    list.forEach((raw, i) => {
      const e = normalizeExpectation(raw, ['spec', 'expectations', i], i, sink);
      if (e) expectations.push(e);
    });
  }
  return { value: { name, expectations, source: origin }, diagnostics: sink.diagnostics };
}

/** Reads one expectation; undefined (with diagnostics) when invalid. */
export function normalizeExpectation(
  raw: unknown,
  path: FieldPath,
  index: number,
  sink: DiagnosticSink,
): Expectation | undefined {
  if (!isRecord(raw)) {
    sink.error(
      V.type,
      path,
      `an expectation must be a mapping {from, to, port, expect}, not ${describeType(raw)}`,
    );
    return undefined;
  }
  const mark = sink.diagnostics.length;
  warnUnknownFields(raw, EXPECTATION_FIELDS, path, sink);
  const description = raw['description'];
  if (description !== undefined && typeof description !== 'string')
    sink.error(V.type, [...path, 'description'], `must be a string, not ${describeType(description)}`);
  const from = normalizeSide(raw['from'], [...path, 'from'], sink);
  const to = normalizeSide(raw['to'], [...path, 'to'], sink);
  const port = normalizePort(raw['port'], [...path, 'port'], sink);
  const expect = raw['expect'];
  if (expect !== 'allowed' && expect !== 'blocked') {
    sink.error(
      expect === undefined ? V.required : V.notSupported,
      [...path, 'expect'],
      `expect must be "allowed" or "blocked"${expect === undefined ? '' : `, not ${quote(expect)}`}`,
    );
  }
  if (sink.hasErrorsSince(mark) || !from || !to || port === undefined) return undefined;
  return {
    ...(typeof description === 'string' && description !== '' ? { description } : {}),
    from,
    to,
    port,
    expect: expect as 'allowed' | 'blocked',
    index,
  };
}

/**
 * Reads a side: `NS/NAME` (a pod or workload), an IP address string, or a mapping with `pod`,
 * `ip`, or any of `namespace`, `namespaceSelector`, `podSelector`.
 */
export function normalizeSide(
  raw: unknown,
  path: FieldPath,
  sink: DiagnosticSink,
): ExpectationSide | undefined {
  if (raw === undefined || raw === null) {
    sink.error(
      V.required,
      path,
      'required: NAMESPACE/NAME, {namespace: ...}, {podSelector: ...} or {ip: ...}',
    );
    return undefined;
  }
  if (typeof raw === 'string') return sideFromText(raw, path, sink);
  if (!isRecord(raw)) {
    sink.error(V.type, path, `must be NAMESPACE/NAME, an IP address or a mapping, not ${describeType(raw)}`);
    return undefined;
  }
  warnUnknownFields(raw, SIDE_FIELDS, path, sink);
  const has = (k: string): boolean => raw[k] !== undefined;
  if (has('ip')) {
    if (SIDE_FIELDS.some((k) => k !== 'ip' && has(k)))
      sink.error(V.invalid, path, 'ip cannot be combined with pod, namespace or selectors');
    const ip = typeof raw['ip'] === 'string' ? canonicalIp(raw['ip']) : undefined;
    if (ip === undefined) {
      sink.error(V.invalid, [...path, 'ip'], `must be an IPv4 or IPv6 address, not ${quote(raw['ip'])}`);
      return undefined;
    }
    return { kind: 'ip', ip };
  }
  if (has('pod')) {
    if (has('namespaceSelector') || has('podSelector'))
      sink.error(V.invalid, path, 'pod cannot be combined with selectors');
    const pod = raw['pod'];
    const ns = raw['namespace'];
    if (typeof pod !== 'string') {
      sink.error(V.type, [...path, 'pod'], `must be NAMESPACE/NAME or NAME, not ${describeType(pod)}`);
      return undefined;
    }
    if (typeof ns === 'string' && !pod.includes('/')) return podSide(`${ns}/${pod}`, [...path, 'pod'], sink);
    return podSide(pod, [...path, 'pod'], sink);
  }
  const mark = sink.diagnostics.length;
  const side: {
    kind: 'pods';
    namespace?: string;
    namespaceSelector?: LabelSelector;
    podSelector?: LabelSelector;
  } = { kind: 'pods' };
  if (has('namespace')) {
    const ns = raw['namespace'];
    if (typeof ns !== 'string')
      sink.error(V.type, [...path, 'namespace'], `must be a string, not ${describeType(ns)}`);
    else {
      for (const e of checkDns1123Label(ns))
        sink.error(V.invalid, [...path, 'namespace'], `${quote(ns)}: ${e}`);
      side.namespace = ns;
    }
    if (has('namespaceSelector'))
      sink.error(V.invalid, path, 'give namespace or namespaceSelector, not both');
  }
  for (const key of ['namespaceSelector', 'podSelector'] as const) {
    if (!has(key)) continue;
    const sel = normalizeSelector(raw[key], [...path, key], sink);
    if (sel) side[key] = sel;
  }
  if (!has('namespace') && !has('namespaceSelector') && !has('podSelector')) {
    sink.error(
      V.required,
      path,
      'name a pod, namespace, namespaceSelector, podSelector or ip (namespaceSelector: {} selects every pod)',
    );
  }
  return sink.hasErrorsSince(mark) ? undefined : side;
}

function sideFromText(text: string, path: FieldPath, sink: DiagnosticSink): ExpectationSide | undefined {
  const ip = canonicalIp(text.trim());
  if (ip !== undefined) return { kind: 'ip', ip };
  return podSide(text.trim(), path, sink);
}

function podSide(text: string, path: FieldPath, sink: DiagnosticSink): ExpectationSide | undefined {
  const parts = text.split('/');
  const [ns = '', name = ''] = parts;
  if (parts.length !== 2 || ns === '' || name === '') {
    sink.error(
      V.invalid,
      path,
      `${quote(text)}: expected NAMESPACE/NAME of a pod or workload, an IP address, or a mapping`,
    );
    return undefined;
  }
  const errs = [...checkDns1123Label(ns), ...checkDns1123Subdomain(name)];
  for (const e of errs) sink.error(V.invalid, path, `${quote(text)}: ${e}`);
  return errs.length > 0 ? undefined : { kind: 'pod', key: podKey(ns, name) };
}

/**
 * Reads a port: omitted, `any` -> some port; a number (TCP); `NUMBER/PROTO`; `NAME/PROTO`
 * (a named container port of the destination). Protocol defaults to TCP.
 */
export function normalizePort(raw: unknown, path: FieldPath, sink: DiagnosticSink): PortQuery | undefined {
  if (raw === undefined || raw === null) return 'any';
  if (typeof raw === 'number') {
    if (Number.isInteger(raw) && raw >= 1 && raw <= 65535) return { port: raw, protocol: 'TCP' };
    sink.error(V.invalid, path, `port must be 1-65535, not ${raw}`);
    return undefined;
  }
  if (typeof raw !== 'string') {
    sink.error(
      V.type,
      path,
      `must be PORT/PROTOCOL (80/TCP, http/TCP, 53/UDP) or any, not ${describeType(raw)}`,
    );
    return undefined;
  }
  if (raw.trim().toLowerCase() === 'any') return 'any';
  const [portText = '', protoText = 'TCP', extra] = raw.trim().split('/');
  const protocol = protoText.toUpperCase() as Protocol;
  if (extra !== undefined || !PROTOCOLS.includes(protocol)) {
    sink.error(V.invalid, path, `${quote(raw)}: expected PORT/TCP, PORT/UDP, PORT/SCTP or any`);
    return undefined;
  }
  if (/^\d+$/.test(portText)) {
    const port = Number(portText);
    if (port >= 1 && port <= 65535) return { port, protocol };
    sink.error(V.invalid, path, `${quote(raw)}: port must be 1-65535`);
    return undefined;
  }
  const errs = checkPortName(portText);
  for (const e of errs) sink.error(V.invalid, path, `${quote(raw)}: port name ${e}`);
  return errs.length > 0 ? undefined : { port: portText, protocol };
}
