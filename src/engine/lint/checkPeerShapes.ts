import type { Diagnostic } from '../model/diagnostics';
import type { Workspace } from '../model/workspace';
import { parseIp } from '../selectors/cidr';
import { ipBlockContains } from '../selectors/cidr';
import { listKeys, peersKey, policyDiagnostic, rulePath, rulesWithDirection } from './lintContext';

/**
 * NP005: a `namespaceSelector`-only peer next to a `podSelector`-only peer in the same list.
 * Two list items are OR-ed (any pod of those namespaces, or those pods of the policy's own
 * namespace); one item with both fields is the AND most people mean.
 */
export function checkAndOr(ws: Workspace): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const policy of ws.policies) {
    for (const { direction, rule } of rulesWithDirection(policy)) {
      if (rule.peers === 'all') continue;
      for (let i = 1; i < rule.peers.length; i++) {
        const a = rule.peers[i - 1];
        const b = rule.peers[i];
        if (!a || !b) continue;
        const pair = [a.shape, b.shape].sort().join('+');
        if (pair !== 'namespaceSelector+podSelector') continue;
        const key = peersKey(direction);
        out.push(
          policyDiagnostic(
            policy,
            'NP005',
            [...rulePath(direction, rule.index), key, b.index],
            `${key}[${a.index}] (${a.shape} only) and ${key}[${b.index}] (${b.shape} only) are two peers, OR-ed; to mean "these pods in those namespaces", put podSelector and namespaceSelector in ONE list item (drop the "-" before the second)`,
          ),
        );
      }
    }
  }
  return out;
}

/**
 * NP007: an ipBlock that contains pod IPs. Whether ipBlock matches pod traffic is
 * plugin-dependent (the API reference reserves it for cluster-external addresses).
 */
export function checkIpBlockPodIps(ws: Workspace): Diagnostic[] {
  const podIps = ws.pods
    .filter((p) => !p.hostNetwork)
    .flatMap((p) => p.ips.map((ip) => ({ key: p.key, ip: parseIp(ip) })));
  if (podIps.length === 0) return [];
  const out: Diagnostic[] = [];
  for (const policy of ws.policies) {
    for (const { direction, rule } of rulesWithDirection(policy)) {
      if (rule.peers === 'all') continue;
      for (const peer of rule.peers) {
        const m = peer.matcher;
        if (m.kind !== 'ipBlock') continue;
        const covered = [
          ...new Set(podIps.filter((p) => p.ip && ipBlockContains(m.cidr, m.except, p.ip)).map((p) => p.key)),
        ];
        if (covered.length === 0) continue;
        const effect = ws.options.ipBlockMatchesPodIPs
          ? 'this evaluation assumes it does (ipBlockMatchesPodIPs on)'
          : 'this evaluation assumes it does not (ipBlockMatchesPodIPs off)';
        out.push(
          policyDiagnostic(
            policy,
            'NP007',
            [...rulePath(direction, rule.index), peersKey(direction), peer.index, 'ipBlock'],
            `ipBlock ${m.cidr.text} covers the IPs of ${listKeys(covered)}; whether an ipBlock matches pod traffic depends on the network plugin and ${effect}; select pods with podSelector/namespaceSelector instead`,
          ),
        );
      }
    }
  }
  return out;
}
