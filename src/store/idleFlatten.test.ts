import { afterEach, describe, expect, it, vi } from 'vitest';
import { createIdleFlattener } from './idleFlatten';

describe('flattening the edited text while idle', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  const reads = () => {
    const read: string[] = [];
    vi.spyOn(String.prototype, 'charCodeAt').mockImplementation(function (this: string) {
      read.push(String(this).slice(0, 8));
      return 0;
    });
    return read;
  };

  it('reads the last large text of a run of edits once, later, if it is still current', () => {
    vi.useFakeTimers();
    const big = (c: string) => c.repeat(1 << 17);
    let current = big('a');
    const flattenSoon = createIdleFlattener(() => current);
    const read = reads();
    flattenSoon(current);
    current = big('b');
    flattenSoon(current);
    expect(read).toEqual([]);
    vi.runAllTimers();
    expect(read).toEqual(['bbbbbbbb']);
  });

  it('leaves a text that is no longer current, and small texts', () => {
    vi.useFakeTimers();
    let current = 'x'.repeat(1 << 17);
    const flattenSoon = createIdleFlattener(() => current);
    const read = reads();
    flattenSoon(current);
    current = 'small';
    flattenSoon(current);
    vi.runAllTimers();
    expect(read).toEqual([]);
  });
});
