/**
 * Over a row-major byte truth table of `n` endpoints (1 = allowed): which endpoints every
 * other one may reach (`openIn`, a column of ones) and which reach every other (`openOut`,
 * a row of ones). The canvas badges them instead of drawing an edge from everywhere.
 */
export function openEndsOf(n: number, allowed: Uint8Array): { openIn: Uint8Array; openOut: Uint8Array } {
  const openIn = new Uint8Array(n).fill(1);
  const openOut = new Uint8Array(n).fill(1);
  // Columns still open; a column leaves the list at its first blocked cell, and a row's scan
  // stops at its first one, so a mostly blocked table costs far less than n x n reads.
  const candidates = new Int32Array(n);
  for (let j = 0; j < n; j++) candidates[j] = j;
  let count = n;
  for (let i = 0; i < n; i++) {
    const row = i * n;
    for (let j = 0; j < n; j++)
      if (allowed[row + j] !== 1 && i !== j) {
        openOut[i] = 0;
        break;
      }
    let kept = 0;
    for (let k = 0; k < count; k++) {
      const j = candidates[k]!;
      if (allowed[row + j] !== 1 && i !== j) openIn[j] = 0;
      else candidates[kept++] = j;
    }
    count = kept;
  }
  return { openIn, openOut };
}
