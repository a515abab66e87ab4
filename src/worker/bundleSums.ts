import { ISOLATED_EGRESS, ISOLATED_INGRESS } from '../engine';
import type { Evaluator, PortQuery, Workspace } from '../engine';
import type { MatrixResult } from './protocol';

/**
 * The service map's bundle counts, summed in the worker from the class groups (see the
 * engine's `blockSums`) instead of by the canvas over every pod pair of the byte matrix
 * (~0.1 s of the page's thread at 5,000 pods, ~0.3 s at 10,000, per answer). Blocks are the
 * namespaces (pods) and each outside address; the flagged rows and columns are the pods the
 * map draws connections of (isolated in that direction and not open to everyone).
 */
export function bundleSums(
  engine: Evaluator,
  port: PortQuery,
  externals: readonly string[],
  workspace: Workspace,
  matrix: MatrixResult,
  podIsolation: Uint8Array,
): MatrixResult['bundles'] {
  const { keys, ends } = matrix;
  if (!ends) return undefined;
  const table = engine.table({ ports: [port], externals });
  if (table.rowClass.length !== keys.length) return undefined;
  const pods = workspace.pods.length;
  const blockOfName = new Map<string, number>();
  const blockOf = Int32Array.from(keys, (key, i) => {
    const name = i < pods ? `ns:${workspace.pods[i]!.namespace}` : `ext:${key}`;
    let b = blockOfName.get(name);
    if (b === undefined) blockOfName.set(name, (b = blockOfName.size));
    return b;
  });
  const shapesOut = new Uint8Array(keys.length);
  const shapesIn = new Uint8Array(keys.length);
  for (let i = 0; i < pods; i++) {
    const bits = podIsolation[i] ?? 0;
    shapesOut[i] = (bits & ISOLATED_EGRESS) !== 0 && ends.openOut[i] !== 1 ? 1 : 0;
    shapesIn[i] = (bits & ISOLATED_INGRESS) !== 0 && ends.openIn[i] !== 1 ? 1 : 0;
  }
  const sums = table.blockSums(0, blockOf, blockOfName.size, shapesOut, shapesIn);
  if (!sums) return undefined;
  return {
    blockOf,
    blocks: sums.blocks,
    allowed: sums.all,
    fromShaped: sums.fromFlagged,
    toShaped: sums.toFlagged,
  };
}
