import { computeTruthTable, loadWorkspace } from '../engine';
import type { EvaluateRequest, MatrixResult } from './protocol';

/** Runs one evaluation request: load the workspace and compute its truth table. */
export function evaluateMatrix(request: EvaluateRequest): MatrixResult {
  const { workspace } = loadWorkspace(request.objects, request.options);
  const table = computeTruthTable(workspace, { ports: [request.port] });
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
