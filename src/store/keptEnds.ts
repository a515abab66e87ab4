/**
 * What the store's changes kept of the text it last sent to the worker (see `KeptEnds`):
 * the worker's sender then finds a keystroke's edit without comparing the two texts, and,
 * after a single change, without slicing the new one (each costs ~2-7 ms at 2 MB).
 */
import type { KeptEnds } from '../yaml/textOffsets';
import type { TextChange } from '../yaml/textEdits';

export interface KeptTracker {
  /** `text` is being sent: what is known of it against the text sent before, if anything. */
  sending(text: string): KeptEnds | undefined;
  /** A commit turned `before` into `after` with `changes` (applied in order). */
  committed(before: string, changes: readonly TextChange[], after: string): void;
}

export function createKeptTracker(): KeptTracker {
  /** The text sent last. */
  let sent: string | null = null;
  /**
   * The text now (`to`) keeps the first `prefix` and last `suffix` characters of `sent`: the
   * commits since touched none of them (null: the text was changed otherwise).
   */
  let since: {
    to: string;
    prefix: number;
    suffix: number;
    /** What the one change since put between them (null: no change yet; undefined: more than one). */
    insert: string | null | undefined;
  } | null = null;
  return {
    sending(text) {
      const kept =
        sent !== null && since?.to === text
          ? {
              from: sent,
              prefix: since.prefix,
              suffix: since.suffix,
              ...(typeof since.insert === 'string' ? { insert: since.insert } : {}),
            }
          : undefined;
      sent = text;
      since = { to: text, prefix: Infinity, suffix: Infinity, insert: null };
      return kept;
    },
    committed(before, changes, after) {
      if (since?.to !== before) {
        since = null;
        return;
      }
      let length = before.length;
      for (const change of changes) {
        since.insert = since.insert === null ? change.text : undefined;
        since.prefix = Math.min(since.prefix, change.start);
        since.suffix = Math.min(since.suffix, length - change.end);
        length += change.text.length - (change.end - change.start);
      }
      since.to = after;
    },
  };
}
