/**
 * Where the browser keeps the workspaces: IndexedDB (hundreds of MB, so large workspaces
 * are saved too), read whole into memory when the page opens so that the store can read
 * and write synchronously; writes go to IndexedDB in the background, one transaction per
 * task, so what one action writes (a record and the index) is saved together or not at
 * all. localStorage (about 5 MB) is the fallback where IndexedDB cannot be opened, and the
 * source of the one-time migration of what older versions saved there.
 *
 * Other tabs learn of each write through the same `BroadcastChannel` the store uses for
 * its messages, posted in the order they were made, so their copies in memory never go
 * stale and a write's value always arrives before the store's message about it.
 *
 * Posting and writing copy the value (a 9 MB workspace: 60-300 ms each on this machine), so
 * each is done after the task that saved (`later`), and a value longer than
 * {@link PART_CHARS} is posted and written a part at a time, a part per task: in IndexedDB
 * one request after another in one transaction (each request's callback is a task), the
 * parts under keys of their own (see {@link storedParts}); on the channel as messages the
 * other tabs join. A page being left (`journal`) starts both at once.
 */
import { KEY_PREFIX, storageError } from '../../store/persistence';
import type { KeyValueStorage, SyncChannel } from '../../store/persistence';
import {
  createOutbox,
  createPartJoiner,
  PART_CHARS,
  partKey,
  PARTS_MARK,
  partsRange,
  storedParts,
} from './storageParts';
import type { KvMessage, Message, Outbox } from './storageParts';

const DB_NAME = 'netpol-canvas';
const STORE = 'kv';

export interface BrowserStorage {
  storage: KeyValueStorage | undefined;
  channel: SyncChannel | undefined;
  /** Where the workspaces are kept, in words (for the README's "Nothing lost" and tests). */
  kind: 'indexeddb' | 'localstorage' | 'memory';
  /** Called when a background write fails: the message says what was not saved. */
  onWriteError: (listener: (message: string) => void) => void;
  /**
   * Keeps what is not yet on disk where a page being left can still write it at once
   * (see {@link JOURNAL_PREFIX}); call when the page is hidden or left, after the last save.
   */
  journal: () => void;
}

/**
 * A page that is left (reload, close) may lose an IndexedDB transaction still running. So
 * on `pagehide` each tab copies its writes not yet confirmed into localStorage, synchronously,
 * under its own key; the next page to open replays them where the stored value is still the
 * one that tab had replaced (a newer write by another tab wins), then removes the copies.
 */
const JOURNAL_PREFIX = 'netpol-canvas-journal:';

/**
 * A write not confirmed yet: the value it replaced and its own; `earlier`, the values of this
 * page's writes of the same key before it that were not confirmed either (any of them may be
 * on disk when the page is gone, so the journal's entry applies over each).
 */
type Unconfirmed = { before: string | null; value: string | null; earlier?: (string | null)[] };

/** A write queued after `prior` (unconfirmed) of the same key, or the first one. */
function after(prior: Unconfirmed | undefined, next: Unconfirmed): Unconfirmed {
  if (!prior) return { before: next.before, value: next.value };
  return { before: prior.before, value: next.value, earlier: [...(prior.earlier ?? []), prior.value] };
}

export async function openBrowserStorage(): Promise<BrowserStorage> {
  const broadcast =
    typeof BroadcastChannel === 'undefined' ? undefined : new BroadcastChannel('netpol-canvas');
  const outbox = broadcast && createOutbox(broadcast);
  const kvListeners: ((message: KvMessage) => void)[] = [];
  const channel: SyncChannel | undefined = broadcast && {
    post: (message) => outbox?.post(message),
    subscribe: (listener) =>
      broadcast.addEventListener('message', (e: MessageEvent<Message>) => {
        if (e.data.type !== 'kv' && e.data.type !== 'kv-part') listener(e.data);
      }),
  };
  const join = createPartJoiner();
  broadcast?.addEventListener('message', (e: MessageEvent<Message>) => {
    const whole = join(e.data);
    if (whole) for (const listener of kvListeners) listener(whole);
  });
  const errorListeners: ((message: string) => void)[] = [];
  const onWriteError = (listener: (message: string) => void) => void errorListeners.push(listener);

  const db = await openDatabase().catch(() => null);
  if (db) {
    const map = await readAll(db);
    if (map.size === 0) await migrateFromLocalStorage(db, map);
    await replayJournals(db, map);
    const { storage, journal } = indexedDbStorage(db, map, outbox, (message) => {
      for (const listener of errorListeners) listener(message);
    });
    kvListeners.push((message) => {
      for (const [key, value] of message.entries) {
        if (value === null) map.delete(key);
        else map.set(key, value);
      }
    });
    // A page being left: the pending transaction starts (and the journal keeps what it holds)
    // before the other tabs hear of it.
    const journalAll = () => {
      journal();
      outbox?.flush();
    };
    return { storage, channel, kind: 'indexeddb', onWriteError, journal: journalAll };
  }
  const local = localStorageAdapter();
  // localStorage writes are synchronous: nothing to keep aside.
  return {
    storage: local,
    channel,
    kind: local ? 'localstorage' : 'memory',
    onWriteError,
    journal: () => outbox?.flush(),
  };
}

