import { describe, expect, it } from 'vitest';
import { openEndsOf } from './openEnds';

/** The definition, cell by cell. */
function reference(n: number, allowed: Uint8Array) {
  const openIn = new Uint8Array(n);
  const openOut = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    let out = 1;
    let inn = 1;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      if (allowed[i * n + j] !== 1) out = 0;
      if (allowed[j * n + i] !== 1) inn = 0;
    }
    openOut[i] = out;
    openIn[i] = inn;
  }
  return { openIn, openOut };
}

describe('openEndsOf', () => {
  it('finds the endpoints everyone may reach and those that reach everyone, ignoring the diagonal', () => {
    // 0 reaches everyone; everyone may reach 1 and 2; 1 blocks itself (the diagonal does not count).
    const allowed = Uint8Array.from([0, 1, 1, 0, 0, 1, 0, 1, 1]);
    expect(openEndsOf(3, allowed)).toEqual({
      openIn: Uint8Array.from([0, 1, 1]),
      openOut: Uint8Array.from([1, 0, 0]),
    });
  });

  it('agrees with the cell-by-cell definition on random tables, sparse and dense', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let round = 0; round < 300; round++) {
      const n = 1 + Math.floor(random() * 12);
      const density = [0.05, 0.5, 0.95, 1][round % 4]!;
      const allowed = Uint8Array.from({ length: n * n }, () => (random() < density ? 1 : 0));
      expect(openEndsOf(n, allowed)).toEqual(reference(n, allowed));
    }
  });
});
