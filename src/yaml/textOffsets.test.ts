import { describe, expect, it } from 'vitest';
import { applyChange, changeBetween } from './textEdits';
import { sharedEnds } from './textOffsets';

/** The shared start and end counted a character at a time. */
function reference(a: string, b: string): { prefix: number; suffix: number } {
  const shortest = Math.min(a.length, b.length);
  let prefix = 0;
  while (prefix < shortest && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < shortest - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  return { prefix, suffix };
}

describe('sharedEnds', () => {
  it('finds the shared start and end of a text and its edits, at every block size', () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    // Long enough for blocks of 64 Ki characters; few letters, so repeats make ends ambiguous.
    const base = Array.from({ length: 200_000 }, () => 'ab\n'[random(3)]).join('');
    for (let i = 0; i < 300; i++) {
      const start = random(base.length);
      const end = Math.min(base.length, start + [0, 1, 5, 70_000][random(4)]!);
      const insert = 'ab\nx'.repeat(random(3)).slice(0, random(9));
      const edited = base.slice(0, start) + insert + base.slice(end);
      expect(sharedEnds(base, edited)).toEqual(reference(base, edited));
      expect(sharedEnds(edited, base)).toEqual(reference(edited, base));
    }
    expect(sharedEnds('', 'abc')).toEqual({ prefix: 0, suffix: 0 });
    expect(sharedEnds('abc', 'abc')).toEqual({ prefix: 3, suffix: 0 });
    expect(sharedEnds('aXa', 'aa')).toEqual({ prefix: 1, suffix: 1 });
  });
});

describe('changeBetween', () => {
  it('is the one change that turns a text into another, its shared start and end kept', () => {
    const cases: [string, string][] = [
      ['', 'a: 1\n'],
      ['a: 1\n', ''],
      ['a: 1\nb: 2\n', 'a: 1\nc: 3\nb: 2\n'],
      ['aaaa', 'aa'],
      ['same', 'same'],
    ];
    for (const [before, after] of cases) {
      const change = changeBetween(before, after);
      expect(applyChange(before, change)).toBe(after);
      expect(change.end - change.start + change.text.length).toBeLessThanOrEqual(
        Math.max(before.length, after.length) - Math.min(before.length, after.length) + 2,
      );
    }
    expect(changeBetween('a: 1\nb: 2\n', 'a: 1\nc: 3\nb: 2\n')).toEqual({ start: 5, end: 5, text: 'c: 3\n' });
  });
});
