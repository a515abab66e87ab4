/** Small offset helpers shared by the text edits and the source map. */

/** `end` moved back over trailing whitespace (node ranges often end after a newline). */
export function trimEnd(text: string, end: number): number {
  let e = end;
  while (e > 0 && /\s/.test(text[e - 1] ?? '')) e--;
  return e;
}

/** Offset of the newline ending the line that holds `offset` (or the text length). */
export function endOfLine(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl;
}

/** Offset of the first character of the line that holds `offset`. */
export function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** 0-based column of `offset` within its line. */
export function columnOf(text: string, offset: number): number {
  return offset - lineStartOf(text, offset);
}

/**
 * How many characters `a` and `b` share at their start (`prefix`) and, after that, at their
 * end (`suffix`; the two never overlap). Compared a block at a time with `startsWith` and
 * `endsWith`, which compare memory: 2 MB in ~1 ms (a character at a time took ~8 ms, and
 * `===` between two slices ~6 ms, as it hashes them). Blocks of 64 Ki characters, then a
 * quarter of that, down to one.
 */
export function sharedEnds(a: string, b: string): { prefix: number; suffix: number } {
  const shortest = Math.min(a.length, b.length);
  let prefix = 0;
  for (let size = 1 << 16; size >= 1; size >>= 2)
    while (prefix + size <= shortest && b.startsWith(a.slice(prefix, prefix + size), prefix)) prefix += size;
  let suffix = 0;
  for (let size = 1 << 16; size >= 1; size >>= 2)
    while (
      suffix + size <= shortest - prefix &&
      b.endsWith(a.slice(a.length - suffix - size, a.length - suffix), b.length - suffix)
    )
      suffix += size;
  return { prefix, suffix };
}

/**
 * `text` is `from` with (at least) its first `prefix` and its last `suffix` characters kept:
 * what the caller knows of an edit, so that the two texts need not be compared (see
 * {@link sharedEnds}, whose cost depends on how the engine holds the strings: 1-7 ms at 2 MB).
 */
export interface KeptEnds {
  readonly from: string;
  readonly prefix: number;
  readonly suffix: number;
  /**
   * When known (one change): exactly what replaced the part between them, so the new text
   * need not be sliced (a slice of a text just edited copies all of it first: ~2 ms a MB).
   */
  readonly insert?: string;
}

/** The shared ends of `from` and `text`: from `kept` when it is about `from`, else compared. */
export function keptEnds(
  kept: KeptEnds | null | undefined,
  from: string,
  text: string,
): { prefix: number; suffix: number } {
  if (kept?.from !== from) return sharedEnds(from, text);
  const shortest = Math.min(from.length, text.length);
  const prefix = Math.min(kept.prefix, shortest);
  return { prefix, suffix: Math.min(kept.suffix, shortest - prefix) };
}
