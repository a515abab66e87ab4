import type { Cidr } from '../model/policy';

/**
 * Hand-written IPv4/IPv6 address and CIDR arithmetic for `ipBlock` (no platform library, so
 * the engine runs anywhere). Addresses are held as bigints of 32 or 128 bits.
 */

/** A parsed IP address. */
export type ParsedIp = { readonly family: 4 | 6; readonly value: bigint };

const V4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

function bitsOf(family: 4 | 6): number {
  return family === 4 ? 32 : 128;
}

function parseV4(text: string): bigint | undefined {
  const m = V4.exec(text);
  if (!m) return undefined;
  let value = 0n;
  for (let i = 1; i <= 4; i++) {
    const octet = Number(m[i]);
    if (octet > 255) return undefined;
    value = (value << 8n) | BigInt(octet);
  }
  return value;
}

/**
 * Parses colon-separated hex groups. `last` says whether this part ends the address: only
 * there may an embedded IPv4 tail stand for the last two groups (as Go's `net.ParseIP`).
 */
function parseGroups(part: string, last: boolean): bigint[] | undefined {
  if (part === '') return [];
  const groups: bigint[] = [];
  const pieces = part.split(':');
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i] ?? '';
    if (last && i === pieces.length - 1 && piece.includes('.')) {
      // An embedded IPv4 tail (`::ffff:10.0.0.1`) stands for the last two groups.
      const v4 = parseV4(piece);
      if (v4 === undefined) return undefined;
      groups.push(v4 >> 16n, v4 & 0xffffn);
    } else if (HEX_GROUP.test(piece)) {
      groups.push(BigInt(`0x${piece}`));
    } else {
      return undefined;
    }
  }
  return groups;
}

function parseV6(text: string): bigint | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = parseGroups(halves[0] ?? '', halves.length === 1);
  const tail = halves.length === 2 ? parseGroups(halves[1] ?? '', true) : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const groups = [...head, ...Array<bigint>(Math.max(missing, 0)).fill(0n), ...tail];
  return groups.reduce((acc, g) => (acc << 16n) | g, 0n);
}

/** Parses an IPv4 (dotted quad) or IPv6 address; undefined when it is not one. */
export function parseIp(text: string): ParsedIp | undefined {
  if (text.includes(':')) {
    const value = parseV6(text);
    return value === undefined ? undefined : { family: 6, value };
  }
  const value = parseV4(text);
  return value === undefined ? undefined : { family: 4, value };
}

/** Formats an address canonically (IPv6 per RFC 5952: lower case, longest zero run as `::`). */
export function formatIp(ip: ParsedIp): string {
  if (ip.family === 4) {
    return [24n, 16n, 8n, 0n].map((s) => String((ip.value >> s) & 0xffn)).join('.');
  }
  const groups: number[] = [];
  for (let i = 7; i >= 0; i--) groups.push(Number((ip.value >> BigInt(i * 16)) & 0xffffn));
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8;) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j === i ? i + 1 : j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

/** The canonical text of an address, or undefined when `text` is not an address. */
export function canonicalIp(text: string): string | undefined {
  const ip = parseIp(text.trim());
  return ip ? formatIp(ip) : undefined;
}

function maskOf(family: 4 | 6, prefix: number): bigint {
  const bits = BigInt(bitsOf(family));
  const host = bits - BigInt(prefix);
  return ((1n << bits) - 1n) ^ ((1n << host) - 1n);
}

/** The outcome of parsing CIDR text: a CIDR (host bits cleared) or a problem. */
export type CidrParse =
  | { readonly ok: true; readonly cidr: Cidr; readonly hostBitsSet: boolean }
  | { readonly ok: false; readonly error: string };

/**
 * Parses `address/prefix` as Go's `net.ParseCIDR` does, clearing host bits: `10.0.1.10/4`
 * is the network `0.0.0.0/4` (the API server accepts it and matches the masked network).
 */
export function parseCidr(text: string): CidrParse {
  const slash = text.indexOf('/');
  if (slash < 0)
    return { ok: false, error: 'must be a valid CIDR (e.g. 10.0.0.0/8 or fd00::/64): missing "/prefix"' };
  const ip = parseIp(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  if (!ip)
    return { ok: false, error: 'must be a valid CIDR (e.g. 10.0.0.0/8 or fd00::/64): invalid address' };
  const prefix = /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
  if (!(prefix >= 0 && prefix <= bitsOf(ip.family))) {
    return { ok: false, error: `must be a valid CIDR: prefix length must be 0-${bitsOf(ip.family)}` };
  }
  const network = ip.value & maskOf(ip.family, prefix);
  const cidr: Cidr = {
    family: ip.family,
    network,
    prefix,
    text: `${formatIp({ family: ip.family, value: network })}/${prefix}`,
  };
  return { ok: true, cidr, hostBitsSet: network !== ip.value };
}

/** True when `ip` lies inside `cidr` (same family only). */
export function cidrContainsIp(cidr: Cidr, ip: ParsedIp): boolean {
  return cidr.family === ip.family && (ip.value & maskOf(cidr.family, cidr.prefix)) === cidr.network;
}

/** True when `inner` lies entirely inside `outer`. */
export function cidrContainsCidr(outer: Cidr, inner: Cidr): boolean {
  return (
    outer.family === inner.family &&
    inner.prefix >= outer.prefix &&
    cidrContainsIp(outer, { family: inner.family, value: inner.network })
  );
}

/** True when an ipBlock (`cidr` minus `except`) contains the address (NetworkPolicy `ipBlock`). */
export function ipBlockContains(cidr: Cidr, except: readonly Cidr[], ip: ParsedIp): boolean {
  return cidrContainsIp(cidr, ip) && !except.some((e) => cidrContainsIp(e, ip));
}
