/**
 * The text range of every object (by the engine's `objectKey`) as two arrays, the keys and a
 * start and end per key, as the worker makes them and the wire carries them: an object with
 * a property per key cost ~3 ms to fill at 5,000 pods in the worker, and as much again on
 * the page, at every keystroke. A key is looked up through an index made on first use and
 * shared by every set of ranges with the same keys array (the wire keeps it while no object
 * is added, removed or moved to another document).
 */
import type { TextRange } from './sourceMap';

const INDEXES = new WeakMap<readonly string[], Map<string, number>>();

export class ObjectRanges {
  static readonly EMPTY = new ObjectRanges([], new Int32Array(0));

  constructor(
    readonly keys: readonly string[],
    /** Start and end per key. */
    readonly bounds: Int32Array,
  ) {}

  get(key: string): TextRange | undefined {
    let index = INDEXES.get(this.keys);
    if (!index) INDEXES.set(this.keys, (index = new Map(this.keys.map((k, i) => [k, i]))));
    const i = index.get(key);
    return i === undefined ? undefined : { start: this.bounds[2 * i]!, end: this.bounds[2 * i + 1]! };
  }
}
