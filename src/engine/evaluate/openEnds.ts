/**
 * Over a row-major byte truth table of `n` endpoints (1 = allowed): which endpoints every
 * other one may reach (`openIn`, a column of ones) and which reach every other (`openOut`,
 * a row of ones). The canvas badges them instead of drawing an edge from everywhere.
 */
export function openEndsOf(n: number, allowed: Uint8Array): { openIn: Uint8Array; openOut: Uint8Array } {
  const openIn = new Uint8Array(n).fill(1);
  const openOut = new Uint8Array(n).fill(1);
  for (let i = 0; i < n; i++) {
    const row = i * n;
    for (let j = 0; j < n; j++)
      if (allowed[row + j] !== 1 && i !== j) {
        openOut[i] = 0;
        openIn[j] = 0;
      }
  }
  return { openIn, openOut };
}
