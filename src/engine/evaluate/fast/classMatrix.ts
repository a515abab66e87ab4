import { fullSet, hasBit, orAndInto, orInto, setBit, transposeStrip, wordsFor } from './bits';
import type { ClassGroups } from './classGroups';
import { admission, type Admission, type NamedPorts, type PortPlan } from './portPlan';
import type { Isolation, PolicyClasses } from './policyClasses';

/**
 * A class matrix stored over class groups (see {@link ClassGroups}): the cell of classes
 * (s, d) is bit `dst[d]` of row `src[s]` of `bits` (`words` words per row). A dense class
 * matrix is the case where both maps are the identity.
 */
export type GroupBits = {
  readonly bits: Uint32Array;
  readonly words: number;
  readonly src: Int32Array;
  readonly dst: Int32Array;
};

type PolicyAdmission = {
  readonly pc: PolicyClasses;
  readonly egress: Admission[];
  readonly ingress: Admission[];
};

/**
 * The class-level truth table of one port question, over the class groups: row `gs` holds
 * the destination groups the source group `gs` may reach (no per-endpoint exception applied).
 * Per plan term, E[gs] (OR of the peer sets of the egress rules isolating `gs`) is AND-ed with
 * the transposed ingress rows I[gd] (OR of the peer sets of the ingress rules isolating `gd`
 * that admit the term). Groups are few (a few thousand at 20,000 classes), so the matrix is
 * recomputed whole when the policies change; each result is a new array (a snapshot).
 */
export class ClassMatrix {
  /** Per term, per policy slot: what each rule admits at the term's port (for the slot's current policy). */
  private readonly admissions: (PolicyAdmission | undefined)[][];
  private cached: { readonly groups: ClassGroups; readonly bits: GroupBits } | undefined;

  constructor(
    private readonly iso: Isolation,
    readonly plan: PortPlan,
    private readonly named: NamedPorts,
  ) {
    this.admissions = plan.entries.map(() => []);
  }

  /** The matrix under these groups (and the isolation lists they were made from). */
  at(groups: ClassGroups): GroupBits {
    if (this.cached?.groups !== groups) this.cached = { groups, bits: this.compute(groups) };
    return this.cached.bits;
  }

  private compute(g: ClassGroups): GroupBits {
    const { srcReps, dstReps } = g;
    const S = srcReps.length;
    const D = dstReps.length;
    const sw = wordsFor(S);
    const dw = wordsFor(D);
    // Class sets as sets of groups (membership is the same across a group): peer lists
    // through each member's group, bit sets (named ports, masks) through each group's first class.
    const peersAsGroups = (group: Int32Array, words: number) => {
      const memo = new Map<Int32Array, Uint32Array>();
      return (members: Int32Array): Uint32Array => {
        let out = memo.get(members);
        if (!out) {
          out = new Uint32Array(words);
          for (const k of members) setBit(out, 0, group[k]!);
          memo.set(members, out);
        }
        return out;
      };
    };
    const srcPeers = peersAsGroups(g.src, sw);
    const dstPeers = peersAsGroups(g.dst, dw);
    const dstMemo = new Map<Uint32Array, Uint32Array>();
    const toDst = (set: Uint32Array): Uint32Array => {
      let out = dstMemo.get(set);
      if (!out) {
        out = new Uint32Array(dw);
        for (let i = 0; i < D; i++) if (hasBit(set, 0, dstReps[i]!)) setBit(out, 0, i);
        dstMemo.set(set, out);
      }
      return out;
    };
    const allSources = fullSet(S);
    const out = new Uint32Array(S * dw);
    const strip = new Uint32Array(32 * sw);
    const block = new Uint32Array(32);
    const row = new Uint32Array(dw);
    this.plan.entries.forEach((entry, t) => {
      // Iᵀ: row gs = the destination groups whose ingress admits gs at this term.
      const it = new Uint32Array(S * dw);
      for (let strip0 = 0; strip0 < D; strip0 += 32) {
        strip.fill(0);
        for (let r = 0; r < 32 && strip0 + r < D; r++) {
          const d = dstReps[strip0 + r]!;
          const slots = this.iso.ingress[d]!;
          if (slots.length === 0) {
            strip.set(allSources, r * sw);
            continue;
          }
          for (const slot of slots) {
            const { pc, ingress: adm } = this.admissionsOf(t, slot);
            for (let i = 0; i < adm.length; i++) {
              const a = adm[i]!;
              if (a === 'all' || (a !== 'none' && hasBit(a, 0, d)))
                orInto(strip, r * sw, srcPeers(pc.ingress[i]!.peers), sw);
            }
          }
        }
        transposeStrip(strip, sw, strip0 >>> 5, it, S, dw, block);
      }
      const mask = entry.mask ? toDst(entry.mask) : null;
      for (let gs = 0; gs < S; gs++) {
        const slots = this.iso.egress[srcReps[gs]!]!;
        const open = slots.length === 0;
        if (!open) {
          row.fill(0);
          for (const slot of slots) {
            const { pc, egress: adm } = this.admissionsOf(t, slot);
            for (let i = 0; i < adm.length; i++) {
              const a = adm[i]!;
              const peers = pc.egress[i]!.peers;
              if (a === 'all') orInto(row, 0, dstPeers(peers), dw);
              else if (a !== 'none') orAndInto(row, 0, dstPeers(peers), toDst(a), dw);
            }
          }
        }
        const off = gs * dw;
        for (let w = 0; w < dw; w++) {
          out[off + w]! |= (open ? -1 : row[w]!) & it[off + w]! & (mask ? mask[w]! : -1);
        }
      }
    });
    return { bits: out, words: dw, src: g.src, dst: g.dst };
  }

  private admissionsOf(t: number, slot: number): PolicyAdmission {
    const memo = this.admissions[t]!;
    const pc = this.iso.slots[slot]!;
    let a = memo[slot];
    if (a?.pc !== pc) {
      const point = this.plan.entries[t]!.point;
      a = memo[slot] = {
        pc,
        egress: pc.egress.map((r) => admission(r, point, this.named)),
        ingress: pc.ingress.map((r) => admission(r, point, this.named)),
      };
    }
    return a;
  }
}
