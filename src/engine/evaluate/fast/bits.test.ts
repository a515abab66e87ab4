import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forEachBit, fullSet, hasBit, setBit, transpose32, transposeStrip, wordsFor } from './bits';

describe('bit sets', () => {
  it('transposes 32 x 32 blocks', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(0xffffffff), { minLength: 32, maxLength: 32 }), (rows) => {
        const block = Uint32Array.from(rows);
        transpose32(block);
        for (let i = 0; i < 32; i++)
          for (let j = 0; j < 32; j++) expect(hasBit(block, i, j)).toBe(hasBit(Uint32Array.from(rows), j, i));
      }),
      { numRuns: 50 },
    );
  });

  it('transposes a strip of rows into columns', () => {
    const n = 70;
    const words = wordsFor(n);
    const cells = (i: number, j: number): boolean => (i * 7 + j * 13) % 5 === 0;
    const target = new Uint32Array(n * words);
    for (let s = 0; s < words; s++) {
      const strip = new Uint32Array(32 * words);
      for (let r = 0; r < 32 && s * 32 + r < n; r++)
        for (let j = 0; j < n; j++) if (cells(s * 32 + r, j)) setBit(strip, r * words, j);
      transposeStrip(strip, words, s, target, n, words, new Uint32Array(32));
    }
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) expect(hasBit(target, j * words, i)).toBe(cells(i, j));
  });

  it('lists members and builds full sets', () => {
    const members: number[] = [];
    forEachBit(fullSet(40), 0, 2, (i) => members.push(i));
    expect(members).toEqual(Array.from({ length: 40 }, (_, i) => i));
  });
});
