/**
 * Allowed cells of a truth table summed per pair of row blocks (the canvas's namespaces and
 * outside addresses), from the matrix over class groups instead of the cells: a sum over a
 * source group's rows in block A and a destination group's columns in block B is the
 * product of their sizes when the groups' bit is set. The cells the exceptions allow
 * (`self`, `node-local`) are then added where the groups' bit is not. At 5,000 pods in 5,000
 * classes the canvas summed 25 M cells per answer on the page's thread (~0.1 s); this is a
 * few group rows per block.
 */
import { baseAllowed, forEachExceptionCell } from '../cellMatrix';
import type { CellMatrix } from '../cellMatrix';

/** Per block pair (`from * blocks + to`), counts of allowed cells. */
export type BlockSums = {
  readonly blocks: number;
  /** Every allowed cell. */
  readonly all: Float64Array;
  /** Allowed cells whose row is flagged (`rowFlag`). */
  readonly fromFlagged: Float64Array;
  /** Allowed cells whose column is flagged (`colFlag`). */
  readonly toFlagged: Float64Array;
};

/** Members of one group in one block: how many, and how many of them flagged. */
type Share = { block: number; count: number; flagged: number };

function sharesOf(groupOf: Int32Array, block: Int32Array, flag: Uint8Array, n: number) {
  const byGroup = new Map<number, Map<number, Share>>();
  for (let i = 0; i < n; i++) {
    const g = groupOf[i]!;
    let shares = byGroup.get(g);
    if (!shares) byGroup.set(g, (shares = new Map<number, Share>()));
    const b = block[i]!;
    let share = shares.get(b);
    if (!share) shares.set(b, (share = { block: b, count: 0, flagged: 0 }));
    share.count++;
    if (flag[i] === 1) share.flagged++;
  }
  const out = new Map<number, Share[]>();
  for (const [g, shares] of byGroup) out.set(g, [...shares.values()]);
  return out;
}

export function blockSums(
  m: CellMatrix,
  block: Int32Array,
  blocks: number,
  rowFlag: Uint8Array,
  colFlag: Uint8Array,
  out?: BlockSums,
): BlockSums {
  const { n } = m;
  // Sums of the same size written over (`out`): fresh arrays of a few MB cost more than the
  // sums (Chromium maps and zeroes them anew: ~20 ms a keystroke at 500 namespaces).
  const reuse = out?.blocks === blocks;
  const all = reuse ? out.all.fill(0) : new Float64Array(blocks * blocks);
  const fromFlagged = reuse ? out.fromFlagged.fill(0) : new Float64Array(blocks * blocks);
  const toFlagged = reuse ? out.toFlagged.fill(0) : new Float64Array(blocks * blocks);
  const rowShares = sharesOf(m.rowSrc, block, rowFlag, n);
  const colShares: (Share[] | undefined)[] = [];
  for (const [gd, shares] of sharesOf(m.rowDst, block, colFlag, n)) colShares[gd] = shares;
  const reach = new Float64Array(blocks);
  const reachFlagged = new Float64Array(blocks);
  // The blocks a row reaches: only those are visited and cleared (a group reaches a few of
  // hundreds of namespaces under a default deny).
  const touched = new Int32Array(blocks);
  for (const [gs, shares] of rowShares) {
    // What one row of this source group reaches, per block: all columns, and flagged ones.
    let reached = 0;
    const off = gs * m.words;
    for (let w = 0; w < m.words; w++) {
      // The set bits of the word, lowest first.
      for (let x = m.bits[off + w]!; x !== 0;) {
        const low = x & -x;
        x ^= low;
        const columns = colShares[w * 32 + 31 - Math.clz32(low)];
        if (!columns) continue;
        for (const c of columns) {
          if (reach[c.block] === 0 && reachFlagged[c.block] === 0) touched[reached++] = c.block;
          reach[c.block]! += c.count;
          reachFlagged[c.block]! += c.flagged;
        }
      }
    }
    for (const r of shares) {
      const base = r.block * blocks;
      for (let t = 0; t < reached; t++) {
        const b = touched[t]!;
        const cells = reach[b]!;
        all[base + b]! += r.count * cells;
        fromFlagged[base + b]! += r.flagged * cells;
        toFlagged[base + b]! += r.count * reachFlagged[b]!;
      }
    }
    for (let t = 0; t < reached; t++) reach[touched[t]!] = reachFlagged[touched[t]!] = 0;
  }
  // The cells the exceptions allow where the groups' bit does not (each counted once).
  const extra = new Set<number>();
  forEachExceptionCell(m, (i, j) => {
    if (!baseAllowed(m, i, j)) extra.add(i * n + j);
  });
  for (const cell of extra) {
    const i = Math.floor(cell / n);
    const j = cell - i * n;
    const at = block[i]! * blocks + block[j]!;
    all[at]! += 1;
    if (rowFlag[i] === 1) fromFlagged[at]! += 1;
    if (colFlag[j] === 1) toFlagged[at]! += 1;
  }
  return { blocks, all, fromFlagged, toFlagged };
}
