import { describe, expect, it } from 'vitest';
import { cellsFromBytes } from '../engine';
import { scorePredictions } from './lessonSlice';

describe('scorePredictions', () => {
  it('splits predictions into right, missed and wrong', () => {
    const before = {
      keys: ['a', 'b', 'c'],
      cells: cellsFromBytes(3, Uint8Array.from([1, 1, 1, 1, 1, 1, 1, 1, 1])),
    };
    const after = {
      keys: ['a', 'b', 'c'],
      cells: cellsFromBytes(3, Uint8Array.from([1, 0, 0, 1, 1, 1, 1, 1, 1])),
    };
    expect(scorePredictions(['a->b', 'b->c'], before, after)).toEqual({
      right: ['a->b'],
      missed: ['a->c'],
      wrong: ['b->c'],
    });
  });
});
