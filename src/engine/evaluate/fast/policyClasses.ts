import type {
  CompiledPolicy,
  CompiledRule,
  LabelSelector,
  NamespaceMatcher,
  PeerMatcher,
} from '../../model/policy';
import { matchesLabelSelector } from '../../selectors/matchesLabelSelector';
import type { EndpointClasses } from './classes';
import { ipBlockKey } from './ipSignatures';

/**
 * A rule over classes: the classes its peers match (increasing class ids: most peer sets hold
 * a few classes of one namespace, so a list is far smaller than a bit set over every class)
 * and its ports as written.
 */
export type RuleClasses = { readonly peers: Int32Array; readonly ports: CompiledRule['ports'] };

/**
 * A policy over classes: the classes it isolates per direction (null when it does not
 * isolate that direction) and its rules with their peer sets.
 */
export type PolicyClasses = {
  readonly policy: CompiledPolicy;
  readonly selEgress: readonly number[] | null;
  readonly selIngress: readonly number[] | null;
  readonly egress: readonly RuleClasses[];
  readonly ingress: readonly RuleClasses[];
};

/**
 * Compiles policies against a fixed set of classes, memoising peer sets (rules of many
 * policies share selectors) and namespace selections.
 */
export class PolicyCompiler {
  private readonly all: Int32Array;
  private readonly nsMemo = new Map<string, number[]>();
  private readonly peerMemo = new Map<string, Int32Array>();

  constructor(private readonly c: EndpointClasses) {
    this.all = new Int32Array(c.count);
    for (let k = 0; k < c.count; k++) this.all[k] = k;
  }

  /** The policy's selection and rules over the classes. */
  compile(policy: CompiledPolicy): PolicyClasses {
    const nsId = this.c.namespaceId.get(policy.namespace);
    const selected = nsId === undefined ? [] : this.podClasses([nsId], policy.podSelector);
    const rules = (list: readonly CompiledRule[]): RuleClasses[] =>
      list.map((r) => ({ peers: this.rulePeers(policy, r), ports: r.ports }));
    return {
      policy,
      selEgress: policy.policyTypes.includes('Egress') ? selected : null,
      selIngress: policy.policyTypes.includes('Ingress') ? selected : null,
      egress: rules(policy.egress),
      ingress: rules(policy.ingress),
    };
  }

  private rulePeers(policy: CompiledPolicy, rule: CompiledRule): Int32Array {
    if (rule.peers === 'all') return this.all;
    if (rule.peers.length === 1) return this.peerSet(policy, rule.peers[0]!.matcher);
    const union = new Set<number>();
    for (const p of rule.peers) for (const k of this.peerSet(policy, p.matcher)) union.add(k);
    return Int32Array.from(union).sort();
  }

  private peerSet(policy: CompiledPolicy, m: PeerMatcher): Int32Array {
    const key =
      m.kind === 'ipBlock'
        ? `ip:${ipBlockKey(m.cidr, m.except)}`
        : `${namespaceKey(m.namespaces, policy.namespace)}|${JSON.stringify(m.pods)}`;
    let set = this.peerMemo.get(key);
    if (set) return set;
    if (m.kind === 'ipBlock') {
      const block = this.c.sigs.blockIndex.get(ipBlockKey(m.cidr, m.except));
      const members: number[] = [];
      for (let k = 0; k < this.c.count; k++) {
        if (block !== undefined && this.c.sigs.members[this.c.sig[k]!]!.includes(block)) members.push(k);
      }
      set = Int32Array.from(members);
    } else {
      const nsIds = this.namespaces(m.namespaces, policy.namespace);
      set = Int32Array.from(this.podClasses(nsIds, m.pods)).sort();
    }
    this.peerMemo.set(key, set);
    return set;
  }

  private namespaces(m: NamespaceMatcher, own: string): number[] {
    if (m.kind === 'policy-namespace') {
      const id = this.c.namespaceId.get(m.namespace);
      return id === undefined ? [] : [id];
    }
    const key = namespaceKey(m, own);
    let ids = this.nsMemo.get(key);
    if (!ids) {
      ids = [];
      this.c.namespaces.forEach((n, i) => {
        if (matchesLabelSelector(m.selector, n.labels)) ids!.push(i);
      });
      this.nsMemo.set(key, ids);
    }
    return ids;
  }

  /**
   * Pod classes in the namespaces whose labels match: through the label index when an `In`
   * requirement lists fewer classes than the namespaces hold (a `tier: frontend` selector in
   * one namespace would otherwise test every frontend class of the workspace).
   */
  private podClasses(nsIds: readonly number[], selector: LabelSelector): number[] {
    const c = this.c;
    let inNamespaces = 0;
    for (const n of nsIds) inNamespaces += c.byNamespace[n]?.length ?? 0;
    let best: (readonly number[])[] | undefined;
    let bestSize = inNamespaces;
    for (const r of selector.requirements) {
      if (r.operator !== 'In') continue;
      const byValue = c.labelIndex.get(r.key);
      const lists = r.values.map((v) => byValue?.get(v) ?? []);
      const size = lists.reduce((sum, l) => sum + l.length, 0);
      if (size < bestSize) [best, bestSize] = [lists, size];
    }
    const out: number[] = [];
    if (best !== undefined) {
      const inNs = new Set(nsIds);
      for (const list of best)
        for (const k of list) {
          if (inNs.has(c.ns[k]!) && matchesLabelSelector(selector, c.labels[k]!)) out.push(k);
        }
      return out.sort((a, b) => a - b);
    }
    for (const n of nsIds) {
      for (const k of c.byNamespace[n] ?? []) if (matchesLabelSelector(selector, c.labels[k]!)) out.push(k);
    }
    return out;
  }
}

function namespaceKey(m: NamespaceMatcher, own: string): string {
  return m.kind === 'policy-namespace' ? `own:${own}` : `sel:${JSON.stringify(m.selector)}`;
}

/** Which policies isolate each class, per direction (indexes into `slots`). */
export type Isolation = {
  readonly slots: (PolicyClasses | undefined)[];
  readonly egress: number[][];
  readonly ingress: number[][];
};
