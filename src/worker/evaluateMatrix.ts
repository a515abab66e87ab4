import { openEndsOf } from '../engine';
import type { Evaluator, FastTruthTable, PortQuery } from '../engine';
import type { MatrixResult } from './protocol';

/**
 * The truth table for one port query as a compact byte matrix, from the fast engine:
 * pods first, then the outside addresses (whose rows and columns the canvas uses for its
 * outside nodes). The engine is kept between edits, so an edit recomputes only what it
 * touches.
 */
export function evaluateMatrix(
  engine: Evaluator,
  port: PortQuery,
  externals: readonly string[] = [],
): MatrixResult {
  const table = engine.table({ ports: [port], externals });
  const allowed = table.toByteMatrix(0);
  return { keys: table.rows.map((row) => row.key), allowed, ends: openEndsOf(table.rows.length, allowed) };
}

/** Past this many changed cells, the whole matrix is built again (a patch would cost more). */
const PATCH_MAX_CELLS = 2_000_000;

interface Previous {
  port: string;
  keys: readonly string[];
  rowClass: Int32Array;
  bits: Uint32Array;
  words: number;
  allowed: Uint8Array;
  openIn: Uint8Array;
  openOut: Uint8Array;
}

/**
 * {@link evaluateMatrix} for the edited text, keeping a copy of the last matrix: when the rows
 * and their classes are the same, only the cells whose class pair changed are written again
 * (a copy, then a patch), and only their rows' and columns' open ends are checked again. At
 * 5,000 pods in 5,000 classes a keystroke that edits one policy rewrote 25 M cells (~240 ms);
 * the patch touches the few pairs the edit changed, and one copy is sent. Costs one more
 * matrix in memory.
 */
export function createMatrixBuilder(
  /** Told how each matrix was made (for tests). */
  onBuild?: (how: 'patched' | 'whole') => void,
): (engine: Evaluator, port: PortQuery, externals?: readonly string[]) => MatrixResult {
  let previous: Previous | null = null;
  return (engine, port, externals = []) => {
    const table = engine.table({ ports: [port], externals });
    const keys = table.rows.map((row) => row.key);
    const portKey = JSON.stringify(port);
    // The kept matrix is patched in place; what is returned is a copy (it is transferred).
    const patched = previous && previous.port === portKey && patchInPlace(previous, table, keys);
    const bits = table.classBits(0);
    const allowed = patched && previous ? previous.allowed : table.toByteMatrix(0);
    const ends =
      patched && previous
        ? { openIn: previous.openIn, openOut: previous.openOut }
        : openEndsOf(keys.length, allowed);
    onBuild?.(patched ? 'patched' : 'whole');
    previous = bits
      ? {
          port: portKey,
          keys,
          rowClass: table.rowClass,
          bits: bits.bits,
          words: bits.words,
          allowed,
          openIn: ends.openIn,
          openOut: ends.openOut,
        }
      : null;
    return {
      keys,
      allowed: allowed.slice(),
      ends: { openIn: ends.openIn.slice(), openOut: ends.openOut.slice() },
    };
  };
}

function sameList<T>(a: ArrayLike<T>, b: ArrayLike<T>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Writes the cells of every class pair that changed into the previous matrix (and checks
 * their rows' and columns' open ends again); false, with nothing written, when the rows or
 * their classes differ or the patch would be larger than building the matrix whole.
 */
function patchInPlace(previous: Previous, table: FastTruthTable, keys: readonly string[]): boolean {
  const current = table.classBits(0);
  if (
    !current ||
    current.words !== previous.words ||
    current.bits.length !== previous.bits.length ||
    !sameList(keys, previous.keys) ||
    !sameList(table.rowClass, previous.rowClass)
  )
    return false;
  const n = keys.length;
  const rowsOf = new Map<number, number[]>();
  table.rowClass.forEach((c, i) => {
    const list = rowsOf.get(c);
    if (list) list.push(i);
    else rowsOf.set(c, [i]);
  });
  // The class pairs whose bit flipped, and how many cells they cover.
  const changed: [number, number][] = [];
  let cells = 0;
  const { words } = current;
  for (let w = 0; w < current.bits.length; w++) {
    const flipped = (current.bits[w]! ^ previous.bits[w]!) >>> 0;
    if (flipped === 0) continue;
    const ci = Math.floor(w / words);
    for (let b = 0; b < 32; b++) {
      if (((flipped >>> b) & 1) === 0) continue;
      const cj = (w % words) * 32 + b;
      cells += (rowsOf.get(ci)?.length ?? 0) * (rowsOf.get(cj)?.length ?? 0);
      if (cells > PATCH_MAX_CELLS) return false;
      changed.push([ci, cj]);
    }
  }
  const { allowed, openIn, openOut } = previous;
  const rows = new Set<number>();
  const columns = new Set<number>();
  for (const [ci, cj] of changed)
    for (const i of rowsOf.get(ci) ?? [])
      for (const j of rowsOf.get(cj) ?? []) {
        allowed[i * n + j] = table.isAllowed(i, j, 0) ? 1 : 0;
        rows.add(i);
        columns.add(j);
      }
  for (const i of rows) {
    let open = 1;
    for (let j = 0; j < n && open; j++) if (j !== i && allowed[i * n + j] !== 1) open = 0;
    openOut[i] = open;
  }
  for (const j of columns) {
    let open = 1;
    for (let i = 0; i < n && open; i++) if (i !== j && allowed[i * n + j] !== 1) open = 0;
    openIn[j] = open;
  }
  return true;
}
