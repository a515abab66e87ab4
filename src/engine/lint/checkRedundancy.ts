import type { Diagnostic } from '../model/diagnostics';
import { assertNever } from '../model/ids';
import type {
  CompiledPolicy,
  CompiledRule,
  Direction,
  LabelSelector,
  PeerMatcher,
  PortMatcher,
} from '../model/policy';
import type { Workspace } from '../model/workspace';
import { rulesOf } from '../evaluate/evaluateDirection';
import { peersKey, policyDiagnostic, rulePath } from './lintContext';

function selectorSig(s: LabelSelector): string {
  return s.requirements
    .map((r) => `${r.key} ${r.operator} ${[...r.values].sort().join(',')}`)
    .sort()
    .join(';');
}

/** A canonical text for a peer: equal texts mean the same peer. */
export function peerSignature(m: PeerMatcher): string {
  switch (m.kind) {
    case 'pods':
      return `pods ns[${m.namespaces.kind === 'selector' ? selectorSig(m.namespaces.selector) : `=${m.namespaces.namespace}`}] pods[${selectorSig(m.pods)}]`;
    case 'ipBlock':
      return `ip ${m.cidr.text} except ${m.except
        .map((e) => e.text)
        .sort()
        .join(',')}`;
    default:
      return assertNever(m);
  }
}

/** A canonical text for a port entry. */
export function portSignature(m: PortMatcher): string {
  switch (m.kind) {
    case 'protocol':
      return `${m.protocol}`;
    case 'number':
      return `${m.protocol}/${m.port}`;
    case 'range':
      return `${m.protocol}/${m.port}-${m.endPort}`;
    case 'named':
      return `${m.protocol}/${m.name}`;
    default:
      return assertNever(m);
  }
}

type RuleSig = { peers: Set<string> | 'all'; ports: Set<string> | 'all'; text: string };

function ruleSig(rule: CompiledRule): RuleSig {
  const peers = rule.peers === 'all' ? 'all' : new Set(rule.peers.map((p) => peerSignature(p.matcher)));
  const ports = rule.ports === 'all' ? 'all' : new Set(rule.ports.map((p) => portSignature(p.matcher)));
  const text = (s: Set<string> | 'all'): string => (s === 'all' ? '*' : [...s].sort().join('|'));
  return { peers, ports, text: `${text(peers)} :: ${text(ports)}` };
}

function covers(outer: Set<string> | 'all', inner: Set<string> | 'all'): boolean {
  if (outer === 'all') return true;
  return inner !== 'all' && [...inner].every((x) => outer.has(x));
}

/**
 * NP008: duplicate or redundant rules and entries. A rule is a duplicate when an earlier rule of
 * the same policy (or of another policy of the namespace with the same podSelector) is identical;
 * redundant when another rule of the policy has every one of its peers and ports (or none, i.e.
 * all); a peer or port entry is a duplicate of an earlier one in the same list.
 */
export function checkRedundancy(ws: Workspace): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Map<string, string>();
  for (const policy of ws.policies) {
    for (const direction of ['Ingress', 'Egress'] as const) {
      const rules = rulesOf(policy, direction);
      const sigs = rules.map(ruleSig);
      rules.forEach((rule, i) => {
        const sig = sigs[i] as RuleSig;
        const path = rulePath(direction, rule.index);
        const list = direction === 'Ingress' ? 'ingress' : 'egress';
        const earlierSame = sigs.findIndex((s, j) => j < i && s.text === sig.text);
        const coveredBy = sigs.findIndex(
          (s, j) =>
            j !== i && s.text !== sig.text && covers(s.peers, sig.peers) && covers(s.ports, sig.ports),
        );
        const key = `${policy.namespace} ${selectorSigOf(policy)} ${direction} ${sig.text}`;
        const otherPolicy = seen.get(key);
        if (earlierSame >= 0)
          out.push(
            policyDiagnostic(policy, 'NP008', path, `${list}[${i}] duplicates ${list}[${earlierSame}]`),
          );
        else if (coveredBy >= 0)
          out.push(
            policyDiagnostic(
              policy,
              'NP008',
              path,
              `${list}[${i}] is redundant: ${list}[${coveredBy}] already admits all of its peers and ports`,
            ),
          );
        else if (otherPolicy !== undefined && otherPolicy !== policy.key)
          out.push(
            policyDiagnostic(
              policy,
              'NP008',
              path,
              `${list}[${i}] duplicates a rule of ${otherPolicy} (same namespace and podSelector)`,
            ),
          );
        if (!seen.has(key)) seen.set(key, policy.key);
        out.push(...duplicateEntries(policy, rule, direction));
      });
    }
  }
  return out;
}

function selectorSigOf(policy: CompiledPolicy): string {
  return selectorSig(policy.podSelector);
}

function duplicateEntries(policy: CompiledPolicy, rule: CompiledRule, direction: Direction): Diagnostic[] {
  const out: Diagnostic[] = [];
  const path = rulePath(direction, rule.index);
  const check = (items: readonly { index: number; sig: string }[], key: string): void => {
    items.forEach((item, i) => {
      const first = items.findIndex((o, j) => j < i && o.sig === item.sig);
      if (first >= 0)
        out.push(
          policyDiagnostic(
            policy,
            'NP008',
            [...path, key, item.index],
            `${key}[${item.index}] duplicates ${key}[${items[first]?.index}]`,
          ),
        );
    });
  };
  if (rule.peers !== 'all')
    check(
      rule.peers.map((p) => ({ index: p.index, sig: peerSignature(p.matcher) })),
      peersKey(direction),
    );
  if (rule.ports !== 'all')
    check(
      rule.ports.map((p) => ({ index: p.index, sig: portSignature(p.matcher) })),
      'ports',
    );
  return out;
}
