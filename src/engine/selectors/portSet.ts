import { PROTOCOLS, type Protocol } from '../model/resources';

/** An inclusive range of port numbers. */
export type PortRange = readonly [number, number];

/**
 * A set of (protocol, port) pairs: per protocol, sorted disjoint inclusive ranges within
 * 1-65535. Used for the "any port" question: egress admits set A, ingress admits set B, and
 * some connection is allowed exactly when A ∩ B is not empty.
 */
export type PortSet = Readonly<Record<Protocol, readonly PortRange[]>>;

/** Lowest and highest valid port numbers (`IsValidPortNum`). */
export const MIN_PORT = 1;
export const MAX_PORT = 65535;

/** The empty set. */
export const EMPTY_PORT_SET: PortSet = { TCP: [], UDP: [], SCTP: [] };

/** Every port of every protocol (a rule with no `ports`). */
export const FULL_PORT_SET: PortSet = {
  TCP: [[MIN_PORT, MAX_PORT]],
  UDP: [[MIN_PORT, MAX_PORT]],
  SCTP: [[MIN_PORT, MAX_PORT]],
};

/** The set holding one protocol's ports `from..to`. */
export function portSetOf(protocol: Protocol, from: number, to: number): PortSet {
  return { ...EMPTY_PORT_SET, [protocol]: from <= to ? [[from, to]] : [] };
}

function normalizeRanges(ranges: PortRange[]): PortRange[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [lo, hi] of sorted) {
    const last = out[out.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

/** An empty result as {@link EMPTY_PORT_SET} itself, so that the shortcuts below see it. */
function canonical(s: PortSet): PortSet {
  return s.TCP.length === 0 && s.UDP.length === 0 && s.SCTP.length === 0 ? EMPTY_PORT_SET : s;
}

/** Union of two port sets. */
export function unionPortSets(a: PortSet, b: PortSet): PortSet {
  // Sets are immutable: the common cases (an empty side, a full side) return a side as is.
  if (a === EMPTY_PORT_SET || b === FULL_PORT_SET) return b;
  if (b === EMPTY_PORT_SET || a === FULL_PORT_SET) return a;
  const out = { ...EMPTY_PORT_SET };
  for (const p of PROTOCOLS) out[p] = normalizeRanges([...a[p], ...b[p]]);
  return canonical(out);
}

/** Intersection of two port sets. */
export function intersectPortSets(a: PortSet, b: PortSet): PortSet {
  if (a === FULL_PORT_SET || b === EMPTY_PORT_SET) return b;
  if (b === FULL_PORT_SET || a === EMPTY_PORT_SET) return a;
  const out = { ...EMPTY_PORT_SET };
  for (const p of PROTOCOLS) {
    const ranges: PortRange[] = [];
    for (const [alo, ahi] of a[p]) {
      for (const [blo, bhi] of b[p]) {
        const lo = Math.max(alo, blo);
        const hi = Math.min(ahi, bhi);
        if (lo <= hi) ranges.push([lo, hi]);
      }
    }
    out[p] = normalizeRanges(ranges);
  }
  return canonical(out);
}

/** The ports of `a` that are not in `b`. */
export function subtractPortSets(a: PortSet, b: PortSet): PortSet {
  if (a === EMPTY_PORT_SET || b === EMPTY_PORT_SET) return a;
  if (b === FULL_PORT_SET) return EMPTY_PORT_SET;
  const out = { ...EMPTY_PORT_SET };
  for (const p of PROTOCOLS) {
    let ranges: PortRange[] = [...a[p]];
    for (const [blo, bhi] of b[p]) {
      const next: PortRange[] = [];
      for (const [lo, hi] of ranges) {
        if (bhi < lo || blo > hi) next.push([lo, hi]);
        else {
          if (lo < blo) next.push([lo, blo - 1]);
          if (bhi < hi) next.push([bhi + 1, hi]);
        }
      }
      ranges = next;
    }
    out[p] = ranges;
  }
  return canonical(out);
}

/** True when the set holds no port. */
export function isEmptyPortSet(s: PortSet): boolean {
  return PROTOCOLS.every((p) => s[p].length === 0);
}

/** The first (protocol order TCP, UDP, SCTP; lowest port) member, or undefined when empty. */
export function firstPort(s: PortSet): { protocol: Protocol; port: number } | undefined {
  for (const p of PROTOCOLS) {
    const first = s[p][0];
    if (first) return { protocol: p, port: first[0] };
  }
  return undefined;
}

/** Formats a set compactly: `TCP 80,8000-8080; UDP 53`, `all ports`, `no port`. */
export function formatPortSet(s: PortSet): string {
  if (PROTOCOLS.every((p) => s[p].length === 1 && s[p][0]?.[0] === MIN_PORT && s[p][0]?.[1] === MAX_PORT)) {
    return 'all ports';
  }
  const parts = PROTOCOLS.filter((p) => s[p].length > 0).map((p) => {
    const ranges = s[p].map(([lo, hi]) =>
      lo === MIN_PORT && hi === MAX_PORT ? 'all' : lo === hi ? `${lo}` : `${lo}-${hi}`,
    );
    return `${p} ${ranges.join(',')}`;
  });
  return parts.length > 0 ? parts.join('; ') : 'no port';
}
