/**
 * A truth table of one port in the compact form the fast engine computes it: a bit matrix over
 * row groups (rows whose cells are alike share a source group, and a destination group) plus
 * the two per-row exceptions (the same pod, and host-level traffic on one node). At 5,000
 * pods in 5,000 classes it is a few MB where the row-major byte matrix is 25 MB (100 MB at
 * 10,000), so it is what the worker sends; `cellsToBytes` makes the byte matrix where one is
 * really wanted.
 */
import { wordsFor } from './fast/bits';

export interface CellMatrix {
  /** Rows (and columns): pods, then outside addresses. */
  readonly n: number;
  /** Words per source group's row of `bits`. */
  readonly words: number;
  /** Source groups x destination groups, one bit per pair (1: allowed). */
  readonly bits: Uint32Array;
  /** Per row: its source group (a row of `bits`). */
  readonly rowSrc: Int32Array;
  /** Per row, as a column: its destination group (a bit of a row of `bits`). */
  readonly rowDst: Int32Array;
  /** Pod index for single-instance pods (and addresses owned by one), -1 otherwise. */
  readonly rowSelf: Int32Array;
  /** Node id, -1 when none. */
  readonly rowNode: Int32Array;
  /** 1 for a host-level endpoint (a node, a hostNetwork pod). */
  readonly rowHost: Uint8Array;
}

/** Whether a cell is allowed by an exception: the same pod, or host-level traffic on one node. */
function exception(m: CellMatrix, i: number, j: number): boolean {
  const self = m.rowSelf[i]!;
  const node = m.rowNode[i]!;
  return (
    (self >= 0 && self === m.rowSelf[j]) ||
    (node >= 0 && node === m.rowNode[j] && (m.rowHost[i]! | m.rowHost[j]!) === 1)
  );
}

function baseBit(m: CellMatrix, gs: number, gd: number): boolean {
  return ((m.bits[gs * m.words + (gd >>> 5)]! >>> (gd & 31)) & 1) === 1;
}

/** Whether row `i` may reach column `j` (both in range). */
export function cellAllowed(m: CellMatrix, i: number, j: number): boolean {
  return exception(m, i, j) || baseAllowed(m, i, j);
}

/** Whether the groups of row `i` and column `j` allow the cell, before the exceptions. */
export function baseAllowed(m: CellMatrix, i: number, j: number): boolean {
  return baseBit(m, m.rowSrc[i]!, m.rowDst[j]!);
}

/** Rows sharing a self id, and rows on one node, per matrix (made on the first row read). */
const membersOf = new WeakMap<CellMatrix, { selves: Map<number, number[]>; onNode: Map<number, number[]> }>();

function members(m: CellMatrix): { selves: Map<number, number[]>; onNode: Map<number, number[]> } {
  let found = membersOf.get(m);
  if (!found) {
    found = { selves: new Map(), onNode: new Map() };
    for (let i = 0; i < m.n; i++) {
      if (m.rowSelf[i]! >= 0) pushTo(found.selves, m.rowSelf[i]!, i);
      if (m.rowNode[i]! >= 0) pushTo(found.onNode, m.rowNode[i]!, i);
    }
    membersOf.set(m, found);
  }
  return found;
}

/**
 * Visits every cell an exception allows: a pod (and the addresses it owns) reaching itself,
 * and host-level rows reaching, and reached by, everything on their node. A cell may be
 * visited more than once.
 */
export function forEachExceptionCell(m: CellMatrix, visit: (i: number, j: number) => void): void {
  const { selves, onNode } = members(m);
  for (const list of selves.values()) for (const i of list) for (const j of list) visit(i, j);
  for (const list of onNode.values())
    for (const h of list) {
      if (m.rowHost[h] !== 1) continue;
      for (const j of list) {
        visit(h, j);
        visit(j, h);
      }
    }
}

/** Row `i` into `out` (`n` bytes, 1 = allowed): a scan of many rows reads bytes, not cells. */
export function cellRow(m: CellMatrix, i: number, out: Uint8Array): Uint8Array {
  const offset = m.rowSrc[i]! * m.words;
  for (let j = 0; j < m.n; j++) {
    const gd = m.rowDst[j]!;
    out[j] = (m.bits[offset + (gd >>> 5)]! >>> (gd & 31)) & 1;
  }
  if (m.rowSelf[i]! >= 0 || m.rowNode[i]! >= 0) {
    const { selves, onNode } = members(m);
    for (const j of selves.get(m.rowSelf[i]!) ?? []) out[j] = 1;
    for (const j of onNode.get(m.rowNode[i]!) ?? []) if ((m.rowHost[i]! | m.rowHost[j]!) === 1) out[j] = 1;
  }
  return out;
}

