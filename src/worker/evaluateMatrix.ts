import { openEndsOf } from '../engine';
import type { Evaluator, PortQuery } from '../engine';
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
