/**
 * The service map's bundle sums (`MatrixResult.bundles`: three numbers per pair of blocks,
 * 750,000 numbers at 500 namespaces) as they cross to the main thread: whole once, then only
 * the block pairs whose sums changed since the answer before (an edit changes a namespace's
 * row and column at most). New arrays of that size cost Chromium more than the sums: it maps
 * and zeroes fresh memory for each (~20 ms a keystroke in the worker at 5,000 pods, and the
 * page read them back through fresh pages). Both sides keep two sets and write over them in
 * turn, so a set handed out stays intact until the answer after next.
 */
import type { MatrixResult, BundlesWire } from './protocol';

type Bundles = NonNullable<MatrixResult['bundles']>;
type Sums = Pick<Bundles, 'allowed' | 'fromShaped' | 'toShaped'>;

/** Past this share of changed pairs the sums go whole (a delta would be larger). */
const DELTA_MOST = 1 / 4;

const copyOf = (sums: Sums): Sums => ({
  allowed: sums.allowed.slice(),
  fromShaped: sums.fromShaped.slice(),
  toShaped: sums.toShaped.slice(),
});

/** The buffers a wire message transfers. */
export function bundlesTransfer(wire: BundlesWire): ArrayBuffer[] {
  const sums = wire.whole ? [wire.whole.allowed, wire.whole.fromShaped, wire.whole.toShaped] : [];
  const delta = wire.delta ? [wire.delta.at, wire.delta.values] : [];
  return [wire.blockOf, wire.shaped, ...sums, ...delta].map((a) => a.buffer as ArrayBuffer);
}

/**
 * The worker's side. `remember: false` (a baseline) goes whole and is not the base of the
 * next. The sums given stay the worker's (written over later): what goes is a copy or a delta.
 */
export function createBundlesEncoder(): (bundles: Bundles, remember: boolean) => BundlesWire {
  let previous: Bundles | null = null;
  return (bundles, remember) => {
    const { blockOf, blocks, shaped } = bundles;
    if (!remember) return { blockOf, shaped, blocks, remember, whole: copyOf(bundles), delta: null };
    const before = previous;
    previous = bundles;
    if (!before || before.blocks !== blocks || before.allowed === bundles.allowed)
      return { blockOf, shaped, blocks, remember, whole: copyOf(bundles), delta: null };
    const at: number[] = [];
    const size = blocks * blocks;
    for (let i = 0; i < size; i++)
      if (
        bundles.allowed[i] !== before.allowed[i] ||
        bundles.fromShaped[i] !== before.fromShaped[i] ||
        bundles.toShaped[i] !== before.toShaped[i]
      ) {
        at.push(i);
        if (at.length > size * DELTA_MOST)
          return { blockOf, shaped, blocks, remember, whole: copyOf(bundles), delta: null };
      }
    const values = new Float64Array(at.length * 3);
    at.forEach((i, k) => {
      values[3 * k] = bundles.allowed[i]!;
      values[3 * k + 1] = bundles.fromShaped[i]!;
      values[3 * k + 2] = bundles.toShaped[i]!;
    });
    return { blockOf, shaped, blocks, remember, whole: null, delta: { at: Int32Array.from(at), values } };
  };
}

/** The main thread's side: one per worker (a new worker starts from whole sums). */
export function createBundlesDecoder(): (wire: BundlesWire) => Bundles {
  let current: (Sums & { blocks: number }) | null = null;
  let spare: Sums | null = null;
  return (wire) => {
    const { blockOf, blocks, shaped } = wire;
    if (wire.whole) {
      if (wire.remember) {
        current = { ...wire.whole, blocks };
        spare = null;
      }
      return { blockOf, blocks, shaped, ...wire.whole };
    }
    if (!wire.delta || !current || current.blocks !== blocks)
      throw new Error('the worker sent changes to bundle sums it never sent');
    // Nothing changed: the same arrays. The store may keep the answer before in their place
    // (an answer like it changes nothing), so a set is written over only once it holds the
    // sums of two changes ago.
    if (wire.delta.at.length === 0)
      return {
        blockOf,
        blocks,
        shaped,
        allowed: current.allowed,
        fromShaped: current.fromShaped,
        toShaped: current.toShaped,
      };
    const size = blocks * blocks;
    if (!spare || spare.allowed.length !== size)
      spare = {
        allowed: new Float64Array(size),
        fromShaped: new Float64Array(size),
        toShaped: new Float64Array(size),
      };
    spare.allowed.set(current.allowed);
    spare.fromShaped.set(current.fromShaped);
    spare.toShaped.set(current.toShaped);
    const { at, values } = wire.delta;
    for (let k = 0; k < at.length; k++) {
      const i = at[k]!;
      spare.allowed[i] = values[3 * k]!;
      spare.fromShaped[i] = values[3 * k + 1]!;
      spare.toShaped[i] = values[3 * k + 2]!;
    }
    const next = { ...spare, blocks };
    spare = current;
    current = next;
    return {
      blockOf,
      blocks,
      shaped,
      allowed: next.allowed,
      fromShaped: next.fromShaped,
      toShaped: next.toShaped,
    };
  };
}
