import { clearBit, hasBit, orAndInto, orInto, setBit, transposeStrip, wordsFor } from './bits';
import { admission, type Admission, type NamedPorts, type PlanEntry, type PortPlan } from './portPlan';
import type { PolicyClasses } from './policyClasses';

/** Which policies isolate each class, per direction (indexes into `slots`). */
export type Isolation = {
  readonly slots: (PolicyClasses | undefined)[];
  readonly egress: number[][];
  readonly ingress: number[][];
};

type PolicyAdmission = { readonly egress: Admission[]; readonly ingress: Admission[] };

/** Per plan term: egress rows of the egress-isolated classes, ingress transposed (row = source). */
type EntryState = {
  readonly entry: PlanEntry;
  readonly egressRows: Map<number, Uint32Array>;
  readonly ingressT: Uint32Array;
  readonly admissions: WeakMap<PolicyClasses, PolicyAdmission>;
};

/**
 * The class-level truth table of one port question: `allowed` row `s` holds the destination
 * classes `s` may reach (no per-endpoint exception applied). Per plan term it keeps the egress
 * rows (E[s] = OR of the peer sets of the rules of the policies isolating `s`, for egress) and
 * the transposed ingress matrix (Iᵀ[s] = destinations whose ingress admits `s`), so that a
 * policy edit recomputes only the rows (egress) and columns (ingress) of the classes it selects.
 */
export class ClassMatrix {
  readonly words: number;
  allowed: Uint32Array;
  private readonly entries: EntryState[];
  private readonly block = new Uint32Array(32);

  constructor(
    private readonly count: number,
    private readonly iso: Isolation,
    readonly plan: PortPlan,
    private readonly named: NamedPorts,
  ) {
    const words = (this.words = wordsFor(count));
    this.entries = plan.entries.map((entry) => ({
      entry,
      egressRows: new Map(),
      ingressT: new Uint32Array(count * words),
      admissions: new WeakMap(),
    }));
    this.allowed = new Uint32Array(count * words);
    const strip = new Uint32Array(32 * words);
    const row = new Uint32Array(words);
    for (const e of this.entries) {
      for (let s = 0; s < count; s++) {
        if (iso.egress[s]!.length > 0) e.egressRows.set(s, this.egressRow(e, s, new Uint32Array(words)));
      }
      for (let strip0 = 0; strip0 < count; strip0 += 32) {
        strip.fill(0);
        let any = false;
        for (let r = 0; r < 32 && strip0 + r < count; r++) {
          if (iso.ingress[strip0 + r]!.length === 0) continue;
          row.fill(0);
          this.ingressRow(e, strip0 + r, row);
          strip.set(row, r * words);
          any = true;
        }
        if (any) transposeStrip(strip, words, strip0 >>> 5, e.ingressT, count, words, this.block);
      }
      const open = new Uint32Array(words);
      for (let d = 0; d < count; d++) if (iso.ingress[d]!.length === 0) setBit(open, 0, d);
      for (let s = 0; s < count; s++) orInto(e.ingressT, s * words, open, words);
    }
    for (let s = 0; s < count; s++) this.recomputeRow(this.allowed, s);
  }

  /**
   * Applies a change of the isolation lists (already updated): egress rows of `egressClasses`
   * and ingress columns of `ingressClasses` are recomputed; `allowed` becomes a new array so
   * that tables handed out earlier keep their snapshot.
   */
  update(egressClasses: Iterable<number>, ingressClasses: Iterable<number>): void {
    const words = this.words;
    const count = this.count;
    const cols = [...ingressClasses];
    const rows = [...egressClasses];
    const egressOpen = new Uint32Array(words);
    for (let s = 0; s < count; s++) if (this.iso.egress[s]!.length === 0) setBit(egressOpen, 0, s);
    // Column d of `allowed`, as a set of sources: OR over terms of (E column & I row & mask).
    const colBits = cols.map(() => new Uint32Array(words));
    const row = new Uint32Array(words);
    const eCol = new Uint32Array(words);
    for (const e of this.entries) {
      for (const s of rows) {
        if (this.iso.egress[s]!.length > 0) e.egressRows.set(s, this.egressRow(e, s, new Uint32Array(words)));
        else e.egressRows.delete(s);
      }
      cols.forEach((d, k) => {
        const open = this.iso.ingress[d]!.length === 0;
        if (open) row.fill(-1);
        else {
          row.fill(0);
          this.ingressRow(e, d, row);
        }
        for (let s = 0; s < count; s++) {
          if (hasBit(row, 0, s)) setBit(e.ingressT, s * words, d);
          else clearBit(e.ingressT, s * words, d);
        }
        const m = e.entry.mask;
        if (m && !hasBit(m, 0, d)) return;
        eCol.set(egressOpen);
        for (const [s, eg] of e.egressRows) if (hasBit(eg, 0, d)) setBit(eCol, 0, s);
        orAndInto(colBits[k]!, 0, eCol, row, words);
      });
    }
    const next = this.allowed.slice();
    for (const s of rows) this.recomputeRow(next, s);
    cols.forEach((d, k) => {
      const bits = colBits[k]!;
      for (let s = 0; s < count; s++) {
        if (hasBit(bits, 0, s)) setBit(next, s * words, d);
        else clearBit(next, s * words, d);
      }
    });
    this.allowed = next;
  }

  private recomputeRow(target: Uint32Array, s: number): void {
    const words = this.words;
    const off = s * words;
    target.fill(0, off, off + words);
    for (const e of this.entries) {
      const eg = e.egressRows.get(s);
      const m = e.entry.mask;
      const it = e.ingressT;
      for (let w = 0; w < words; w++) {
        target[off + w]! |= (eg ? eg[w]! : -1) & it[off + w]! & (m ? m[w]! : -1);
      }
    }
  }

  private admissionsOf(e: EntryState, pc: PolicyClasses): PolicyAdmission {
    let a = e.admissions.get(pc);
    if (!a) {
      const point = e.entry.point;
      a = {
        egress: pc.egress.map((r) => admission(r, point, this.named)),
        ingress: pc.ingress.map((r) => admission(r, point, this.named)),
      };
      e.admissions.set(pc, a);
    }
    return a;
  }

  /** E[s]: the destinations some egress rule of a policy isolating `s` admits at this term. */
  private egressRow(e: EntryState, s: number, out: Uint32Array): Uint32Array {
    for (const slot of this.iso.egress[s]!) {
      const pc = this.iso.slots[slot]!;
      const adm = this.admissionsOf(e, pc).egress;
      pc.egress.forEach((rule, i) => {
        const a = adm[i]!;
        if (a === 'all') orInto(out, 0, rule.peers, this.words);
        else if (a !== 'none') orAndInto(out, 0, rule.peers, a, this.words);
      });
    }
    return out;
  }

  /** I[d]: the sources some ingress rule of a policy isolating `d` admits at this term. */
  private ingressRow(e: EntryState, d: number, out: Uint32Array): void {
    for (const slot of this.iso.ingress[d]!) {
      const pc = this.iso.slots[slot]!;
      const adm = this.admissionsOf(e, pc).ingress;
      pc.ingress.forEach((rule, i) => {
        const a = adm[i]!;
        if (a === 'all' || (a !== 'none' && hasBit(a, 0, d))) orInto(out, 0, rule.peers, this.words);
      });
    }
  }
}
