import type { Protocol } from '../model/resources';
import { canonicalIp } from '../selectors/cidr';
import type { FlowDiagnostic, FlowEndpoint, FlowParse, HubbleFlow } from './model';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** Labels Cilium adds that pods do not carry. */
const IGNORED_LABEL = /^(io\.cilium\.|io\.kubernetes\.pod\.namespace$)/;

/**
 * Reads `hubble observe -o json` output: one JSON object per line, `{"flow": {...}}` or the
 * flow itself. Keeps FORWARDED and DROPPED flows with a TCP, UDP or SCTP destination port;
 * skips replies (`is_reply`), other verdicts, flows without ports (ICMP) and non-flow events,
 * counting them in one info diagnostic each. A line that is not a JSON object or lacks a
 * source/destination is an error diagnostic with its line number. Never throws.
 */
export function parseHubbleFlows(text: string): FlowParse {
  const flows: HubbleFlow[] = [];
  const diagnostics: FlowDiagnostic[] = [];
  const skipped = new Map<string, { count: number; line: number }>();
  const skip = (why: string, line: number): void => {
    const s = skipped.get(why);
    if (s) s.count++;
    else skipped.set(why, { count: 1, line });
  };
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (e) {
      diagnostics.push({
        line,
        severity: 'error',
        message: `not JSON (${e instanceof Error ? e.message : String(e)})`,
      });
      return;
    }
    if (!isObject(value)) {
      diagnostics.push({ line, severity: 'error', message: 'not a JSON object' });
      return;
    }
    const flow = isObject(value['flow']) ? value['flow'] : value;
    if (!('verdict' in flow) && !('source' in flow) && !('destination' in flow))
      return skip('not a flow', line);
    if (flow['is_reply'] === true) return skip('replies', line);
    const verdict = flow['verdict'];
    if (verdict !== 'FORWARDED' && verdict !== 'DROPPED') return skip(`verdict ${String(verdict)}`, line);
    const source = endpoint(flow['source'], ip(flow, 'source'));
    const destination = endpoint(flow['destination'], ip(flow, 'destination'));
    if (!source || !destination) {
      diagnostics.push({ line, severity: 'error', message: 'a flow needs source and destination objects' });
      return;
    }
    const l4 = l4Of(flow['l4']);
    if (typeof l4 === 'string') {
      if (l4 === 'bad port')
        diagnostics.push({
          line,
          severity: 'error',
          message: 'l4 destination_port must be a number 1-65535',
        });
      else skip(l4, line);
      return;
    }
    const dir = flow['traffic_direction'];
    flows.push({
      line,
      source,
      destination,
      port: l4.port,
      protocol: l4.protocol,
      verdict,
      ...(dir === 'INGRESS' || dir === 'EGRESS' ? { direction: dir } : {}),
    });
  });
  for (const [why, { count, line }] of skipped)
    diagnostics.push({
      line,
      severity: 'info',
      message: `${count} line(s) skipped: ${why} (first on line ${line})`,
    });
  return { flows, diagnostics };
}

function ip(flow: Json, side: 'source' | 'destination'): string | undefined {
  const block = flow['IP'];
  const text = isObject(block) ? str(block[side]) : undefined;
  return text === undefined ? undefined : (canonicalIp(text) ?? text);
}

function endpoint(raw: unknown, address: string | undefined): FlowEndpoint | undefined {
  if (!isObject(raw)) return undefined;
  const labels: Record<string, string> = {};
  let world = false;
  for (const item of Array.isArray(raw['labels']) ? raw['labels'] : []) {
    if (typeof item !== 'string') continue;
    const eq = item.indexOf('=');
    const colon = item.indexOf(':');
    const body = colon >= 0 && (eq < 0 || colon < eq) ? item.slice(colon + 1) : item;
    if (item === 'reserved:world' || item.startsWith('reserved:world')) world = true;
    if (item.startsWith('reserved:')) continue;
    const at = body.indexOf('=');
    const key = at >= 0 ? body.slice(0, at) : body;
    if (key === '' || IGNORED_LABEL.test(key)) continue;
    labels[key] = at >= 0 ? body.slice(at + 1) : '';
  }
  const workloads = (Array.isArray(raw['workloads']) ? raw['workloads'] : [])
    .map((w) => (isObject(w) ? str(w['name']) : undefined))
    .filter((w): w is string => w !== undefined);
  const namespace = str(raw['namespace']);
  const podName = str(raw['pod_name']);
  return {
    ...(namespace !== undefined ? { namespace } : {}),
    ...(podName !== undefined ? { podName } : {}),
    labels,
    workloads,
    ...(address !== undefined ? { ip: address } : {}),
    world,
  };
}

function l4Of(raw: unknown): { port: number; protocol: Protocol } | string {
  if (!isObject(raw)) return 'no l4 (no port)';
  for (const protocol of ['TCP', 'UDP', 'SCTP'] as const) {
    const l = raw[protocol];
    if (!isObject(l)) continue;
    const port = l['destination_port'];
    if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) return 'bad port';
    return { port, protocol };
  }
  return `no TCP/UDP/SCTP port (${Object.keys(raw).join(', ') || 'empty l4'})`;
}