/** The row-major `n` x `n` byte matrix (1 = allowed). */
export function cellsToBytes(m: CellMatrix): Uint8Array {
  const { n } = m;
  const out = new Uint8Array(n * n);
  const firstRowOfGroup = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const gs = m.rowSrc[i]!;
    const prior = firstRowOfGroup.get(gs);
    if (prior !== undefined) out.copyWithin(i * n, prior * n, prior * n + n);
    else {
      firstRowOfGroup.set(gs, i);
      for (let j = 0; j < n; j++) out[i * n + j] = baseBit(m, gs, m.rowDst[j]!) ? 1 : 0;
    }
  }
  forEachExceptionCell(m, (i, j) => {
    out[i * n + j] = 1;
  });
  return out;
}

/** A byte matrix as a cell matrix (each row its own group, no exceptions): tests, tables made elsewhere. */
export function cellsFromBytes(n: number, allowed: Uint8Array): CellMatrix {
  const words = wordsFor(n);
  const bits = new Uint32Array(n * words);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) if (allowed[i * n + j] === 1) bits[i * words + (j >>> 5)]! |= 1 << (j & 31);
  const identity = Int32Array.from({ length: n }, (_, i) => i);
  return {
    n,
    words,
    bits,
    rowSrc: identity,
    rowDst: identity.slice(),
    rowSelf: new Int32Array(n).fill(-1),
    rowNode: new Int32Array(n).fill(-1),
    rowHost: new Uint8Array(n),
  };
}

/** Every cell allowed (no policy enforced). */
export function allAllowedCells(n: number): CellMatrix {
  return {
    n,
    words: 1,
    bits: Uint32Array.of(1),
    rowSrc: new Int32Array(n),
    rowDst: new Int32Array(n),
    rowSelf: new Int32Array(n).fill(-1),
    rowNode: new Int32Array(n).fill(-1),
    rowHost: new Uint8Array(n),
  };
}

/** A copy with buffers of its own (to transfer to another thread). */
export function copyCells(m: CellMatrix): CellMatrix {
  return {
    n: m.n,
    words: m.words,
    bits: m.bits.slice(),
    rowSrc: m.rowSrc.slice(),
    rowDst: m.rowDst.slice(),
    rowSelf: m.rowSelf.slice(),
    rowNode: m.rowNode.slice(),
    rowHost: m.rowHost.slice(),
  };
}

/** The buffers of a cell matrix (a transfer list). */
export const cellBuffers = (m: CellMatrix): ArrayBuffer[] =>
  [m.bits, m.rowSrc, m.rowDst, m.rowSelf, m.rowNode, m.rowHost].map((a) => a.buffer as ArrayBuffer);

/**
 * As `openEndsOf` over the byte matrix, from the groups: a row is open when each of its blocked
 * cells is on the diagonal or an exception, which the first blocked cell that is neither
 * settles (a row whose source group allows every destination group present is open at once).
 * Columns likewise. Costs about groups x words plus the cells checked, not n x n.
 */
export function cellOpenEnds(m: CellMatrix): { openIn: Uint8Array; openOut: Uint8Array } {
  const { n, words } = m;
  const rowsOfSrc = groupRows(m.rowSrc, n);
  const rowsOfDst = groupRows(m.rowDst, n);
  // The destination groups that have rows, and the source groups' rows AND-ed over them.
  const present = new Uint32Array(words);
  for (const gd of rowsOfDst.keys()) present[gd >>> 5]! |= 1 << (gd & 31);
  const column = new Uint32Array(words).fill(0xffffffff);
  for (const gs of rowsOfSrc.keys()) for (let w = 0; w < words; w++) column[w]! &= m.bits[gs * words + w]!;
  const openOut = new Uint8Array(n);
  for (const [gs, rows] of rowsOfSrc)
    for (const i of rows) {
      let open = 1;
      for (let w = 0; w < words && open; w++) {
        let zero = ~m.bits[gs * words + w]! & present[w]!;
        while (zero !== 0 && open) {
          const gd = w * 32 + (31 - Math.clz32(zero & -zero));
          zero &= zero - 1;
          for (const j of rowsOfDst.get(gd) ?? [])
            if (j !== i && !exception(m, i, j)) {
              open = 0;
              break;
            }
        }
      }
      openOut[i] = open;
    }
  const openIn = new Uint8Array(n);
  const sources = [...rowsOfSrc.keys()];
  for (const [gd, rows] of rowsOfDst) {
    const allOnes = ((column[gd >>> 5]! >>> (gd & 31)) & 1) === 1;
    for (const j of rows) {
      let open = 1;
      for (let k = 0; k < sources.length && open && !allOnes; k++) {
        const gs = sources[k]!;
        if (baseBit(m, gs, gd)) continue;
        for (const i of rowsOfSrc.get(gs) ?? [])
          if (i !== j && !exception(m, i, j)) {
            open = 0;
            break;
          }
      }
      openIn[j] = open;
    }
  }
  return { openIn, openOut };
}

function groupRows(groupOf: Int32Array, n: number): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (let i = 0; i < n; i++) pushTo(out, groupOf[i]!, i);
  return out;
}

function pushTo(map: Map<number, number[]>, key: number, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
