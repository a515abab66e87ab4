import { computeTruthTable } from '../engine';
import type { PortQuery, Workspace } from '../engine';
import type { MatrixResult } from './protocol';

/** The truth table of a workspace for one port query, as a compact byte matrix. */
export function evaluateMatrix(workspace: Workspace, port: PortQuery): MatrixResult {
  const table = computeTruthTable(workspace, { ports: [port] });
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
