/**
 * Long values in browser storage and on the channel between tabs, a part at a time (see
 * `browserStorage.ts`): copying a 9 MB workspace at once took 130-300 ms of the main thread
 * here (an IndexedDB `put`) and 60-280 ms (a `BroadcastChannel` post), each a task of its own
 * after the save; a megabyte copies in ~10-30 ms.
 */
import type { SyncMessage } from '../../store/persistence';

/** A write between tabs: the keys' new values (null: removed). */
export interface KvMessage {
  type: 'kv';
  entries: [string, string | null][];
}

/** A part of a long value written by tab `from` (the last part completes it). */
export interface KvPartMessage {
  type: 'kv-part';
  from: string;
  key: string;
  text: string;
  last: boolean;
}

export type Message = SyncMessage | KvMessage | KvPartMessage;

/**
 * Values are copied (posted, written) at most this many characters per task: a megabyte
 * copies in ~10-30 ms here, a 9 MB workspace at once took 130-300 ms (an IndexedDB `put`)
 * and 60-280 ms (a post), each a task of its own after the save.
 */
export const PART_CHARS = 1 << 20;

/**
 * How IndexedDB holds a value longer than {@link PART_CHARS}: under its key, this mark and
 * the number of parts; the parts under `KEY\u0000INDEX` (keys hold no NUL otherwise, so a
 * key's parts sort right after it and form one key range).
 */
export const PARTS_MARK = '\u0000parts:';
export const partKey = (key: string, index: number): string => `${key}\u0000${index}`;
export const partsRange = (key: string): IDBKeyRange =>
  IDBKeyRange.bound(`${key}\u0000`, `${key}\u0001`, false, true);

/** The values read from IndexedDB, with the values kept in parts joined again. */
export function storedParts(raw: ReadonlyMap<string, string>): Map<string, string> {
  const map = new Map<string, string>();
  for (const [key, value] of raw) {
    if (key.includes('\u0000')) continue;
    if (!value.startsWith(PARTS_MARK)) {
      map.set(key, value);
      continue;
    }
    const parts = Array.from({ length: Number(value.slice(PARTS_MARK.length)) }, (_, i) =>
      raw.get(partKey(key, i)),
    );
    // Parts are written in the transaction that writes the mark: all there, or none.
    if (parts.every((part) => part !== undefined)) map.set(key, parts.join(''));
  }
  return map;
}

/** Runs `task` in a task of its own, after the current one. */
const later = (task: () => void): void => void setTimeout(task, 0);

/** Messages to the other tabs, posted in order in tasks after the one that queued them. */
export interface Outbox {
  post(message: SyncMessage | KvMessage): void;
  /** Posts what is queued now (a page being left). */
  flush(): void;
}

export function createOutbox(broadcast: Pick<BroadcastChannel, 'postMessage'>): Outbox {
  const from = Math.random().toString(36).slice(2);
  const queued: Message[] = [];
  /** Posts queued messages, at most about a part's worth of characters unless `all`. */
  const flush = (all = false) => {
    let posted = 0;
    while (queued.length > 0 && (all || posted < PART_CHARS)) {
      const message = queued.shift()!;
      broadcast.postMessage(message);
      posted += message.type === 'kv-part' ? message.text.length : 0;
    }
    if (queued.length > 0) later(() => flush());
  };
  return {
    post(message) {
      if (queued.length === 0) later(() => flush());
      if (message.type !== 'kv') {
        queued.push(message);
        return;
      }
      for (const [key, value] of message.entries) {
        if (value === null || value.length <= PART_CHARS) {
          queued.push({ type: 'kv', entries: [[key, value]] });
          continue;
        }
        for (let at = 0; at < value.length; at += PART_CHARS) {
          const last = at + PART_CHARS >= value.length;
          queued.push({ type: 'kv-part', from, key, text: value.slice(at, at + PART_CHARS), last });
        }
      }
    },
    flush: () => flush(true),
  };
}

/**
 * Joins the parts of long values as they arrive from the other tabs (by tab and key): returns
 * the write a message completes (a `kv` message, or the last part of one), else null.
 */
export function createPartJoiner(): (message: Message) => KvMessage | null {
  const arriving = new Map<string, string[]>();
  return (message) => {
    if (message.type === 'kv') return message;
    if (message.type !== 'kv-part') return null;
    const id = `${message.from}\u0000${message.key}`;
    const parts = arriving.get(id) ?? [];
    parts.push(message.text);
    if (!message.last) {
      arriving.set(id, parts);
      return null;
    }
    arriving.delete(id);
    return { type: 'kv', entries: [[message.key, parts.join('')]] };
  };
}
