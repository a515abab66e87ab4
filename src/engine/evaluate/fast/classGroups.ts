import type { EndpointClasses } from './classes';
import type { Isolation, PolicyClasses, RuleClasses } from './policyClasses';

/**
 * The classes grouped per side by what a port matrix can tell apart: two classes share a
 * source group when the same policies' rules isolate them for egress (by content) and every
 * ingress peer set holds both or neither; they share a destination group when the same
 * ingress rules (by content) isolate them, they have the same container ports, and every
 * egress peer set holds both or neither. A cell of a class matrix is then a function of the
 * row's source group and the column's destination group. With every pod in its own label
 * class this is what keeps the matrices small: 20,000 classes fall into ~1,000 source groups
 * (most classes are only told apart by a few peer sets) and a few thousand destination groups.
 */
export type ClassGroups = {
  /** Source group of each class, and one class of each source group. */
  readonly src: Int32Array;
  readonly srcReps: Int32Array;
  /** Destination group of each class, and one class of each destination group. */
  readonly dst: Int32Array;
  readonly dstReps: Int32Array;
};

type PolicyKeys = { readonly egress: string; readonly ingress: string };

/**
 * Keeps the {@link ClassGroups} of a set of classes under the isolation lists as policies
 * change: `touch` the classes whose lists changed, then `groups` recomputes the grouping
 * (a new object; earlier ones are never changed, so tables holding them stay snapshots).
 */
export class ClassGrouper {
  /**
   * Per class, as ids of interned keys: the egress rules isolating it (source side), the
   * ingress rules isolating it and its container ports (destination side).
   */
  private readonly srcKey: Int32Array;
  private readonly dstKey: Int32Array;
  private readonly ports: Int32Array;
  private readonly keyIds = new Map<string, number>();
  private readonly policyKeys = new WeakMap<PolicyClasses, PolicyKeys>();
  private readonly peerIds = new WeakMap<Int32Array, number>();
  private readonly portIds = new Map<string, number>();
  private nextPeerId = 0;
  private current: ClassGroups | undefined;

  constructor(
    private readonly c: EndpointClasses,
    private readonly iso: Isolation,
  ) {
    this.ports = Int32Array.from(c.portsId);
    this.srcKey = new Int32Array(c.count);
    this.dstKey = new Int32Array(c.count);
    for (let k = 0; k < c.count; k++) {
      this.srcKey[k] = this.classKey(iso.egress[k]!, 'egress');
      this.dstKey[k] = this.classKey(iso.ingress[k]!, 'ingress', k);
    }
  }

  /** The isolation lists of these classes changed (per direction). */
  touch(egress: Iterable<number>, ingress: Iterable<number>): void {
    for (const k of egress) this.srcKey[k] = this.classKey(this.iso.egress[k]!, 'egress');
    for (const k of ingress) this.dstKey[k] = this.classKey(this.iso.ingress[k]!, 'ingress', k);
    this.current = undefined;
  }

  /** The grouping under the current policies (the same object until something is touched). */
  groups(): ClassGroups {
    if (this.current) return this.current;
    const ingressPeers = new Set<Int32Array>();
    const egressPeers = new Set<Int32Array>();
    for (const pc of this.iso.slots) {
      if (!pc) continue;
      for (const r of pc.ingress) ingressPeers.add(r.peers);
      for (const r of pc.egress) egressPeers.add(r.peers);
    }
    const [src, srcReps] = this.partition(this.srcKey, ingressPeers);
    const [dst, dstReps] = this.partition(this.dstKey, egressPeers);
    return (this.current = { src, srcReps, dst, dstReps });
  }

  /**
   * Classes with equal keys and the same membership in every set, numbered by first class;
   * returns each class's group and each group's first class.
   */
  private partition(keys: Int32Array, sets: Iterable<Int32Array>): [Int32Array, Int32Array] {
    const count = keys.length;
    const group = keys.slice();
    let next = 0;
    for (let k = 0; k < count; k++) next = Math.max(next, keys[k]! + 1);
    // Refinement: the members of a set leave their group for a new one (per set, one new
    // group per old group it touches). Emptied groups disappear in the renumbering.
    const stamp: number[] = [];
    const moved: number[] = [];
    let round = 0;
    for (const set of sets) {
      round++;
      for (const k of set) {
        const g = group[k]!;
        if (stamp[g] !== round) {
          stamp[g] = round;
          moved[g] = next++;
        }
        group[k] = moved[g]!;
      }
    }
    const renumber = new Int32Array(next).fill(-1);
    const reps: number[] = [];
    for (let k = 0; k < count; k++) {
      const g = group[k]!;
      if (renumber[g] === -1) renumber[g] = reps.push(k) - 1;
      group[k] = renumber[g]!;
    }
    return [group, Int32Array.from(reps)];
  }

  private intern(key: string): number {
    let id = this.keyIds.get(key);
    if (id === undefined) this.keyIds.set(key, (id = this.keyIds.size));
    return id;
  }

  /** What a class's isolation lists mean for one side (see {@link ClassGroups}), as a key id. */
  private classKey(slots: readonly number[], direction: 'egress' | 'ingress', k = -1): number {
    const ports = direction === 'ingress' ? `#${this.ports[k]!}` : '';
    if (slots.length === 0) return this.intern(ports);
    const keys = slots.map((slot) => this.keysOf(this.iso.slots[slot]!)[direction]);
    if (keys.length > 1) keys.sort();
    return this.intern(`i${keys.join('|')}${ports}`);
  }

  private keysOf(pc: PolicyClasses): PolicyKeys {
    let keys = this.policyKeys.get(pc);
    if (!keys) {
      const rules = (list: readonly RuleClasses[]): string => list.map((r) => this.ruleKey(r)).join(',');
      keys = { egress: rules(pc.egress), ingress: rules(pc.ingress) };
      this.policyKeys.set(pc, keys);
    }
    return keys;
  }

  /** A rule by content: its peer set (by identity) and its ports. */
  private ruleKey(r: RuleClasses): string {
    let peers = this.peerIds.get(r.peers);
    if (peers === undefined) this.peerIds.set(r.peers, (peers = this.nextPeerId++));
    const text = r.ports === 'all' ? 'all' : JSON.stringify(r.ports.map((p) => p.matcher));
    let ports = this.portIds.get(text);
    if (ports === undefined) this.portIds.set(text, (ports = this.portIds.size));
    return `${peers}:${ports}`;
  }
}
