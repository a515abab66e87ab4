import type { CompiledPolicy } from '../../model/policy';
import { PROTOCOLS, type Protocol } from '../../model/resources';
import type { PortQuery } from '../../model/verdict';
import { MAX_PORT, MIN_PORT } from '../../selectors/portSet';
import { setBit, wordsFor } from './bits';
import type { EndpointClasses } from './classes';
import type { RuleClasses } from './policyClasses';
import { lowerBound } from '../../model/sortedSearch';

/** A concrete port; `port` undefined = a named port the destination does not define. */
export type PortPoint = { readonly protocol: Protocol; readonly port: number | undefined };

/**
 * One term of a port question: a port, and the destination classes it applies to (null =
 * all). A connection is allowed iff some term allows it: a number is one term; a named port
 * one term per resolved number (by destination class); `any` one term per port class.
 */
export type PlanEntry = { readonly point: PortPoint; readonly mask: Uint32Array | null };

/**
 * A plan, with a signature that changes exactly when the terms would change under a policy
 * edit, and (for `any`) the port entries it was cut by: a policy whose entries are all among
 * them cannot change it (a finer cut than needed stays correct).
 */
export type PortPlan = {
  readonly entries: readonly PlanEntry[];
  readonly signature: string;
  readonly portEntries?: ReadonlySet<string>;
};

/** The keys of a policy's port entries (as {@link PortPlan.portEntries} holds them). */
export function portEntryKeys(p: CompiledPolicy): string[] {
  const keys: string[] = [];
  for (const rule of [...p.ingress, ...p.egress]) {
    if (rule.ports === 'all') continue;
    for (const { matcher: m } of rule.ports) {
      if (m.kind === 'named') keys.push(`@${m.name}/${m.protocol}`);
      else {
        const [lo, hi] =
          m.kind === 'protocol'
            ? [MIN_PORT, MAX_PORT]
            : m.kind === 'number'
              ? [m.port, m.port]
              : [m.port, m.endPort];
        keys.push(`${m.protocol}:${lo}-${hi}`);
      }
    }
  }
  return keys;
}

/** What a rule admits at a point: every destination, none, or those in a class set. */
export type Admission = 'all' | 'none' | Uint32Array;

/** Memoised sets of classes having a container port (name, protocol, number). */
export class NamedPorts {
  private readonly memo = new Map<string, Uint32Array | null>();
  constructor(private readonly c: EndpointClasses) {}

  /** The classes defining the named port with this protocol and number (null when none). */
  classes(name: string, protocol: Protocol, port: number): Uint32Array | null {
    const key = `${name}/${protocol}/${port}`;
    let set = this.memo.get(key);
    if (set !== undefined) return set;
    set = null;
    for (let k = 0; k < this.c.count; k++) {
      if (this.c.ports[k]!.some((p) => p.name === name && p.protocol === protocol && p.port === port)) {
        set ??= new Uint32Array(wordsFor(this.c.count));
        setBit(set, 0, k);
      }
    }
    this.memo.set(key, set);
    return set;
  }
}

/** What one rule admits at a point (`matchesPort` over the rule's entries, per destination). */
export function admission(rule: RuleClasses, point: PortPoint, named: NamedPorts): Admission {
  if (rule.ports === 'all') return 'all';
  let mask: Uint32Array | null = null;
  for (const { matcher: m } of rule.ports) {
    if (m.protocol !== point.protocol) continue;
    const q = point.port;
    if (m.kind === 'protocol') return 'all';
    if (q === undefined) continue;
    if (m.kind === 'number' ? q === m.port : m.kind === 'range' ? q >= m.port && q <= m.endPort : false)
      return 'all';
    if (m.kind !== 'named') continue;
    const set = named.classes(m.name, m.protocol, q);
    if (!set) continue;
    if (!mask) mask = set;
    else {
      mask = mask.slice();
      for (let w = 0; w < mask.length; w++) mask[w] |= set[w]!;
    }
  }
  return mask ?? 'none';
}

/** The terms of a port question over the classes (see {@link PlanEntry}). */
export function portPlan(
  query: PortQuery,
  c: EndpointClasses,
  policies: readonly CompiledPolicy[],
): PortPlan {
  if (query === 'any') return anyPlan(c, policies);
  const { port, protocol } = query;
  if (typeof port === 'number')
    return { entries: [{ point: { protocol, port }, mask: null }], signature: '' };
  const groups = new Map<number | undefined, Uint32Array>();
  for (let k = 0; k < c.count; k++) {
    const hit = c.ports[k]!.find((p) => p.name === query.port && p.protocol === query.protocol);
    let set = groups.get(hit?.port);
    if (!set) groups.set(hit?.port, (set = new Uint32Array(wordsFor(c.count))));
    setBit(set, 0, k);
  }
  const entries = [...groups].map(([port, mask]) => ({ point: { protocol: query.protocol, port }, mask }));
  return { entries, signature: '' };
}

/**
 * Port classes for `any`: per protocol the ports are cut at every boundary of a port entry
 * (numbers, ranges) and around every container port a named entry can resolve to; intervals
 * that every entry treats alike are merged. Some port is allowed both ways iff some class is.
 */
function anyPlan(c: EndpointClasses, policies: readonly CompiledPolicy[]): PortPlan {
  const ranges = new Map<string, { protocol: Protocol; lo: number; hi: number }>();
  const namedRefs = new Set<string>();
  const portEntries = new Set<string>();
  for (const p of policies) {
    for (const key of portEntryKeys(p)) {
      if (portEntries.has(key)) continue;
      portEntries.add(key);
      if (key.startsWith('@')) namedRefs.add(key.slice(1));
      else {
        const [protocol, lo, hi] = key.split(/[:-]/);
        ranges.set(key, { protocol: protocol as Protocol, lo: Number(lo), hi: Number(hi) });
      }
    }
  }
  const namedPorts = new Set<string>();
  for (const ports of c.ports) {
    for (const cp of ports)
      if (namedRefs.has(`${cp.name}/${cp.protocol}`)) namedPorts.add(`${cp.protocol}:${cp.port}`);
  }
  const groups = new Map<string, PortPoint>();
  const atoms: string[] = [];
  for (const protocol of PROTOCOLS) {
    const cuts = new Set<number>([MIN_PORT]);
    const mine = [...ranges.entries()].filter(([, r]) => r.protocol === protocol);
    for (const [, r] of mine) cuts.add(r.lo).add(r.hi + 1);
    for (const key of namedPorts) {
      const [proto, port] = key.split(':');
      if (proto === protocol) cuts.add(Number(port)).add(Number(port) + 1);
    }
    const starts = [...cuts].filter((x) => x >= MIN_PORT && x <= MAX_PORT).sort((a, b) => a - b);
    const members = starts.map((): string[] => []);
    for (const [key, r] of mine) {
      for (let k = lowerBound(starts, r.lo); k < starts.length && starts[k]! <= r.hi; k++)
        members[k]!.push(key);
    }
    starts.forEach((lo, k) => {
      const single = namedPorts.has(`${protocol}:${lo}`) && (starts[k + 1] ?? MAX_PORT + 1) === lo + 1;
      const key = `${members[k]!.sort().join(' ')}${single ? ` #${protocol}:${lo}` : ''}`;
      if (!groups.has(key)) groups.set(key, { protocol, port: lo });
      atoms.push(`${protocol}${lo}=${key}`);
    });
  }
  return {
    entries: [...groups.values()].map((point) => ({ point, mask: null })),
    signature: atoms.join('\n'),
    portEntries,
  };
}
