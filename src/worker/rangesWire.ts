/**
 * The text range of every object as it crosses between the worker and the main thread: the
 * keys only when they differ from those sent before (an edit rarely adds or renames an
 * object), the ranges as one transferred `Int32Array` (start, end per key). As an object of
 * objects the ranges cost a structured clone each way at every keystroke (~9 ms each way at
 * 1,000 pods, 1,500 objects).
 */
import { sameItems } from '../engine';
import { ObjectRanges } from '../yaml/objectRanges';
import type { RangesWire } from './protocol';

/**
 * The worker's side. `remember: false` (a baseline) is sent whole and is not the base of the
 * next. The bounds go as a copy (an analysis kept for the next request still holds its own).
 */
export function createRangesEncoder(): (ranges: ObjectRanges, remember: boolean) => RangesWire {
  let previous: readonly string[] | null = null;
  return (ranges, remember) => {
    const { keys } = ranges;
    const same = remember && previous !== null && (previous === keys || sameItems(keys, previous));
    if (remember) previous = keys;
    return { keys: same ? null : [...keys], remember, bounds: ranges.bounds.slice() };
  };
}

/** The main thread's side: one per worker (a new worker starts from whole messages). */
export function createRangesDecoder(): (wire: RangesWire) => ObjectRanges {
  let previous: readonly string[] | null = null;
  return (wire) => {
    const keys = wire.keys ?? previous;
    if (!keys) throw new Error('the worker sent ranges for keys it never sent');
    if (keys.length * 2 !== wire.bounds.length) throw new Error('the worker sent ranges for other keys');
    if (wire.remember) previous = keys;
    return new ObjectRanges(keys, wire.bounds);
  };
}
