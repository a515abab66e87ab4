import { describe, expect, it } from 'vitest';
import { createRangesDecoder, createRangesEncoder } from './rangesWire';

describe('object ranges on the wire', () => {
  const first = { 'Pod/a/web': { start: 0, end: 40 }, 'NetworkPolicy/a/deny': { start: 44, end: 90 } };
  const shifted = { 'Pod/a/web': { start: 0, end: 41 }, 'NetworkPolicy/a/deny': { start: 45, end: 91 } };

  it('sends the keys once, then only the ranges while the keys stay the same', () => {
    const encode = createRangesEncoder();
    const decode = createRangesDecoder();
    const one = encode(first, true);
    expect(one.keys).toEqual(['Pod/a/web', 'NetworkPolicy/a/deny']);
    expect(decode(one)).toEqual(first);
    const two = encode(shifted, true);
    expect(two.keys).toBeNull();
    expect([...two.bounds]).toEqual([0, 41, 45, 91]);
    expect(decode(two)).toEqual(shifted);
    const renamed = { ...shifted, 'Pod/a/api': { start: 95, end: 130 } };
    const three = encode(renamed, true);
    expect(three.keys).toHaveLength(3);
    expect(decode(three)).toEqual(renamed);
  });

  it('a baseline is sent whole and is not the base of the next message', () => {
    const encode = createRangesEncoder();
    const decode = createRangesDecoder();
    decode(encode(first, true));
    const baseline = encode({ 'Pod/b/x': { start: 0, end: 9 } }, false);
    expect(decode(baseline)).toEqual({ 'Pod/b/x': { start: 0, end: 9 } });
    const next = encode(shifted, true);
    expect(next.keys).toBeNull();
    expect(decode(next)).toEqual(shifted);
  });

  it('refuses ranges for keys it was never sent', () => {
    const encode = createRangesEncoder();
    encode(first, true);
    expect(() => createRangesDecoder()(encode(shifted, true))).toThrow(/never sent/);
  });
});
