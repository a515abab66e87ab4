import { describe, expect, it } from 'vitest';
import { ObjectRanges } from '../yaml/objectRanges';
import type { TextRange } from '../yaml/sourceMap';
import { createRangesDecoder, createRangesEncoder } from './rangesWire';

const rangesOf = (record: Record<string, TextRange>): ObjectRanges =>
  new ObjectRanges(
    Object.keys(record),
    Int32Array.from(Object.values(record).flatMap((r) => [r.start, r.end])),
  );
const recordOf = (ranges: ObjectRanges): Record<string, TextRange | undefined> =>
  Object.fromEntries(ranges.keys.map((k) => [k, ranges.get(k)]));

describe('object ranges on the wire', () => {
  const first = { 'Pod/a/web': { start: 0, end: 40 }, 'NetworkPolicy/a/deny': { start: 44, end: 90 } };
  const shifted = { 'Pod/a/web': { start: 0, end: 41 }, 'NetworkPolicy/a/deny': { start: 45, end: 91 } };

  it('sends the keys once, then only the ranges while the keys stay the same', () => {
    const encode = createRangesEncoder();
    const decode = createRangesDecoder();
    const one = encode(rangesOf(first), true);
    expect(one.keys).toEqual(['Pod/a/web', 'NetworkPolicy/a/deny']);
    expect(recordOf(decode(one))).toEqual(first);
    const two = encode(rangesOf(shifted), true);
    expect(two.keys).toBeNull();
    expect([...two.bounds]).toEqual([0, 41, 45, 91]);
    const decoded = decode(two);
    expect(recordOf(decoded)).toEqual(shifted);
    expect(decoded.get('Pod/a/none')).toBeUndefined();
    const renamed = { ...shifted, 'Pod/a/api': { start: 95, end: 130 } };
    const three = encode(rangesOf(renamed), true);
    expect(three.keys).toHaveLength(3);
    expect(recordOf(decode(three))).toEqual(renamed);
  });

  it('sends a copy of the bounds: the ranges encoded stay whole after the message is transferred', () => {
    const ranges = rangesOf(first);
    const wire = createRangesEncoder()(ranges, true);
    structuredClone(wire, { transfer: [wire.bounds.buffer] });
    expect(recordOf(ranges)).toEqual(first);
  });

  it('a baseline is sent whole and is not the base of the next message', () => {
    const encode = createRangesEncoder();
    const decode = createRangesDecoder();
    decode(encode(rangesOf(first), true));
    const baseline = encode(rangesOf({ 'Pod/b/x': { start: 0, end: 9 } }), false);
    expect(recordOf(decode(baseline))).toEqual({ 'Pod/b/x': { start: 0, end: 9 } });
    const next = encode(rangesOf(shifted), true);
    expect(next.keys).toBeNull();
    expect(recordOf(decode(next))).toEqual(shifted);
  });

  it('refuses ranges for keys it was never sent', () => {
    const encode = createRangesEncoder();
    encode(rangesOf(first), true);
    expect(() => createRangesDecoder()(encode(rangesOf(shifted), true))).toThrow(/never sent/);
  });
});
