import type { Diagnostic } from '../model/diagnostics';
import type { PolicyKey } from '../model/ids';
import type { CompiledPolicy } from '../model/policy';
import type { PodInfo } from '../model/resources';
import type { Workspace } from '../model/workspace';
import { evaluateConnection } from '../evaluate/evaluateConnection';
import { isolatingPoliciesFor } from '../evaluate/evaluateDirection';
import { resolveEndpoint } from '../evaluate/resolveEndpoint';
import { matchesPort } from '../selectors/matchesPort';
import type { Protocol } from '../model/resources';
import { listKeys, policyDiagnostic, selectedPods } from './lintContext';

const DNS_PROTOCOLS: readonly Protocol[] = ['UDP', 'TCP'];

/** kube-dns / CoreDNS pods: `k8s-app=kube-dns` in `kube-system`. */
export function dnsPods(ws: Workspace): PodInfo[] {
  return ws.pods.filter((p) => p.namespace === 'kube-system' && p.labels['k8s-app'] === 'kube-dns');
}

/**
 * NP004: pods isolated for egress that cannot reach DNS (UDP and TCP 53). With kube-dns pods in
 * the workspace the real egress verdict toward them is checked; without, whether any egress
 * rule of the isolating policies admits port 53 at all. One finding per policy, on the first
 * isolating policy of each affected pod.
 */
export function checkDns(ws: Workspace): Diagnostic[] {
  const targets = dnsPods(ws);
  const affected = new Map<PolicyKey, { policy: CompiledPolicy; pods: string[]; blocked: Set<Protocol> }>();
  for (const pod of ws.pods) {
    const isolating = isolatingPoliciesFor(ws, resolveEndpoint(ws, { kind: 'pod', key: pod.key }), 'Egress');
    const first = isolating[0];
    if (!first || targets.some((t) => t.key === pod.key)) continue;
    const blocked = DNS_PROTOCOLS.filter((protocol) =>
      targets.length > 0
        ? !targets.some(
            (t) =>
              evaluateConnection(
                ws,
                { kind: 'pod', key: pod.key },
                { kind: 'pod', key: t.key },
                { port: 53, protocol },
              ).egress.allowed,
          )
        : !admitsPortAnywhere(isolating, protocol),
    );
    if (blocked.length === 0) continue;
    const entry = affected.get(first.key) ?? { policy: first, pods: [], blocked: new Set<Protocol>() };
    entry.pods.push(pod.key);
    blocked.forEach((b) => entry.blocked.add(b));
    affected.set(first.key, entry);
  }
  const out = [...affected.values()].map(({ policy, pods, blocked }) =>
    policyDiagnostic(
      policy,
      'NP004',
      ['spec', 'policyTypes'],
      `${dnsMessage(blocked, targets.length > 0)} for ${listKeys(pods)}: add an egress rule to kube-dns (k8s-app=kube-dns in kube-system) on port 53 UDP and TCP`,
    ),
  );
  // A policies-only workspace: judge each egress-isolating policy's namespace on its own.
  if (ws.pods.length === 0) {
    for (const policy of ws.policies.filter((p) => p.policyTypes.includes('Egress'))) {
      const peers = ws.policies.filter(
        (p) => p.namespace === policy.namespace && p.policyTypes.includes('Egress'),
      );
      const blocked = new Set(DNS_PROTOCOLS.filter((protocol) => !admitsPortAnywhere(peers, protocol)));
      if (blocked.size > 0 && selectedPods(ws, policy).length === 0 && peers[0] === policy) {
        out.push(
          policyDiagnostic(
            policy,
            'NP004',
            ['spec', 'policyTypes'],
            `${dnsMessage(blocked, false)} for the pods it selects: add an egress rule to kube-dns (k8s-app=kube-dns in kube-system) on port 53 UDP and TCP`,
          ),
        );
      }
    }
  }
  return out;
}

function dnsMessage(blocked: ReadonlySet<Protocol>, haveTargets: boolean): string {
  const what = [...blocked].map((p) => `${p} 53`).join(' and ');
  return haveTargets
    ? `egress isolation blocks DNS (${what} to kube-dns)`
    : `egress isolation allows DNS (${what}) to no destination`;
}

function admitsPortAnywhere(policies: readonly CompiledPolicy[], protocol: Protocol): boolean {
  return policies.some((p) =>
    p.egress.some(
      (r) =>
        r.ports === 'all' ||
        r.ports.some((e) => e.matcher.kind !== 'named' && matchesPort(e.matcher, { protocol, port: 53 }, [])),
    ),
  );
}
