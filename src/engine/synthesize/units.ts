import { isSingleInstance } from '../evaluate/resolveEndpoint';
import type { Expectation } from '../expectations/model';
import type { PodKey } from '../model/ids';
import type { Labels, PodInfo } from '../model/resources';
import type { Endpoint } from '../model/verdict';
import type { Workspace } from '../model/workspace';
import {
  askKey,
  asksPort,
  describeExpectation,
  endpointKey,
  isDnsAsk,
  pairKey,
  type ExpandedIntent,
  type PairAsk,
} from './expandIntent';
import type { SynthesisProblem } from './model';

/**
 * Pods that no NetworkPolicy can tell apart: the same namespace and identical labels. Every
 * selector selects all of a unit or none of it, so policies decide per unit.
 */
export type Unit = {
  readonly id: string;
  readonly namespace: string;
  readonly labels: Labels;
  readonly pods: PodInfo[];
};

/** The units of the workspace's pods (hostNetwork pods, which selectors never select, are left out). */
export function buildUnits(ws: Workspace): Map<PodKey, Unit> {
  const byId = new Map<string, Unit>();
  const out = new Map<PodKey, Unit>();
  for (const p of ws.pods) {
    if (p.hostNetwork) continue;
    const labels = Object.fromEntries(Object.entries(p.labels).sort(([a], [b]) => (a < b ? -1 : 1)));
    const id = `${p.namespace}\u0000${JSON.stringify(labels)}`;
    let unit = byId.get(id);
    if (!unit) byId.set(id, (unit = { id, namespace: p.namespace, labels: p.labels, pods: [] }));
    unit.pods.push(p);
    out.set(p.key, unit);
  }
  return out;
}

/** Whether a pod pair is a connection policies decide (a single pod and itself is always allowed). */
export function isPolicyPair(a: PodInfo, b: PodInfo): boolean {
  return !(a.key === b.key && isSingleInstance(a));
}

/** The endpoints a side of a pair stands for at unit level: its unit's pods, or the address. */
function sameAs(e: Endpoint, units: ReadonlyMap<PodKey, Unit>): Endpoint[] {
  if (e.kind === 'ip') return [e];
  return (units.get(e.key)?.pods ?? []).map((p) => ({ kind: 'pod', key: p.key }));
}

/**
 * Finds what labels cannot express: a pair that must stay blocked while a pair of
 * indistinguishable pods (same units) is asked allowed on that port; and, under least privilege,
 * two pod pairs of the same units asked for different ports (one allowed, the other not).
 */
export function checkUnits(
  ws: Workspace,
  intent: readonly Expectation[],
  x: ExpandedIntent,
  units: ReadonlyMap<PodKey, Unit>,
  leastPrivilege: boolean,
): SynthesisProblem[] {
  const problems: SynthesisProblem[] = [];
  const reported = new Set<string>();
  /** `a -> b` is asked; the indistinguishable `c -> d` must differ (`why`). */
  const report = (ask: PairAsk, c: Endpoint, d: Endpoint, why: string, also: number[] = []): void => {
    const { from: a, to: b } = ask;
    const unitPair = `${unitKey(a, units)}>${unitKey(b, units)}`;
    if (reported.has(unitPair)) return;
    reported.add(unitPair);
    const twins = [
      ...(endpointKey(a) !== endpointKey(c) ? [describeTwins(a, c, units)] : []),
      ...(endpointKey(b) !== endpointKey(d) ? [describeTwins(b, d, units)] : []),
    ];
    const pods = [...new Set([a, b, c, d].flatMap((e) => (e.kind === 'pod' ? [e.key] : [])))];
    const askers = [...ask.expectations].sort((i, j) => i - j);
    problems.push({
      kind: 'identical-labels',
      message: `${twins.join('; ')}: no label selector can tell them apart, but ${askers
        .map((i) => describeExpectation(intent, i))
        .join(', ')} allows ${fmt(a)} -> ${fmt(b)} while ${fmt(c)} -> ${fmt(d)} ${why}`,
      expectations: [...askers, ...also],
      pods,
    });
  };
  for (const block of x.blocks) {
    for (const a of sameAs(block.from, units)) {
      for (const b of sameAs(block.to, units)) {
        const ask = x.asks.get(pairKey(a, b));
        if (!ask || pairKey(a, b) === pairKey(block.from, block.to) || !asksPort(ask.ports, block.port))
          continue;
        const why = `must stay blocked (${describeExpectation(intent, block.expectation)})`;
        report(ask, block.from, block.to, why, [block.expectation]);
      }
    }
  }
  if (!leastPrivilege) return problems;
  for (const ask of x.asks.values()) {
    if (ask.from.kind !== 'pod' || ask.to.kind !== 'pod' || isDnsAsk(ws, ask.to, ask.ports)) continue;
    const want = askKey(ask.ports);
    const fromUnit = units.get(ask.from.key);
    const toUnit = units.get(ask.to.key);
    if (!fromUnit || !toUnit || (fromUnit.pods.length === 1 && toUnit.pods.length === 1)) continue;
    for (const a of fromUnit.pods) {
      for (const b of toUnit.pods) {
        if (!isPolicyPair(a, b)) continue;
        const other = x.asks.get(pairKey({ kind: 'pod', key: a.key }, { kind: 'pod', key: b.key }));
        if (askKey(other?.ports) === want) continue;
        report(
          ask,
          { kind: 'pod', key: a.key },
          { kind: 'pod', key: b.key },
          other
            ? `is asked for other ports (${askKey(other.ports)})`
            : 'must stay blocked (least privilege: no allowed expectation asks for it)',
        );
      }
    }
  }
  return problems;
}

function unitKey(e: Endpoint, units: ReadonlyMap<PodKey, Unit>): string {
  return e.kind === 'pod' ? (units.get(e.key)?.id ?? e.key) : e.ip;
}

function fmt(e: Endpoint): string {
  return e.kind === 'pod' ? e.key : e.ip;
}

function describeTwins(a: Endpoint, b: Endpoint, units: ReadonlyMap<PodKey, Unit>): string {
  const unit = a.kind === 'pod' ? units.get(a.key) : undefined;
  const labels = Object.entries(unit?.labels ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  return `${fmt(a)} and ${fmt(b)} have identical labels (${labels || 'none'})`;
}
