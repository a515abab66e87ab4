import { describe, expect, it } from 'vitest';
import { cellsFromBytes } from '../evaluate/cellMatrix';
import { diffMatrices } from './diffMatrices';

const m = (keys: string[], rows: number[][]) => ({
  keys,
  cells: cellsFromBytes(keys.length, Uint8Array.from(rows.flat())),
});

describe('diffMatrices', () => {
  it('lists gained and lost connections over the endpoints both versions have', () => {
    const before = m(
      ['a', 'b', 'c'],
      [
        [1, 1, 0],
        [1, 1, 1],
        [0, 0, 1],
      ],
    );
    const after = m(
      ['b', 'a', 'd'],
      [
        [1, 0, 1],
        [1, 1, 1],
        [1, 1, 1],
      ],
    );
    expect(diffMatrices(before, after)).toEqual({ gained: [], lost: [{ from: 'b', to: 'a' }] });
    const later = m(
      ['a', 'c'],
      [
        [1, 1],
        [1, 1],
      ],
    );
    expect(diffMatrices(before, later)).toEqual({
      gained: [
        { from: 'a', to: 'c' },
        { from: 'c', to: 'a' },
      ],
      lost: [],
    });
  });
});