function openDatabase(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    if (typeof indexedDB === 'undefined') {
      reject(new Error('no IndexedDB'));
      return;
    }
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB refused to open'));
    request.onblocked = () => reject(new Error('IndexedDB is blocked'));
  });
}

function readAll(db: IDBDatabase): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    const map = new Map<string, string>();
    const request = db.transaction(STORE, 'readonly').objectStore(STORE).openCursor();
    request.onsuccess = () => {
      const cursor = request.result;
      if (!cursor) {
        resolve(storedParts(map));
        return;
      }
      if (typeof cursor.key === 'string' && typeof cursor.value === 'string')
        map.set(cursor.key, cursor.value);
      cursor.continue();
    };
    request.onerror = () => reject(request.error ?? new Error('IndexedDB read failed'));
  });
}

/** Copies what an older version saved in localStorage, then removes it there (once copied). */
async function migrateFromLocalStorage(db: IDBDatabase, map: Map<string, string>): Promise<void> {
  const local = localStorageAdapter();
  if (!local) return;
  const entries = local
    .keys()
    .filter((key) => key.startsWith(KEY_PREFIX))
    .map((key) => [key, local.getItem(key) ?? ''] as const);
  if (entries.length === 0) return;
  const copied = await writeBatch(
    db,
    entries.map(([k, v]) => [k, v]),
  ).then(
    () => true,
    () => false,
  );
  if (!copied) return;
  for (const [key, value] of entries) {
    map.set(key, value);
    local.removeItem(key);
  }
}

/**
 * Writes `entries` in one transaction. A long value goes in parts ({@link PARTS_MARK}), one
 * `put` per request callback, so no task copies more than a part of it.
 */
function writeBatch(db: IDBDatabase, entries: [string, string | null][]): Promise<void> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(STORE, 'readwrite');
    const store = tx.objectStore(STORE);
    const parts: { key: string; value: string; at: number }[] = [];
    for (const [key, value] of entries) {
      // The parts of the value before, if it had any.
      store.delete(partsRange(key));
      if (value === null) store.delete(key);
      else if (value.length <= PART_CHARS) store.put(value, key);
      else {
        store.put(`${PARTS_MARK}${Math.ceil(value.length / PART_CHARS)}`, key);
        for (let at = 0; at < value.length; at += PART_CHARS) parts.push({ key, value, at });
      }
    }
    const putNext = (index: number) => {
      const part = parts[index];
      if (!part) return;
      const { key, value, at } = part;
      const request = store.put(value.slice(at, at + PART_CHARS), partKey(key, at / PART_CHARS));
      request.onsuccess = () => putNext(index + 1);
    };
    putNext(0);
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error ?? new Error('the write was aborted'));
    tx.onerror = () => reject(tx.error ?? new Error('the write failed'));
  });
}

