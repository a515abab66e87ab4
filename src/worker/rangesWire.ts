/**
 * The text range of every object as it crosses between the worker and the main thread: the
 * keys only when they differ from those sent before (an edit rarely adds or renames an
 * object), the ranges as one transferred `Int32Array` (start, end per key). As an object of
 * objects the ranges cost a structured clone each way at every keystroke (~9 ms each way at
 * 1,000 pods, 1,500 objects).
 */
import { sameItems } from '../engine';
import type { TextRange } from '../yaml/sourceMap';
import type { RangesWire } from './protocol';

/** The worker's side. `remember: false` (a baseline) is sent whole and is not the base of the next. */
export function createRangesEncoder(): (ranges: Record<string, TextRange>, remember: boolean) => RangesWire {
  let previous: string[] | null = null;
  return (ranges, remember) => {
    const keys = Object.keys(ranges);
    const bounds = new Int32Array(keys.length * 2);
    keys.forEach((key, i) => {
      const range = ranges[key]!;
      bounds[2 * i] = range.start;
      bounds[2 * i + 1] = range.end;
    });
    const same = remember && previous !== null && sameItems(keys, previous);
    if (remember) previous = keys;
    return { keys: same ? null : keys, remember, bounds };
  };
}

/** The main thread's side: one per worker (a new worker starts from whole messages). */
export function createRangesDecoder(): (wire: RangesWire) => Record<string, TextRange> {
  let previous: string[] | null = null;
  return (wire) => {
    const keys = wire.keys ?? previous;
    if (!keys) throw new Error('the worker sent ranges for keys it never sent');
    if (keys.length * 2 !== wire.bounds.length) throw new Error('the worker sent ranges for other keys');
    if (wire.remember) previous = keys;
    const ranges: Record<string, TextRange> = {};
    keys.forEach((key, i) => {
      ranges[key] = { start: wire.bounds[2 * i]!, end: wire.bounds[2 * i + 1]! };
    });
    return ranges;
  };
}
