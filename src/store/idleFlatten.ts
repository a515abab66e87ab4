/**
 * V8 keeps a text made by an edit (slices of the old one joined with the typed characters) as
 * pieces, and copies it whole into one string at its next slice: ~4 ms a megabyte on this
 * machine, which the next keystroke's edit paid. Done while the page is idle instead (while
 * the worker reads the same text), the copy is off the keystroke's path.
 */

/** Below this many characters the copy costs too little to schedule. */
const LARGE_TEXT = 1 << 16;

/**
 * Returns `flattenSoon(text)`: once the page is idle, `text` is made one string (V8 flattens a
 * string at `charCodeAt`) if it is still the store's text (`current`).
 */
export function createIdleFlattener(current: () => string): (text: string) => void {
  let pending: string | null = null;
  const run = () => {
    const text = pending;
    pending = null;
    if (text !== null && current() === text) text.charCodeAt(0);
  };
  return (text) => {
    if (text.length < LARGE_TEXT) return;
    if (pending === null) {
      if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 500 });
      else setTimeout(run, 0);
    }
    pending = text;
  };
}
