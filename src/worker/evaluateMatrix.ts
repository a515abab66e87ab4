import { cellOpenEnds, copyCells } from '../engine';
import type { CellMatrix, Evaluator, PortQuery } from '../engine';
import type { MatrixResult } from './protocol';

/**
 * The truth table for one port query, from the fast engine, as it crosses to the page: the
 * cells over row groups (`CellMatrix`, a copy of the engine's, whose buffers are transferred)
 * and which rows and columns are open to everyone. Pods first, then the outside addresses
 * (whose rows and columns the canvas uses for its outside nodes). The engine is kept between
 * edits, so an edit recomputes only what it touches. The table used to cross as a byte
 * matrix of every pair (25 MB at 5,000 pods, 100 MB at 10,000), built, patched and copied
 * per keystroke.
 */
export function evaluateMatrix(
  engine: Evaluator,
  port: PortQuery,
  externals: readonly string[] = [],
): MatrixResult {
  const table = engine.table({ ports: [port], externals });
  const keys = table.rows.map((row) => row.key);
  const cells: CellMatrix = copyCells(
    table.cells(0) ?? {
      n: keys.length,
      words: 0,
      bits: new Uint32Array(0),
      rowSrc: new Int32Array(keys.length),
      rowDst: new Int32Array(keys.length),
      rowSelf: new Int32Array(keys.length).fill(-1),
      rowNode: new Int32Array(keys.length).fill(-1),
      rowHost: new Uint8Array(keys.length),
    },
  );
  return { keys, cells, ends: cellOpenEnds(cells) };
}
