import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allAllowedCells,
  cellAllowed,
  cellOpenEnds,
  cellRow,
  cellsFromBytes,
  cellsToBytes,
} from './cellMatrix';
import type { CellMatrix } from './cellMatrix';
import { openEndsOf } from './openEnds';

// Random tables over groups: most cells allowed or most blocked (so that rows and columns
// open to everyone occur), with the same-pod and host-on-one-node exceptions.
const table = fc
  .record({
    n: fc.integer({ min: 0, max: 40 }),
    srcGroups: fc.integer({ min: 1, max: 6 }),
    dstGroups: fc.integer({ min: 1, max: 40 }),
    allowedShare: fc.constantFrom(0.05, 0.5, 0.95, 1),
    seed: fc.nat(),
  })
  .map(({ n, srcGroups, dstGroups, allowedShare, seed }): CellMatrix => {
    let state = seed || 1;
    const random = () => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state / 2147483648;
    };
    const words = Math.ceil(dstGroups / 32);
    const bits = new Uint32Array(srcGroups * words);
    for (let gs = 0; gs < srcGroups; gs++)
      for (let gd = 0; gd < dstGroups; gd++)
        if (random() < allowedShare) bits[gs * words + (gd >>> 5)]! |= 1 << (gd & 31);
    const pick = (k: number) => Math.floor(random() * k);
    return {
      n,
      words,
      bits,
      rowSrc: Int32Array.from({ length: n }, () => pick(srcGroups)),
      rowDst: Int32Array.from({ length: n }, () => pick(dstGroups)),
      rowSelf: Int32Array.from({ length: n }, () => (random() < 0.3 ? pick(4) : -1)),
      rowNode: Int32Array.from({ length: n }, () => (random() < 0.4 ? pick(2) : -1)),
      rowHost: Uint8Array.from({ length: n }, () => (random() < 0.2 ? 1 : 0)),
    };
  });

describe('a table as cells over groups', () => {
  it('reads each cell as its byte matrix has it, and finds the same open rows and columns', () => {
    fc.assert(
      fc.property(table, (m) => {
        const bytes = cellsToBytes(m);
        const row = new Uint8Array(m.n);
        for (let i = 0; i < m.n; i++) {
          for (let j = 0; j < m.n; j++) expect(cellAllowed(m, i, j) ? 1 : 0).toBe(bytes[i * m.n + j]);
          expect(cellRow(m, i, row)).toEqual(bytes.subarray(i * m.n, i * m.n + m.n));
        }
        expect(cellOpenEnds(m)).toEqual(openEndsOf(m.n, bytes));
      }),
      { numRuns: 400 },
    );
  });

  it('holds a byte matrix as it is, and every cell of a table with no policy enforced', () => {
    fc.assert(
      fc.property(table, (m) => {
        const bytes = cellsToBytes(m);
        const back = cellsFromBytes(m.n, bytes);
        expect(cellsToBytes(back)).toEqual(bytes);
        expect(cellOpenEnds(back)).toEqual(openEndsOf(m.n, bytes));
      }),
      { numRuns: 200 },
    );
    const all = allAllowedCells(5);
    expect([...cellsToBytes(all)]).toEqual(new Array(25).fill(1));
    expect(cellOpenEnds(all)).toEqual({
      openIn: new Uint8Array(5).fill(1),
      openOut: new Uint8Array(5).fill(1),
    });
  });
});
