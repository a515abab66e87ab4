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

  it('reports a link with characters a share link never has, or none at all', async () => {
    const hash = await encodeShare({ text: 'a: 1\n' });
    expect(await decodeShare(`${hash.slice(0, 12)}!*${hash.slice(12)}`)).toEqual({
      error: expect.stringContaining('characters a share link never has') as unknown,
    });
    expect(await decodeShare('#share=')).toEqual({ error: expect.stringContaining('empty') as unknown });
    // Percent-encoding by a chat tool is undone.
    const body = hash.slice('#share='.length);
    const encoded = `#share=%${body.charCodeAt(0).toString(16)}${body.slice(1)}`;
    expect(await decodeShare(encoded)).toEqual({ text: 'a: 1\n' });
  });
});
