import { computeTruthTable } from '../evaluate/computeTruthTable';
import { evaluateConnection } from '../evaluate/evaluateConnection';
import { isSingleInstance } from '../evaluate/resolveEndpoint';
import type { Expectation } from '../expectations/model';
import { podKey } from '../model/ids';
import type { PodInfo } from '../model/resources';
import type { Endpoint, PortSpec } from '../model/verdict';
import type { Workspace } from '../model/workspace';
import type {
  ClassifiedFlow,
  FlowAnalysis,
  FlowDiagnostic,
  FlowEndpoint,
  HubbleFlow,
  ObservedConnection,
  UnobservedConnection,
} from './model';
import { MAX_UNOBSERVED } from './model';
import { parseHubbleFlows } from './parseHubbleFlows';

/**
 * The workspace endpoint a flow end stands for, tried in order: the pod or workload named
 * `namespace/pod_name`; a workload Hubble names (`workloads[].name`); a workload whose name is
 * the pod name's generated prefix (`web` for `web-7d9f8c-abcde`, the longest such); the pod of
 * that namespace whose labels the flow's labels include (the most specific, if unique); the pod
 * owning the IP. An end with no namespace (or `reserved:world`) is its address. Otherwise
 * undefined, with why.
 */
export function matchFlowEndpoint(ws: Workspace, e: FlowEndpoint): Endpoint | string {
  const ns = e.namespace;
  if (ns !== undefined) {
    const inNs = ws.pods.filter((p) => p.namespace === ns);
    if (e.podName !== undefined) {
      const exact = ws.podByKey.get(podKey(ns, e.podName));
      if (exact) return pod(exact);
    }
    const workloads = inNs.filter((p) => p.kind !== 'Pod');
    const named = workloads.find((p) => e.workloads.includes(p.name));
    if (named) return pod(named);
    const name = e.podName;
    if (name !== undefined) {
      const prefixed = workloads
        .filter((p) => name.startsWith(`${p.name}-`))
        .sort((a, b) => b.name.length - a.name.length)[0];
      if (prefixed) return pod(prefixed);
    }
    const byLabels = inNs.filter((p) => {
      const keys = Object.keys(p.labels);
      return keys.length > 0 && keys.every((k) => e.labels[k] === p.labels[k]);
    });
    const most = Math.max(0, ...byLabels.map((p) => Object.keys(p.labels).length));
    const best = byLabels.filter((p) => Object.keys(p.labels).length === most);
    if (best.length === 1) return pod(best[0]!);
  }
  if (e.ip !== undefined) {
    const owner = ws.ipOwners.get(e.ip);
    if (owner?.kind === 'pod') return { kind: 'pod', key: owner.key };
    if (ns === undefined || e.world) return { kind: 'ip', ip: e.ip };
  }
  const who =
    ns !== undefined
      ? `${ns}/${e.podName ?? '(no pod name)'}`
      : (e.ip ?? 'an endpoint without namespace or IP');
  return `${who}: no pod or workload of the workspace matches it`;
}

function pod(p: PodInfo): Endpoint {
  return { kind: 'pod', key: p.key };
}

const endpointText = (e: Endpoint): string => (e.kind === 'pod' ? e.key : e.ip);

/**
 * Matches flows to the workspace and deduplicates them into connections (same ends, port and
 * protocol), counting forwarded and dropped flows. Flows with an unmatched end are skipped with
 * one warning per endpoint (count, first line); flows between two outside addresses too.
 */
export function matchFlows(
  ws: Workspace,
  flows: readonly HubbleFlow[],
): { connections: ObservedConnection[]; diagnostics: FlowDiagnostic[] } {
  const byKey = new Map<string, { c: Omit<ObservedConnection, 'observed'>; ingressForwarded: boolean }>();
  const unmatched = new Map<string, { count: number; line: number }>();
  for (const f of flows) {
    const from = matchFlowEndpoint(ws, f.source);
    const to = matchFlowEndpoint(ws, f.destination);
    const miss = [from, to].filter((m): m is string => typeof m === 'string');
    if (miss.length > 0 || typeof from === 'string' || typeof to === 'string') {
      for (const m of miss) {
        const u = unmatched.get(m);
        if (u) u.count++;
        else unmatched.set(m, { count: 1, line: f.line });
      }
      continue;
    }
    if (from.kind === 'ip' && to.kind === 'ip') continue;
    const key = `${endpointText(from)}>${endpointText(to)} ${f.port}/${f.protocol}`;
    let entry = byKey.get(key);
    if (!entry) {
      entry = {
        c: { from, to, port: f.port, protocol: f.protocol, forwarded: 0, dropped: 0, line: f.line },
        ingressForwarded: false,
      };
      byKey.set(key, entry);
    }
    const c = entry.c as { forwarded: number; dropped: number };
    if (f.verdict === 'FORWARDED') c.forwarded++;
    else c.dropped++;
    if (f.verdict === 'FORWARDED' && f.direction === 'INGRESS') entry.ingressForwarded = true;
  }
  const connections = [...byKey.values()].map(({ c, ingressForwarded }) => ({
    ...c,
    observed: c.dropped > 0 && !ingressForwarded ? ('DROPPED' as const) : ('FORWARDED' as const),
  }));
  const diagnostics = [...unmatched].map(([message, { count, line }]) => ({
    line,
    severity: 'warning' as const,
    message: `${message}; ${count} flow(s) skipped`,
  }));
  return { connections, diagnostics };
}

