/**
 * Text for a standalone SVG: escaping (names and labels are user input) and a width
 * estimate. There is no DOM to measure with, so widths come from Arial's metrics,
 * which Liberation Sans shares; the estimate errs wide so that nothing overflows.
 */

/** Advance widths of ASCII 32..126 in Arial (and Liberation Sans), in thousandths of an em. */
const ARIAL = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556,
  556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278,
  500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469,
  556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500,
  278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];

/** Symbols (✓, ⇥, ×...) come from whichever font has them: assume a wide glyph. */
const OTHER = 800;

export type TextStyle = 'regular' | 'bold' | 'mono';

/** Sans-serif first (the app's own font), then what any system has. */
export const SANS = "'Liberation Sans', Arial, Helvetica, sans-serif";
export const MONO = "'Liberation Mono', 'DejaVu Sans Mono', Menlo, Consolas, monospace";

/** Estimated width of `text` at `size` px. */
export function textWidth(text: string, size: number, style: TextStyle = 'regular'): number {
  let units = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    // Liberation Mono: every glyph is 0.6 em.
    if (style === 'mono') units += 600;
    else units += code >= 32 && code <= 126 ? (ARIAL[code - 32] ?? OTHER) : OTHER;
  }
  // Bold glyphs are about 7% wider than regular ones.
  return (units / 1000) * size * (style === 'bold' ? 1.08 : 1);
}

/** `text`, cut short with an ellipsis when it is wider than `max`. */
export function fitText(text: string, max: number, size: number, style: TextStyle = 'regular'): string {
  if (textWidth(text, size, style) <= max) return text;
  const chars = [...text];
  while (chars.length > 0 && textWidth(`${chars.join('')}…`, size, style) > max) chars.pop();
  return chars.length > 0 ? `${chars.join('')}…` : '';
}

/** XML 1.0's `Char`: tab, newlines and the rest, minus control characters and lone surrogates. */
function allowedInXml(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    code >= 0x10000
  );
}

/**
 * Text safe inside an element or a double-quoted attribute: XML's five special
 * characters escaped, and the characters XML 1.0 forbids (control characters, lone
 * surrogates) dropped, since a single one makes the whole file unreadable.
 */
export function escapeXml(text: string): string {
  return [...text]
    .filter((char) => allowedInXml(char.codePointAt(0) ?? 0))
    .join('')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** A coordinate with at most one decimal: enough for a picture, and small files. */
export function num(value: number): string {
  return String(Math.round(value * 10) / 10);
}
