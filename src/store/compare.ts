/**
 * Comparing two versions of a workspace: the connections gained (blocked before,
 * allowed now) and lost (allowed before, blocked now), over the endpoints both have.
 */
import type { MatrixResult } from '../worker/protocol';
import type { EdgeRef } from './viewSlice';

export interface ConnectivityDiff {
  gained: EdgeRef[];
  lost: EdgeRef[];
}

export function diffMatrices(before: MatrixResult, after: MatrixResult): ConnectivityDiff {
  const index = new Map(before.keys.map((k, i) => [k, i]));
  const nb = before.keys.length;
  const na = after.keys.length;
  const gained: EdgeRef[] = [];
  const lost: EdgeRef[] = [];
  after.keys.forEach((from, i) => {
    const bi = index.get(from);
    if (bi === undefined) return;
    after.keys.forEach((to, j) => {
      const bj = index.get(to);
      if (bj === undefined || i === j) return;
      const was = before.allowed[bi * nb + bj] === 1;
      const is = after.allowed[i * na + j] === 1;
      if (is && !was) gained.push({ from, to });
      if (was && !is) lost.push({ from, to });
    });
  });
  return { gained, lost };
}
