import { canonicalIp, computeTruthTable, loadWorkspace, podKey } from '../engine';
import type { Diagnostic, Endpoint, PortQuery, Protocol } from '../engine';
import { readManifests } from '../yaml/readManifests';
import { CliError } from './io';

/** An expectation endpoint as the case format writes it: `"ns/pod"` or `{ "ip": "..." }`. */
export type CaseEndpoint = string | { ip: string };

/** One graded question of a case (extra fields are kept and ignored). */
export type CaseExpectation = {
  from: CaseEndpoint;
  to: CaseEndpoint;
  port: number | string;
  protocol: Protocol;
  allowed?: boolean;
};

/** One answer, `from`/`to` copied as given. */
export type CaseResult = {
  from: CaseEndpoint;
  to: CaseEndpoint;
  port: number | string;
  protocol: Protocol;
  allowed: boolean;
};

type CaseFile = {
  id: string;
  assumptions?: { ipBlockMatchesPodIPs?: boolean };
  namespaces: { name: string; labels?: Record<string, string> }[];
  pods: {
    namespace: string;
    name: string;
    labels?: Record<string, string>;
    ports?: { name?: string; port: number; protocol?: string }[];
    ip?: string;
  }[];
  nodes?: { name: string; labels?: Record<string, string>; ips?: string[] }[];
  policies: string;
  expectations: CaseExpectation[];
};

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function validateCase(raw: unknown, name: string): CaseFile {
  const bad = (why: string): never => {
    throw new CliError(`${name}: not a valid conformance case: ${why}`);
  };
  if (!isObj(raw)) return bad('expected a JSON object');
  if (typeof raw['id'] !== 'string') bad('"id" must be a string');
  for (const k of ['namespaces', 'pods', 'expectations'])
    if (!Array.isArray(raw[k])) bad(`"${k}" must be a list`);
  if (typeof (raw['policies'] ?? '') !== 'string') bad('"policies" must be a YAML string');
  if (raw['nodes'] !== undefined) {
    if (!Array.isArray(raw['nodes'])) bad('"nodes" must be a list');
    (raw['nodes'] as unknown[]).forEach((n, i) => {
      const ok =
        isObj(n) &&
        typeof n['name'] === 'string' &&
        (n['labels'] === undefined || isObj(n['labels'])) &&
        (n['ips'] === undefined ||
          (Array.isArray(n['ips']) && n['ips'].every((ip) => typeof ip === 'string')));
      if (!ok) bad(`nodes[${i}] needs a name, and optional labels (a mapping) and ips (a list of addresses)`);
    });
  }
  (raw['expectations'] as unknown[]).forEach((e, i) => {
    const ok =
      isObj(e) &&
      (typeof e['from'] === 'string' || (isObj(e['from']) && typeof e['from']['ip'] === 'string')) &&
      (typeof e['to'] === 'string' || (isObj(e['to']) && typeof e['to']['ip'] === 'string')) &&
      (typeof e['port'] === 'number' || typeof e['port'] === 'string') &&
      ['TCP', 'UDP', 'SCTP', undefined].includes(e['protocol'] as string | undefined);
    if (!ok) bad(`expectations[${i}] needs from, to (a "ns/pod" or {"ip"}), port and protocol TCP|UDP|SCTP`);
  });
  return raw as unknown as CaseFile;
}

function toEndpoint(e: CaseEndpoint): Endpoint {
  if (typeof e !== 'string') return { kind: 'ip', ip: e.ip };
  const slash = e.indexOf('/');
  return slash < 0
    ? { kind: 'pod', key: podKey('default', e) }
    : { kind: 'pod', key: podKey(e.slice(0, slash), e.slice(slash + 1)) };
}

/**
 * Evaluates one conformance case (format: shared/conformance/README.md): namespaces with their
 * labels, pods (labels, container ports, optional IP), nodes (labels, addresses: an `{ip}`
 * endpoint equal to one is that node) and the policies' YAML (NetworkPolicies and the admin
 * tiers) become a workspace
 * with `ipBlockMatchesPodIPs` from the case's assumptions; every expectation is answered.
 */
export function evaluateCase(
  text: string,
  name: string,
): { id: string; results: CaseResult[]; diagnostics: Diagnostic[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new CliError(`${name}: not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  const c = validateCase(raw, name);
  const objects: unknown[] = [
    ...c.namespaces.map((ns) => ({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: ns.name, labels: ns.labels ?? {} },
    })),
    ...c.pods.map((p) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: p.name, namespace: p.namespace, labels: p.labels ?? {} },
      spec: {
        containers: [
          {
            name: 'c',
            ports: (p.ports ?? []).map((port) => ({
              containerPort: port.port,
              protocol: port.protocol ?? 'TCP',
              ...(port.name ? { name: port.name } : {}),
            })),
          },
        ],
      },
      ...(p.ip ? { status: { podIP: p.ip } } : {}),
    })),
    ...(c.nodes ?? []).map((n) => ({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: n.name, labels: n.labels ?? {} },
      status: { addresses: (n.ips ?? []).map((address) => ({ type: 'InternalIP', address })) },
    })),
  ];
  const read = readManifests(c.policies ?? '', `${name}#policies`);
  const options =
    c.assumptions?.ipBlockMatchesPodIPs === undefined
      ? {}
      : { ipBlockMatchesPodIPs: c.assumptions.ipBlockMatchesPodIPs };
  const { workspace, diagnostics } = loadWorkspace([...objects, ...read.objects], options);
  // Every expectation is read from one truth table (the fast engine), over the pods and the
  // addresses the expectations name, with one column per distinct port question.
  const ports: PortQuery[] = [];
  const portIndex = new Map<string, number>();
  const questions = c.expectations.map((e) => {
    const port: PortQuery = { port: e.port, protocol: e.protocol ?? 'TCP' };
    const key = JSON.stringify(port);
    if (!portIndex.has(key)) portIndex.set(key, ports.push(port) - 1);
    return { e, port, k: portIndex.get(key)! };
  });
  const externals = c.expectations.flatMap((e) =>
    [e.from, e.to].flatMap((x) => (typeof x === 'string' ? [] : [x.ip])),
  );
  const table = computeTruthTable(workspace, { ports, externals });
  const rowOf = new Map(table.rows.map((r, i) => [r.key, i]));
  const row = (x: CaseEndpoint): number | undefined => {
    const endpoint = toEndpoint(x);
    return rowOf.get(endpoint.kind === 'pod' ? endpoint.key : (canonicalIp(endpoint.ip) ?? ''));
  };
  const results = questions.map(({ e, port, k }) => {
    const from = row(e.from);
    const to = row(e.to);
    const allowed = from !== undefined && to !== undefined && table.isAllowed(from, to, k);
    return { from: e.from, to: e.to, port: e.port, protocol: port.protocol, allowed };
  });
  return { id: c.id, results, diagnostics: [...read.diagnostics, ...diagnostics] };
}