function indexedDbStorage(
  db: IDBDatabase,
  map: Map<string, string>,
  outbox: Outbox | undefined,
  reportError: (message: string) => void,
): { storage: KeyValueStorage; journal: () => void } {
  /** This task's writes, with each key's value before them (to undo a failed batch in memory). */
  let batch: Map<string, Unconfirmed> | null = null;
  /** Writes sent to IndexedDB and not confirmed yet (the journal's content, with `batch`). */
  const inflight = new Map<string, Unconfirmed>();
  const journalKey = `${JOURNAL_PREFIX}${Math.random().toString(36).slice(2)}`;
  /** A batch is done: on disk (`stored`) or failed. */
  const settle = (written: Map<string, Unconfirmed>, stored: boolean) => {
    for (const [k, v] of written) {
      const entry = inflight.get(k);
      if (!entry) continue;
      if (entry.value === v.value) inflight.delete(k);
      else {
        // A later write of this key is still on its way. Stored, this one is what that one
        // replaces on disk now (transactions complete in order); failed, it never will be.
        const earlier = entry.earlier ?? [];
        const at = earlier.indexOf(v.value);
        inflight.set(k, {
          before: stored ? v.value : entry.before,
          value: entry.value,
          earlier: earlier.slice(at + 1),
        });
      }
    }
    if (inflight.size === 0 && !batch) removeJournal(journalKey);
  };
  /** Starts the pending batch's transaction now (the page is being left: no later task). */
  let writeNow: (() => void) | null = null;
  const queue = (key: string, value: string | null) => {
    if (!batch) {
      batch = new Map();
      const current = batch;
      const timer = setTimeout(() => write(), 0);
      const write = () => {
        clearTimeout(timer);
        writeNow = null;
        batch = null;
        for (const [k, v] of current) inflight.set(k, after(inflight.get(k), v));
        const entries = [...current].map(([k, v]) => [k, v.value] as [string, string | null]);
        writeBatch(db, entries).then(
          () => settle(current, true),
          (error: unknown) => {
            settle(current, false);
            // Undo in memory what did not reach the disk, unless written again since.
            for (const [k, v] of current) {
              if ((map.get(k) ?? null) !== v.value) continue;
              if (v.before === null) map.delete(k);
              else map.set(k, v.before);
            }
            outbox?.post({
              type: 'kv',
              entries: [...current].map(([k, v]) => [k, v.before]),
            } satisfies KvMessage);
            reportError(storageError(error));
          },
        );
      };
      writeNow = write;
    }
    const previous = batch.get(key);
    batch.set(key, { value, before: previous ? previous.before : (map.get(key) ?? null) });
    // Queued now, so that the other tabs have the value before any message about it.
    outbox?.post({ type: 'kv', entries: [[key, value]] } satisfies KvMessage);
  };
  const journal = () => {
    writeNow?.();
    const pending = new Map(inflight);
    for (const [k, v] of batch ?? []) pending.set(k, after(pending.get(k), v));
    if (pending.size === 0) {
      removeJournal(journalKey);
      return;
    }
    try {
      window.localStorage.setItem(journalKey, JSON.stringify([...pending]));
    } catch {
      // No room (or no localStorage): the IndexedDB transaction is the only copy.
    }
  };
  const storage: KeyValueStorage = {
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => {
      queue(key, value);
      map.set(key, value);
    },
    removeItem: (key) => {
      queue(key, null);
      map.delete(key);
    },
    keys: () => [...map.keys()],
  };
  return { storage, journal };
}

function removeJournal(key: string): void {
  try {
    window.localStorage.removeItem(key);
  } catch {
    // Nothing was kept there.
  }
}

/**
 * Replays the journals pages left behind (see {@link JOURNAL_PREFIX}): an entry is written
 * where the stored value is still the one it replaced; then the journals are removed.
 */
async function replayJournals(db: IDBDatabase, map: Map<string, string>): Promise<void> {
  const local = localStorageAdapter();
  if (!local) return;
  const keys = local.keys().filter((key) => key.startsWith(JOURNAL_PREFIX));
  const replay = new Map<string, string | null>();
  for (const key of keys) {
    let entries: [string, Unconfirmed][];
    try {
      entries = JSON.parse(local.getItem(key) ?? '[]') as [string, Unconfirmed][];
    } catch {
      entries = [];
    }
    for (const [k, { before, value, earlier }] of Array.isArray(entries) ? entries : []) {
      // Written where the stored value is the one it replaced, or one of this page's own
      // unconfirmed writes before it; anything else was written by another tab since.
      const stored = map.get(k) ?? null;
      const ours = stored === before || (Array.isArray(earlier) && earlier.includes(stored));
      if (ours && value !== stored) replay.set(k, value);
    }
  }
  if (replay.size > 0) {
    const written = await writeBatch(db, [...replay]).then(
      () => true,
      () => false,
    );
    if (!written) return;
    for (const [k, value] of replay) {
      if (value === null) map.delete(k);
      else map.set(k, value);
    }
  }
  for (const key of keys) local.removeItem(key);
}

/** localStorage when the browser allows it (it throws in some private modes). */
function localStorageAdapter(): KeyValueStorage | undefined {
  try {
    const storage = window.localStorage;
    const probe = '__netpol_probe__';
    storage.setItem(probe, probe);
    storage.removeItem(probe);
    return {
      getItem: (key) => storage.getItem(key),
      setItem: (key, value) => storage.setItem(key, value),
      removeItem: (key) => storage.removeItem(key),
      keys: () => Array.from({ length: storage.length }, (_, i) => storage.key(i) ?? ''),
    };
  } catch {
    return undefined;
  }
}
