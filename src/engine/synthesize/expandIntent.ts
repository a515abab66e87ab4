import { isSingleInstance } from '../evaluate/resolveEndpoint';
import { expectationTitle } from '../expectations/formatExpectation';
import type { Expectation } from '../expectations/model';
import { resolveSide } from '../expectations/runExpectations';
import type { PodKey } from '../model/ids';
import type { PodInfo } from '../model/resources';
import type { Endpoint, PortSpec } from '../model/verdict';
import type { Workspace } from '../model/workspace';
import { canonicalIp } from '../selectors/cidr';
import type { SynthesisProblem } from './model';

/** A concrete port: `8080/TCP`. */
export type PortKey = string;

/** Ports a pair asks for: every port, or a set of concrete ports. */
export type PortAsk = 'all' | ReadonlySet<PortKey>;

/** What the `allowed` expectations ask of one (from, to) pair. */
export type PairAsk = {
  readonly from: Endpoint;
  readonly to: Endpoint;
  ports: 'all' | Set<PortKey>;
  readonly expectations: Set<number>;
};

/** A pair that a `blocked` expectation wants blocked on one port (`port` undefined: every port). */
export type BlockDemand = {
  readonly from: Endpoint;
  readonly to: Endpoint;
  readonly port: PortKey | undefined;
  readonly expectation: number;
};

/**
 * The intent as concrete pairs: what is asked to be allowed (merged per pair), what must stay
 * blocked, the namespaces covered (those of every pod the intent names, except kube-dns as a
 * mere DNS destination), the pods named as sources and destinations, and the problems found.
 */
export type ExpandedIntent = {
  readonly asks: Map<string, PairAsk>;
  readonly blocks: BlockDemand[];
  readonly covered: Set<string>;
  readonly sources: Set<PodKey>;
  readonly destinations: Set<PodKey>;
  readonly problems: SynthesisProblem[];
};

/** The DNS ports allowed to kube-dns. */
export const DNS_PORTS: readonly PortKey[] = ['53/UDP', '53/TCP'];

/** kube-dns (CoreDNS keeps the label): `k8s-app: kube-dns` in kube-system. */
export function isKubeDns(pod: PodInfo | undefined): boolean {
  return pod?.namespace === 'kube-system' && pod.labels['k8s-app'] === 'kube-dns';
}

/** `shop/web` or `ip:8.8.8.8`. */
export function endpointKey(e: Endpoint): string {
  return e.kind === 'pod' ? e.key : `ip:${e.ip}`;
}

/** The key of a (from, to) pair. */
export function pairKey(from: Endpoint, to: Endpoint): string {
  return `${endpointKey(from)}>${endpointKey(to)}`;
}

/** `#2 (web -> api on 8080/TCP: allowed)`: an expectation as problems name it. */
export function describeExpectation(intent: readonly Expectation[], i: number): string {
  const e = intent[i];
  return e ? `#${i} (${expectationTitle(e)})` : `#${i}`;
}

/** Whether a pair's asked ports include the port (undefined: any port). */
export function asksPort(ask: PortAsk | undefined, port: PortKey | undefined): boolean {
  if (ask === undefined) return false;
  if (ask === 'all') return true;
  return port === undefined ? ask.size > 0 : ask.has(port);
}

/** A stable text for a port ask (to compare asks). */
export function askKey(ask: PortAsk | undefined): string {
  if (ask === undefined) return '';
  return ask === 'all' ? '*' : [...ask].sort().join(',');
}

/** True when every port asked is DNS to a kube-dns pod (the DNS rules cover it). */
export function isDnsAsk(ws: Workspace, to: Endpoint, ports: PortAsk): boolean {
  if (to.kind !== 'pod' || ports === 'all' || ports.size === 0) return false;
  return isKubeDns(ws.podByKey.get(to.key)) && [...ports].every((p) => DNS_PORTS.includes(p));
}

/**
 * Expands the intent into pairs. A side that selects nothing, a bad address or a named port the
 * destination lacks is `unresolved`; a single pod and itself, hostNetwork pods and two addresses
 * are `not-enforceable` when the expectation needs a policy there; a pair asked both allowed
 * and blocked is a `contradiction`. `any` as an allowed port asks for the destination's
 * declared container ports (every port when it declares none, or for an address). Never throws.
 */
export function expandIntent(ws: Workspace, intent: readonly Expectation[], dns: boolean): ExpandedIntent {
  const out: ExpandedIntent = {
    asks: new Map(),
    blocks: [],
    covered: new Set(),
    sources: new Set(),
    destinations: new Set(),
    problems: [],
  };
  intent.forEach((e, i) => expandOne(ws, intent, e, i, dns, out));
  checkContradictions(ws, intent, dns, out);
  return out;
}

