import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createOutbox, createPartJoiner, PART_CHARS, partKey, PARTS_MARK, storedParts } from './storageParts';
import type { Message } from './storageParts';

describe('long values a part at a time', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const long = (parts: number, fill: string) => `${fill.repeat(PART_CHARS * parts - 100)}THE-END`;

  it('posts a long value in parts, one part per task, in order with the messages after it', () => {
    const posted: Message[][] = [[]];
    const outbox = createOutbox({ postMessage: (m: Message) => posted.at(-1)!.push(m) });
    const value = long(3, 'a');
    outbox.post({ type: 'kv', entries: [['netpol-canvas:workspace:w', value]] });
    outbox.post({ type: 'saved', id: 'w', rev: 2, tab: 't' });
    expect(posted.flat()).toEqual([]);
    for (let task = 0; task < 4; task++) {
      vi.advanceTimersToNextTimer();
      posted.push([]);
    }
    const tasks = posted.filter((t) => t.length > 0);
    expect(tasks.map((t) => t.map((m) => m.type))).toEqual([['kv-part'], ['kv-part'], ['kv-part', 'saved']]);
    const join = createPartJoiner();
    const whole = tasks.flat().map(join);
    expect(whole.slice(0, 2)).toEqual([null, null]);
    expect(whole[2]).toEqual({ type: 'kv', entries: [['netpol-canvas:workspace:w', value]] });
    expect(whole[3]).toBeNull();
  });

  it('posts short values whole, and everything at once when the page is left', () => {
    const posted: Message[] = [];
    const outbox = createOutbox({ postMessage: (m: Message) => posted.push(m) });
    outbox.post({
      type: 'kv',
      entries: [
        ['a', 'short'],
        ['b', null],
      ],
    });
    outbox.post({ type: 'kv', entries: [['c', long(2, 'c')]] });
    outbox.flush();
    expect(posted.map((m) => m.type)).toEqual(['kv', 'kv', 'kv-part', 'kv-part']);
    expect(posted.slice(0, 2)).toEqual([
      { type: 'kv', entries: [['a', 'short']] },
      { type: 'kv', entries: [['b', null]] },
    ]);
    vi.runAllTimers();
    expect(posted).toHaveLength(4);
  });

  it('joins the parts of two tabs writing at once apart', () => {
    const join = createPartJoiner();
    const part = (from: string, text: string, last: boolean): Message => ({
      type: 'kv-part',
      from,
      key: 'k',
      text,
      last,
    });
    expect(join(part('one', 'A1', false))).toBeNull();
    expect(join(part('two', 'B1', false))).toBeNull();
    expect(join(part('two', 'B2', true))).toEqual({ type: 'kv', entries: [['k', 'B1B2']] });
    expect(join(part('one', 'A2', true))).toEqual({ type: 'kv', entries: [['k', 'A1A2']] });
    expect(join({ type: 'listed', tab: 'one' })).toBeNull();
  });

  it('reads values kept in parts whole, and leaves out one whose parts are not all there', () => {
    const raw = new Map([
      ['netpol-canvas:current', 'w'],
      ['netpol-canvas:workspace:w', `${PARTS_MARK}3`],
      [partKey('netpol-canvas:workspace:w', 0), 'one '],
      [partKey('netpol-canvas:workspace:w', 1), 'two '],
      [partKey('netpol-canvas:workspace:w', 2), 'three'],
      ['netpol-canvas:workspace:broken', `${PARTS_MARK}2`],
      [partKey('netpol-canvas:workspace:broken', 0), 'half'],
    ]);
    expect([...storedParts(raw)]).toEqual([
      ['netpol-canvas:current', 'w'],
      ['netpol-canvas:workspace:w', 'one two three'],
    ]);
  });
});
