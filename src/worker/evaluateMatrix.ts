import { computeTruthTable } from '../engine';
import type { PortQuery, Workspace } from '../engine';
import type { MatrixResult } from './protocol';

/**
 * The truth table of a workspace for one port query, as a compact byte matrix: pods
 * first, then the outside addresses (whose rows and columns the canvas uses for its
 * outside nodes).
 */
export function evaluateMatrix(
  workspace: Workspace,
  port: PortQuery,
  externals: readonly string[] = [],
): MatrixResult {
  const table = computeTruthTable(workspace, { ports: [port], externals });
  const keys = table.rows.map((row) => row.key);
  const n = keys.length;
  const allowed = new Uint8Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (table.isAllowed(i, j, 0)) allowed[i * n + j] = 1;
    }
  }
  return { keys, allowed };
}
