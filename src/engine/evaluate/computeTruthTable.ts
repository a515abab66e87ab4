import type { CompiledPolicy, CompiledRule, Direction } from '../model/policy';
import type { ContainerPort } from '../model/resources';
import type { DirectionException, Endpoint, PortQuery } from '../model/verdict';
import type { Workspace } from '../model/workspace';
import { canonicalIp } from '../selectors/cidr';
import { matchesPort, portSetOfMatcher, resolveQueryPort } from '../selectors/matchesPort';
import {
  EMPTY_PORT_SET,
  FULL_PORT_SET,
  intersectPortSets,
  isEmptyPortSet,
  unionPortSets,
  type PortSet,
} from '../selectors/portSet';
import { sharedException, sideException } from './evaluateConnection';
import { matchesPeer, selectsPod } from './matchesPeer';
import { resolveEndpoint, type ResolvedEndpoint } from './resolveEndpoint';

/** A truth-table question: the ports to answer, and outside addresses to add as rows/columns. */
export type TruthTableQuery = {
  readonly ports: readonly PortQuery[];
  readonly externals?: readonly string[];
};

/** A row (and the same column) of the table; `key` is the pod key or the canonical address. */
export type TableEndpoint = { readonly endpoint: Endpoint; readonly key: string };

/**
 * Connectivity over every pair. Rows and columns are the same list: the pods/workloads in
 * workspace order, then the outside addresses; row = source, column = destination.
 * `isAllowed(from, to, portIndex)` reads a cell (an accessor, so the storage can become a
 * bitset without changing callers).
 */
export type TruthTable = {
  readonly rows: readonly TableEndpoint[];
  readonly ports: readonly PortQuery[];
  isAllowed(from: number, to: number, portIndex: number): boolean;
  readonly problems: readonly string[];
};

/** Per rule: for each endpoint, whether some peer of the rule matches it. */
type CompiledRuleRow = { readonly rule: CompiledRule; readonly peerHits: readonly boolean[] };
type PolicyRows = {
  readonly policy: CompiledPolicy;
  readonly ingress: CompiledRuleRow[];
  readonly egress: CompiledRuleRow[];
};

/**
 * The truth table, computed by precomputing per rule which endpoints its peers match and per
 * endpoint which policies isolate it, then combining per pair. It must agree with
 * {@link evaluateConnection} on every pair and port (a property test checks this); it is the
 * place to swap in a bitset implementation later.
 */
export function computeTruthTable(ws: Workspace, query: TruthTableQuery): TruthTable {
  const problems: string[] = [];
  const endpoints: TableEndpoint[] = ws.pods.map((p) => ({
    endpoint: { kind: 'pod', key: p.key },
    key: p.key,
  }));
  for (const text of query.externals ?? []) {
    const ip = canonicalIp(text);
    if (ip === undefined) problems.push(`${JSON.stringify(text)} is not an IP address`);
    else if (!endpoints.some((e) => e.key === ip)) endpoints.push({ endpoint: { kind: 'ip', ip }, key: ip });
  }
  const resolved = endpoints.map((e) => resolveEndpoint(ws, e.endpoint));
  const rows: PolicyRows[] = ws.policies.map((policy) => ({
    policy,
    ingress: policy.ingress.map((rule) => ruleRow(ws, rule, resolved)),
    egress: policy.egress.map((rule) => ruleRow(ws, rule, resolved)),
  }));
  const isolating = (direction: Direction): PolicyRows[][] =>
    resolved.map((e) =>
      e.kind === 'pod'
        ? rows.filter((r) => r.policy.policyTypes.includes(direction) && selectsPod(r.policy, e.pod))
        : [],
    );
  const egressIso = isolating('Egress');
  const ingressIso = isolating('Ingress');
  const n = endpoints.length;
  const cells = new Uint8Array(query.ports.length * n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const src = resolved[i] as ResolvedEndpoint;
      const dst = resolved[j] as ResolvedEndpoint;
      if (src.kind === 'unknown' || dst.kind === 'unknown') continue;
      const shared = sharedException(src, dst);
      const egressExempt = shared ?? sideException(src);
      const ingressExempt = shared ?? sideException(dst);
      const dstPorts = dst.kind === 'pod' ? dst.pod.ports : [];
      const eg = { iso: egressIso[i] ?? [], exempt: egressExempt, peer: j, dir: 'egress' as const };
      const ing = { iso: ingressIso[j] ?? [], exempt: ingressExempt, peer: i, dir: 'ingress' as const };
      query.ports.forEach((q, k) => {
        let ok: boolean;
        if (q === 'any') {
          ok = !isEmptyPortSet(intersectPortSets(portsOf(eg, dstPorts), portsOf(ing, dstPorts)));
        } else {
          const c = resolveQueryPort(q.port, q.protocol, dstPorts);
          const admits = (side: Side): boolean =>
            side.exempt !== undefined ||
            side.iso.length === 0 ||
            side.iso.some((r) =>
              r[side.dir].some(
                (row) =>
                  row.peerHits[side.peer] === true &&
                  (row.rule.ports === 'all' ||
                    row.rule.ports.some((p) => matchesPort(p.matcher, c, dstPorts))),
              ),
            );
          ok = admits(eg) && admits(ing);
        }
        if (ok) cells[(k * n + i) * n + j] = 1;
      });
    }
  }
  return {
    rows: endpoints,
    ports: query.ports,
    isAllowed: (from, to, portIndex) => cells[(portIndex * n + from) * n + to] === 1,
    problems,
  };
}

type Side = {
  readonly iso: readonly PolicyRows[];
  readonly exempt: DirectionException | undefined;
  readonly peer: number;
  readonly dir: 'egress' | 'ingress';
};

function ruleRow(ws: Workspace, rule: CompiledRule, resolved: readonly ResolvedEndpoint[]): CompiledRuleRow {
  const peers = rule.peers;
  return {
    rule,
    peerHits: resolved.map((e) => peers === 'all' || peers.some((p) => matchesPeer(p.matcher, e, ws))),
  };
}

function portsOf(side: Side, dstPorts: readonly ContainerPort[]): PortSet {
  if (side.exempt !== undefined || side.iso.length === 0) return FULL_PORT_SET;
  let set = EMPTY_PORT_SET;
  for (const r of side.iso) {
    for (const row of r[side.dir]) {
      if (row.peerHits[side.peer] !== true) continue;
      if (row.rule.ports === 'all') return FULL_PORT_SET;
      for (const p of row.rule.ports) set = unionPortSets(set, portSetOfMatcher(p.matcher, dstPorts));
    }
  }
  return set;
}
