import { describe, expect, it } from 'vitest';
import { sameContent } from './sameContent';

describe('sameContent', () => {
  it('compares plain data by content, as JSON would', () => {
    expect(
      sameContent({ id: 'a', data: { x: [1, 2], y: 'z' } }, { data: { y: 'z', x: [1, 2] }, id: 'a' }),
    ).toBe(true);
    expect(sameContent({ id: 'a', hidden: undefined }, { id: 'a' })).toBe(true);
    expect(sameContent({ id: 'a', onClick: () => 1 }, { id: 'a', onClick: () => 2 })).toBe(true);
    expect(sameContent({ id: 'a', data: { x: [1, 2] } }, { id: 'a', data: { x: [1, 3] } })).toBe(false);
    expect(sameContent({ id: 'a' }, { id: 'a', selected: false })).toBe(false);
    expect(sameContent([1], { 0: 1 })).toBe(false);
  });

  it('takes a Set or Map as the same only when it is the same object (JSON wrote them all as {})', () => {
    const set = new Set(['a']);
    expect(sameContent({ s: set }, { s: set })).toBe(true);
    expect(sameContent({ s: new Set(['a']) }, { s: new Set(['b']) })).toBe(false);
  });
});
