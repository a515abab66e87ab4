import { describe, expect, it } from 'vitest';
import { applyChanges } from '../yaml/textEdits';
import type { TextChange } from '../yaml/textEdits';
import { createKeptTracker } from './keptEnds';

describe('what the commits kept of the text sent last', () => {
  it('one change: its place and what it inserted; more: only the ends no change touched', () => {
    const kept = createKeptTracker();
    const sent = 'a: 1\nb: 2\nc: 3\n';
    expect(kept.sending(sent)).toBeUndefined();
    const commit = (before: string, changes: TextChange[]) => {
      const after = applyChanges(before, changes);
      kept.committed(before, changes, after);
      return after;
    };
    const one = commit(sent, [{ start: 5, end: 6, text: 'bb' }]);
    expect(kept.sending(one)).toEqual({ from: sent, prefix: 5, suffix: sent.length - 6, insert: 'bb' });
    // Two commits before the next send: the ends both kept, nothing about what is between.
    const two = commit(commit(one, [{ start: 0, end: 0, text: '# x\n' }]), [
      { start: 20, end: 21, text: '' },
    ]);
    const known = kept.sending(two);
    expect(known).toEqual({ from: one, prefix: 0, suffix: one.length - 17 });
    expect(two.slice(0, known!.prefix)).toBe(one.slice(0, known!.prefix));
    expect(two.slice(two.length - known!.suffix)).toBe(one.slice(one.length - known!.suffix));
    // A text set without a commit: nothing is known.
    kept.committed('something else', [{ start: 0, end: 0, text: 'x' }], 'xsomething else');
    expect(kept.sending('xsomething else')).toBeUndefined();
  });
});