function expandOne(
  ws: Workspace,
  intent: readonly Expectation[],
  e: Expectation,
  i: number,
  dns: boolean,
  out: ExpandedIntent,
): void {
  const what = describeExpectation(intent, i);
  const problem = (kind: SynthesisProblem['kind'], message: string, pods: string[] = []): void => {
    out.problems.push({ kind, message: `${what}: ${message}`, expectations: [i], pods });
  };
  const from = resolveSide(ws, e.from);
  const to = resolveSide(ws, e.to);
  if (typeof from === 'string' || typeof to === 'string') {
    if (typeof from === 'string') problem('unresolved', `from: ${from}`);
    if (typeof to === 'string') problem('unresolved', `to: ${to}`);
    return;
  }
  const selection = e.from.kind === 'pods' || e.to.kind === 'pods';
  for (const rawF of from) {
    for (const rawT of to) {
      const f = canonical(rawF);
      const t = canonical(rawT);
      if (!f || !t) {
        problem(
          'unresolved',
          `${JSON.stringify(rawF.kind === 'ip' ? rawF.ip : (rawT as { ip: string }).ip)} is not an IP address`,
        );
        return;
      }
      const fp = f.kind === 'pod' ? ws.podByKey.get(f.key) : undefined;
      const tp = t.kind === 'pod' ? ws.podByKey.get(t.key) : undefined;
      if (fp && tp && fp.key === tp.key && isSingleInstance(fp)) {
        if (selection) continue;
        if (!fp.hostNetwork) out.covered.add(fp.namespace); // named by the intent: locked down too
        if (e.expect === 'blocked')
          problem('not-enforceable', `a pod can always reach itself (${fp.key})`, [fp.key]);
        continue;
      }
      if (!fp && !tp) {
        problem('not-enforceable', 'neither side is a pod: NetworkPolicies govern pods only');
        return;
      }
      const host = [fp, tp].find((p) => p?.hostNetwork);
      if (host) {
        problem(
          'not-enforceable',
          `${host.key} uses the host network: NetworkPolicies do not select it, its traffic is its node's`,
          [host.key],
        );
        return;
      }
      let ports: 'all' | Set<PortKey>;
      if (e.port === 'any') ports = tp ? declaredPorts(tp) : 'all';
      else {
        const key = resolvePort(e.port, tp);
        if (key === undefined) {
          if (e.expect === 'blocked') continue; // a port the destination lacks is never allowed
          problem(
            'unresolved',
            tp
              ? `${tp.key} defines no container port named ${e.port.port}/${e.port.protocol}`
              : `a named port (${e.port.port}) means nothing for an outside address`,
            tp ? [tp.key] : [],
          );
          return;
        }
        ports = new Set([key]);
      }
      if (fp) out.sources.add(fp.key);
      if (tp) out.destinations.add(tp.key);
      if (fp) out.covered.add(fp.namespace);
      if (tp && !(e.expect === 'allowed' && dns && isDnsAsk(ws, t, ports))) out.covered.add(tp.namespace);
      if (e.expect === 'blocked') {
        out.blocks.push({
          from: f,
          to: t,
          port: e.port === 'any' ? undefined : [...ports][0],
          expectation: i,
        });
        continue;
      }
      const k = pairKey(f, t);
      const ask = out.asks.get(k);
      if (!ask) out.asks.set(k, { from: f, to: t, ports, expectations: new Set([i]) });
      else {
        ask.expectations.add(i);
        if (ask.ports !== 'all') ask.ports = ports === 'all' ? 'all' : new Set([...ask.ports, ...ports]);
      }
    }
  }
}

function canonical(e: Endpoint): Endpoint | undefined {
  if (e.kind === 'pod') return e;
  const ip = canonicalIp(e.ip);
  return ip === undefined ? undefined : { kind: 'ip', ip };
}

/** The destination's declared container ports, or every port when it declares none. */
function declaredPorts(pod: PodInfo): 'all' | Set<PortKey> {
  return pod.ports.length === 0 ? 'all' : new Set(pod.ports.map((p) => `${p.port}/${p.protocol}`));
}

/** A port question as a concrete port; a name resolves on the destination pod. */
function resolvePort(port: PortSpec, to: PodInfo | undefined): PortKey | undefined {
  if (typeof port.port === 'number') return `${port.port}/${port.protocol}`;
  const named = to?.ports.find((p) => p.name === port.port && p.protocol === port.protocol);
  return named ? `${named.port}/${named.protocol}` : undefined;
}

function checkContradictions(
  ws: Workspace,
  intent: readonly Expectation[],
  dns: boolean,
  out: ExpandedIntent,
): void {
  const seen = new Set<string>();
  for (const b of out.blocks) {
    const k = pairKey(b.from, b.to);
    const ask = out.asks.get(k);
    const port = b.port ?? 'any port';
    const pair = `${endpointKey(b.from)} -> ${endpointKey(b.to)}`.replaceAll('ip:', '');
    if (ask && asksPort(ask.ports, b.port)) {
      const others = [...ask.expectations].sort((x, y) => x - y);
      const key = `${k} ${b.expectation} ${others.join(',')}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.problems.push({
        kind: 'contradiction',
        message: `${describeExpectation(intent, b.expectation)} wants ${pair} on ${port} blocked, but ${others
          .map((o) => describeExpectation(intent, o))
          .join(', ')} wants it allowed`,
        expectations: [b.expectation, ...others],
        pods: podsOf(b.from, b.to),
      });
      continue;
    }
    const dnsBlocked =
      dns &&
      b.from.kind === 'pod' &&
      (b.port === undefined || DNS_PORTS.includes(b.port)) &&
      b.to.kind === 'pod';
    if (dnsBlocked && isKubeDns(ws.podByKey.get((b.to as { key: PodKey }).key))) {
      out.problems.push({
        kind: 'contradiction',
        message: `${describeExpectation(intent, b.expectation)} wants ${pair} on ${port} blocked, but DNS (53/UDP, 53/TCP to kube-dns) is allowed wherever egress is isolated (turn the dns option off)`,
        expectations: [b.expectation],
        pods: podsOf(b.from, b.to),
      });
    }
  }
}

function podsOf(...es: Endpoint[]): string[] {
  return es.flatMap((e) => (e.kind === 'pod' ? [e.key] : []));
}
