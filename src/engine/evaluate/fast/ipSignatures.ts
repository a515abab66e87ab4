import type { CompiledAdminPolicy } from '../../model/adminPolicy';
import type { Cidr, CompiledPolicy } from '../../model/policy';
import { parseIp } from '../../selectors/cidr';
import { upperBound } from '../../model/sortedSearch';

/** One distinct `ipBlock` (cidr minus excepts) of the workspace's policies. */
export type IpBlock = { readonly key: string; readonly cidr: Cidr; readonly except: readonly Cidr[] };

/**
 * Which ipBlocks contain an address, answered by signature: the address space of each family
 * is cut at every cidr/except boundary into elementary intervals, and each interval gets the id
 * of the set of blocks containing it (0 = none). Addresses (and endpoints with several
 * addresses) with the same signature are matched by exactly the same ipBlock peers.
 */
export type IpSignatures = {
  readonly blocks: readonly IpBlock[];
  readonly blockIndex: ReadonlyMap<string, number>;
  /** Block ids per signature id. */
  readonly members: readonly (readonly number[])[];
  /** The signature of a list of canonical addresses (the union over them). */
  signatureOf(ips: readonly string[]): number;
  /** The signatures of single intervals: the ones an outside address can have. */
  readonly intervalSignatures: readonly number[];
};

/** The key of an ipBlock peer (its canonical cidr and sorted excepts). */
export function ipBlockKey(cidr: Cidr, except: readonly Cidr[]): string {
  return `${cidr.text}!${except
    .map((e) => e.text)
    .sort()
    .join(',')}`;
}

/** Every distinct ipBlock of the policies, in first-seen order. */
export function collectIpBlocks(policies: readonly CompiledPolicy[]): IpBlock[] {
  const seen = new Map<string, IpBlock>();
  for (const p of policies) {
    for (const rule of [...p.ingress, ...p.egress]) {
      if (rule.peers === 'all') continue;
      for (const peer of rule.peers) {
        if (peer.matcher.kind !== 'ipBlock') continue;
        const key = ipBlockKey(peer.matcher.cidr, peer.matcher.except);
        if (!seen.has(key)) seen.set(key, { key, cidr: peer.matcher.cidr, except: peer.matcher.except });
      }
    }
  }
  return [...seen.values()];
}

/**
 * Every distinct `networks` CIDR of the admin policies as a block (no excepts), for the
 * signatures: addresses on either side of a boundary are told apart.
 */
export function collectNetworkBlocks(policies: readonly CompiledAdminPolicy[]): IpBlock[] {
  const seen = new Map<string, IpBlock>();
  for (const p of policies) {
    for (const rule of [...p.ingress, ...p.egress]) {
      for (const peer of rule.peers) {
        if (peer.matcher.kind !== 'networks') continue;
        for (const cidr of peer.matcher.cidrs) {
          const key = ipBlockKey(cidr, []);
          if (!seen.has(key)) seen.set(key, { key, cidr, except: [] });
        }
      }
    }
  }
  return [...seen.values()];
}

type Family = { readonly starts: bigint[]; readonly startsNum: number[]; readonly sig: number[] };

function rangeOf(c: Cidr): [bigint, bigint] {
  const size = 1n << BigInt((c.family === 4 ? 32 : 128) - c.prefix);
  return [c.network, c.network + size];
}

/** Builds the signatures of a list of blocks (see {@link IpSignatures}). */
export function buildIpSignatures(blocks: readonly IpBlock[]): IpSignatures {
  const sigIds = new Map<string, number>([['', 0]]);
  const members: number[][] = [[]];
  const intern = (ids: readonly number[]): number => {
    const key = ids.join(',');
    let id = sigIds.get(key);
    if (id === undefined) {
      id = members.length;
      sigIds.set(key, id);
      members.push([...ids]);
    }
    return id;
  };
  const family = (f: 4 | 6): Family => {
    const cuts = new Set<bigint>([0n]);
    const mine = blocks.map((b, i) => [b, i] as const).filter(([b]) => b.cidr.family === f);
    for (const [b] of mine) for (const c of [b.cidr, ...b.except]) for (const x of rangeOf(c)) cuts.add(x);
    const top = 1n << (f === 4 ? 32n : 128n);
    const starts = [...cuts].filter((x) => x < top).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const sets = starts.map(() => new Set<number>());
    const span = (c: Cidr): [number, number] => {
      const [lo, hi] = rangeOf(c);
      return [lowerBound(starts, lo), lowerBound(starts, hi)];
    };
    for (const [b, id] of mine) {
      const [from, to] = span(b.cidr);
      for (let k = from; k < to; k++) sets[k]!.add(id);
      for (const e of b.except) {
        const [ef, et] = span(e);
        for (let k = ef; k < et; k++) sets[k]!.delete(id);
      }
    }
    const sig = sets.map((s) => intern([...s].sort((a, b) => a - b)));
    return { starts, startsNum: f === 4 ? starts.map(Number) : [], sig };
  };
  const v4 = family(4);
  const v6 = family(6);
  const unions = new Map<string, number>();
  const lookup = (ip: string): number => {
    const n = ip.includes(':') ? undefined : fastV4(ip);
    if (n !== undefined) return v4.sig[upperBound(v4.startsNum, n) - 1] ?? 0;
    const parsed = parseIp(ip);
    if (!parsed) return 0;
    const fam = parsed.family === 4 ? v4 : v6;
    return fam.sig[lowerBound(fam.starts, parsed.value + 1n) - 1] ?? 0;
  };
  const signatureOf = (ips: readonly string[]): number => {
    if (blocks.length === 0 || ips.length === 0) return 0;
    if (ips.length === 1) return lookup(ips[0]!);
    const sigs = ips.map(lookup);
    const key = sigs.join('|');
    let id = unions.get(key);
    if (id === undefined) {
      id = intern([...new Set(sigs.flatMap((s) => members[s] ?? []))].sort((a, b) => a - b));
      unions.set(key, id);
    }
    return id;
  };
  return {
    blocks,
    blockIndex: new Map(blocks.map((b, i) => [b.key, i])),
    members,
    signatureOf,
    intervalSignatures: [...new Set([0, ...v4.sig, ...v6.sig])],
  };
}

/** First index whose value is >= x. */
function lowerBound(a: readonly bigint[], x: bigint): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A canonical dotted quad as a number (undefined for anything else). */
function fastV4(ip: string): number | undefined {
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < ip.length; i++) {
    const c = ip.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || octet > 255) return undefined;
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
      dots++;
    } else if (c >= 48 && c <= 57 && digits < 3) {
      octet = octet * 10 + (c - 48);
      digits++;
    } else return undefined;
  }
  if (dots !== 3 || digits === 0 || octet > 255) return undefined;
  return value * 256 + octet;
}
