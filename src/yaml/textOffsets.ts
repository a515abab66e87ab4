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
