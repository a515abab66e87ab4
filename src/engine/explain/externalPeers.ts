/**
 * The outside world as the canvas draws it: one endpoint per distinct ipBlock used in
 * policies (an address inside its CIDR and outside its `except` ranges stands for it),
 * plus one for "outside the cluster" (an address no ipBlock mentions when possible).
 */
import type { Cidr } from '../model/policy';
import type { Workspace } from '../model/workspace';
import { formatIp, ipBlockContains } from '../selectors/cidr';
import type { ParsedIp } from '../selectors/cidr';

/** An outside endpoint: the label to show and the address that stands for it. */
export type ExternalPeer = { readonly label: string; readonly address: string; readonly cidr?: string };

/** A documentation address (RFC 5737 TEST-NET-2): outside any cluster. */
export const OUTSIDE_ADDRESS = '198.51.100.10';

function sample(cidr: Cidr, except: readonly Cidr[]): string | undefined {
  const bits = cidr.family === 4 ? 32 : 128;
  const size = 1n << BigInt(bits - cidr.prefix);
  const candidates = [size > 2n ? 1n : 0n, size / 2n + 1n, size - 2n, 0n];
  for (const offset of candidates) {
    if (offset < 0n || offset >= size) continue;
    const ip: ParsedIp = { family: cidr.family, value: cidr.network + offset };
    if (ipBlockContains(cidr, except, ip)) return formatIp(ip);
  }
  return undefined;
}

/** Every distinct ipBlock of the workspace's policies, then the outside of the cluster. */
export function externalPeers(ws: Workspace): ExternalPeer[] {
  const seen = new Map<string, ExternalPeer>();
  for (const policy of ws.policies) {
    for (const rule of [...policy.ingress, ...policy.egress]) {
      if (rule.peers === 'all') continue;
      for (const peer of rule.peers) {
        if (peer.matcher.kind !== 'ipBlock') continue;
        const { cidr, except } = peer.matcher;
        const label =
          except.length > 0 ? `${cidr.text} except ${except.map((e) => e.text).join(', ')}` : cidr.text;
        if (seen.has(label)) continue;
        const address = sample(cidr, except);
        if (address) seen.set(label, { label, address, cidr: cidr.text });
      }
    }
  }
  const peers = [...seen.values()].filter((p, i, all) => all.findIndex((q) => q.address === p.address) === i);
  return [...peers, { label: 'outside the cluster', address: OUTSIDE_ADDRESS }];
}
