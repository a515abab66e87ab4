/**
 * Word-parallel bit sets and bit matrices over `Uint32Array`s: bit `i` of a set lives in word
 * `i >>> 5` at position `i & 31`. A matrix of `rows` x `cols` bits stores each row in
 * `wordsFor(cols)` consecutive words.
 */

/** Words needed for `n` bits. */
export function wordsFor(n: number): number {
  return (n + 31) >>> 5;
}

/** Whether bit `i` of the set starting at word `offset` is set. */
export function hasBit(a: Uint32Array, offset: number, i: number): boolean {
  return ((a[offset + (i >>> 5)]! >>> (i & 31)) & 1) === 1;
}

/** Sets bit `i` of the set starting at word `offset`. */
export function setBit(a: Uint32Array, offset: number, i: number): void {
  a[offset + (i >>> 5)]! |= 1 << (i & 31);
}

/** Clears bit `i` of the set starting at word `offset`. */
export function clearBit(a: Uint32Array, offset: number, i: number): void {
  a[offset + (i >>> 5)]! &= ~(1 << (i & 31));
}

/** A set of `n` bits, all set (the unused high bits of the last word stay clear). */
export function fullSet(n: number): Uint32Array {
  const out = new Uint32Array(wordsFor(n)).fill(0xffffffff);
  if (n & 31) out[out.length - 1] = (1 << (n & 31)) - 1;
  return out;
}

/** `target |= source` over `words` words (target from `offset`). */
export function orInto(target: Uint32Array, offset: number, source: Uint32Array, words: number): void {
  for (let w = 0; w < words; w++) target[offset + w]! |= source[w]!;
}

/** `target |= a & b` over `words` words (target from `offset`). */
export function orAndInto(
  target: Uint32Array,
  offset: number,
  a: Uint32Array,
  b: Uint32Array,
  words: number,
): void {
  for (let w = 0; w < words; w++) target[offset + w]! |= a[w]! & b[w]!;
}

/** Calls `f` for every member of the set, in increasing order. */
export function forEachBit(a: Uint32Array, offset: number, words: number, f: (i: number) => void): void {
  for (let w = 0; w < words; w++) {
    let v = a[offset + w]!;
    while (v !== 0) {
      const low = v & -v;
      f((w << 5) + 31 - Math.clz32(low));
      v ^= low;
    }
  }
}

/**
 * Transposes a 32 x 32 bit block in place: afterwards bit `j` of `block[i]` is what bit `i` of
 * `block[j]` was (the recursive block swap of Hacker's Delight, least significant bit first).
 */
export function transpose32(block: Uint32Array): void {
  let m = 0x0000ffff;
  for (let j = 16; j !== 0; j >>>= 1, m ^= m << j) {
    for (let k = 0; k < 32; k = (k + j + 1) & ~j) {
      const t = ((block[k]! >>> j) ^ block[k + j]!) & m;
      block[k]! ^= t << j;
      block[k + j]! ^= t;
    }
  }
}

/**
 * Writes the transpose of a strip of 32 rows into a column-major target: `strip` holds rows
 * `32 * stripIndex ..` (each `words` words; missing rows are zero); bit `c` of strip row `r`
 * becomes bit `32 * stripIndex + r` of target row `c`. Target rows are `targetWords` wide and
 * must start clear in this strip's word (it is overwritten).
 */
export function transposeStrip(
  strip: Uint32Array,
  words: number,
  stripIndex: number,
  target: Uint32Array,
  targetRows: number,
  targetWords: number,
  block: Uint32Array,
): void {
  for (let bj = 0; bj < words; bj++) {
    let any = 0;
    for (let r = 0; r < 32; r++) {
      const v = strip[r * words + bj]!;
      block[r] = v;
      any |= v;
    }
    if (any === 0) continue;
    transpose32(block);
    const base = bj << 5;
    const end = Math.min(32, targetRows - base);
    for (let c = 0; c < end; c++) target[(base + c) * targetWords + stripIndex] = block[c]!;
  }
}
