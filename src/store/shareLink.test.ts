import { describe, expect, it } from 'vitest';
import { decodeShare, encodeShare } from './shareLink';

describe('share links', () => {
  it('round-trips a workspace and a lesson step through the fragment', async () => {
    const state = {
      text: '# ünïcode ✓\nkind: Namespace\nmetadata:\n  name: a\n'.repeat(50),
      lesson: { id: 'x', step: 2 },
    };
    const hash = await encodeShare(state);
    expect(hash).toMatch(/^#share=[A-Za-z0-9_-]+$/);
    expect(hash.length).toBeLessThan(state.text.length);
    expect(await decodeShare(hash)).toEqual(state);
  });

  it('says nothing about other fragments and reports a damaged link', async () => {
    expect(await decodeShare('')).toBeNull();
    expect(await decodeShare('#section')).toBeNull();
    const hash = await encodeShare({ text: 'a: 1\n' });
    expect(await decodeShare(hash.slice(0, -4))).toEqual({
      error: expect.stringContaining('damaged') as unknown,
    });
  });
});