/**
 * Classes each observed connection against the workspace (`evaluateConnection` on its port),
 * and lists the connections the workspace allows but no flow used: for every pod pair with an
 * end in a namespace the flows show a matched pod in (where Hubble was watching), each port the
 * destination declares in its containers (pods that declare none are not listed), a pod and
 * itself left out. At most {@link MAX_UNOBSERVED} are listed; the summary counts all.
 */
export function classifyFlows(
  ws: Workspace,
  connections: readonly ObservedConnection[],
): Omit<FlowAnalysis, 'diagnostics'> {
  const flows: ClassifiedFlow[] = connections.map((c) => {
    const allowed = evaluateConnection(ws, c.from, c.to, { port: c.port, protocol: c.protocol }).allowed;
    const cls = c.observed === 'DROPPED' ? 'dropped' : allowed ? 'observedAllowed' : 'observedBlocked';
    return { ...c, policy: allowed ? 'allowed' : 'blocked', class: cls };
  });
  const seen = new Set(
    connections.map((c) => `${endpointText(c.from)}>${endpointText(c.to)} ${c.port}/${c.protocol}`),
  );
  const watched = new Set(
    connections
      .flatMap((c) => [c.from, c.to])
      .flatMap((e) => (e.kind === 'pod' ? [e.key.split('/')[0]!] : [])),
  );
  const portKeys = [...new Set(ws.pods.flatMap((p) => p.ports.map((c) => `${c.port}/${c.protocol}`)))];
  const ports: PortSpec[] = portKeys.map((k) => {
    const [port, protocol] = k.split('/') as [string, PortSpec['protocol']];
    return { port: Number(port), protocol };
  });
  const table = computeTruthTable(ws, { ports });
  const allowedUnobserved: UnobservedConnection[] = [];
  let found = 0;
  ws.pods.forEach((a, i) => {
    ws.pods.forEach((b, j) => {
      if (
        (a.key === b.key && isSingleInstance(a)) ||
        (!watched.has(a.namespace) && !watched.has(b.namespace))
      )
        return;
      for (const c of b.ports) {
        const k = portKeys.indexOf(`${c.port}/${c.protocol}`);
        if (seen.has(`${a.key}>${b.key} ${c.port}/${c.protocol}`) || !table.isAllowed(i, j, k)) continue;
        found++;
        if (allowedUnobserved.length < MAX_UNOBSERVED)
          allowedUnobserved.push({
            from: pod(a),
            to: pod(b),
            port: c.port,
            protocol: c.protocol,
            policy: 'allowed',
            class: 'allowedUnobserved',
          });
      }
    });
  });
  const count = (cls: ClassifiedFlow['class']): number => flows.filter((f) => f.class === cls).length;
  return {
    flows,
    allowedUnobserved,
    truncated: found > allowedUnobserved.length,
    summary: {
      observedAllowed: count('observedAllowed'),
      observedBlocked: count('observedBlocked'),
      dropped: count('dropped'),
      allowedUnobserved: found,
    },
  };
}

/** Reads Hubble flows, matches them to the workspace and classes them. Never throws. */
export function analyzeFlows(ws: Workspace, text: string): FlowAnalysis {
  const parsed = parseHubbleFlows(text);
  const matched = matchFlows(ws, parsed.flows);
  return {
    ...classifyFlows(ws, matched.connections),
    diagnostics: [...parsed.diagnostics, ...matched.diagnostics],
  };
}

/**
 * The observed FORWARDED connections as `allowed` expectations (on their port and protocol),
 * the intent for {@link synthesizePolicies} ("generate policies from these flows").
 */
export function flowsToIntent(flows: readonly ObservedConnection[]): Expectation[] {
  return flows
    .filter((f) => f.observed === 'FORWARDED')
    .map((f, index) => ({
      description: `observed ${endpointText(f.from)} -> ${endpointText(f.to)} on ${f.port}/${f.protocol} (${f.forwarded} flow(s))`,
      from: f.from.kind === 'pod' ? { kind: 'pod', key: f.from.key } : { kind: 'ip', ip: f.from.ip },
      to: f.to.kind === 'pod' ? { kind: 'pod', key: f.to.key } : { kind: 'ip', ip: f.to.ip },
      port: { port: f.port, protocol: f.protocol },
      expect: 'allowed',
      index,
    }));
}
