/**
 * Autosave: every named workspace's text and view state live in browser storage, so a
 * reload (or a crash) restores exactly what was there. The storage and the channel to
 * other tabs are injected, so tests use in-memory ones and the store never touches
 * `window` itself.
 *
 * Saved format (version 2): one record per workspace under `workspace:ID` holding its
 * name, a revision number and the tab that wrote it, plus an index (`workspaces`) that
 * only orders them. The records are the truth: a damaged or incomplete index is rebuilt
 * from them, and a record that cannot be read is never overwritten before its raw text
 * is copied aside. A record is a line of JSON (everything but the text, and the text's
 * length) followed by the text as it is: as a JSON string, escaping a 9 MB text took
 * ~150 ms of every autosave. Records that are JSON whole (written so until 2026-12) and
 * version 1 records (no `v`, name only in the index) are read and rewritten on their next
 * save.
 */

/** The subset of the Web Storage API we use, plus a listing of the keys. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  keys(): string[];
}

/** What tabs tell each other about the saved workspaces. */
export type SyncMessage =
  { type: 'saved'; id: string; rev: number; tab: string } | { type: 'listed'; tab: string };

/** A broadcast to the other tabs (a `BroadcastChannel` in the browser). */
export interface SyncChannel {
  post(message: SyncMessage): void;
  subscribe(listener: (message: SyncMessage) => void): void;
}

export interface WorkspaceEntry {
  id: string;
  name: string;
}

/**
 * Edge routes of the last full layout, by `SOURCE->TARGET` node id: the polyline, and
 * where its two nodes were (absolute top-left) when it was routed. A route is drawn only
 * while both nodes are still there.
 */
export type EdgeRoutes = Record<
  string,
  { points: { x: number; y: number }[]; source: { x: number; y: number }; target: { x: number; y: number } }
>;

/** What is saved per workspace: the text (source of truth) and the view state. */
export interface SavedWorkspace {
  text: string;
  selectedPod: string | null;
  positions?: Record<string, { x: number; y: number }>;
  /** Edge routes of the last full layout (view state, like positions). */
  routes?: EdgeRoutes;
  /** Namespaces drawn collapsed. */
  collapsed?: string[];
}

export const FORMAT_VERSION = 2;

/** A saved record (version 2), as {@link encodeRecord} writes it. */
interface StoredRecord extends SavedWorkspace {
  v: typeof FORMAT_VERSION;
  name: string;
  /** Bumped on every save; a tab that saves over a revision it has not seen forks a copy. */
  rev: number;
  /** The tab that wrote this revision. */
  tab: string;
  savedAt: number;
}

/** A workspace read back: its content and revision, or the raw text it could not read. */
export type LoadResult =
  { ok: true; saved: SavedWorkspace; rev: number; name: string } | { ok: false; raw: string; reason: string };

/** The outcome of a save: the new revision, a newer revision by another tab, or an error. */
export type SaveResult = { rev: number } | { conflict: { rev: number; tab: string } } | { error: string };

export const KEY_PREFIX = 'netpol-canvas:';
const INDEX_KEY = `${KEY_PREFIX}workspaces`;
const CURRENT_KEY = `${KEY_PREFIX}current`;
const ITEM_PREFIX = `${KEY_PREFIX}workspace:`;
const UNREADABLE_PREFIX = `${KEY_PREFIX}unreadable:`;
const itemKey = (id: string) => `${ITEM_PREFIX}${id}`;

/** Named workspaces in a key-value storage. Write failures (quota) are reported, never thrown. */
export class WorkspaceLibrary {
  /** This tab's id: records say which tab wrote them. */
  readonly tab = newId();

  constructor(
    private readonly storage: KeyValueStorage,
    private readonly channel?: SyncChannel,
  ) {}

  /**
   * Checks the index against the records at startup and repairs it: records missing from
   * it are listed again, entries with no record are dropped. Returns what was repaired,
   * in words, or null.
   */
  repair(): string | null {
    const stored = this.storage.getItem(INDEX_KEY);
    const index = parseIndex(stored);
    const ids = this.recordIds();
    const indexed = (index ?? []).filter((w) => ids.has(w.id));
    const known = new Set(indexed.map((w) => w.id));
    const found = [...ids]
      .filter((id) => !known.has(id))
      .map((id) => ({ id, name: this.nameOf(id), savedAt: this.savedAtOf(id) }))
      .sort((a, b) => a.savedAt - b.savedAt)
      .map(({ id, name }) => ({ id, name }));
    if (index !== null && found.length === 0 && indexed.length === index.length) return null;
    const entries = [...indexed, ...found];
    this.write(INDEX_KEY, JSON.stringify(entries));
    if (index === null && stored !== null) {
      return `The list of saved workspaces could not be read; it was rebuilt from the ${plural(entries.length, 'workspace')} found in storage.`;
    }
    if (found.length > 0) {
      return `${plural(found.length, 'saved workspace')} missing from the list ${found.length === 1 ? 'was' : 'were'} listed again: ${found.map((w) => `“${w.name}”`).join(', ')}.`;
    }
    return null;
  }

  list(): WorkspaceEntry[] {
    return parseIndex(this.storage.getItem(INDEX_KEY)) ?? [];
  }

  /** The id of the workspace last open, if it is listed. */
  currentId(): string | null {
    const id = this.storage.getItem(CURRENT_KEY);
    return id && this.list().some((w) => w.id === id) ? id : null;
  }

  /** Whether a current-workspace pointer is stored that does not name a listed workspace. */
  hasDanglingCurrent(): boolean {
    return this.storage.getItem(CURRENT_KEY) !== null && this.currentId() === null;
  }

  setCurrent(id: string): void {
    this.write(CURRENT_KEY, id);
  }

  /** The most recently saved workspace that can be read, if any. */
  latest(): WorkspaceEntry | null {
    let best: { entry: WorkspaceEntry; at: number } | null = null;
    for (const entry of this.list()) {
      const loaded = this.load(entry.id);
      if (!loaded?.ok) continue;
      const at = this.savedAtOf(entry.id);
      if (!best || at >= best.at) best = { entry, at };
    }
    return best?.entry ?? null;
  }

  load(id: string): LoadResult | null {
    const raw = this.storage.getItem(itemKey(id));
    if (raw === null) return null;
    const parsed = decodeRecord(raw);
    if (typeof parsed === 'string') return { ok: false, raw, reason: parsed };
    if (typeof parsed.text !== 'string') {
      return { ok: false, raw, reason: 'it has no text' };
    }
    if (parsed.v !== undefined && parsed.v !== FORMAT_VERSION) {
      return {
        ok: false,
        raw,
        reason: `it was saved in format ${JSON.stringify(parsed.v)}, which this version cannot read`,
      };
    }
    const name =
      typeof parsed.name === 'string' ? parsed.name : (this.list().find((w) => w.id === id)?.name ?? id);
    return {
      ok: true,
      name,
      rev: typeof parsed.rev === 'number' ? parsed.rev : 0,
      saved: {
        text: parsed.text,
        selectedPod: typeof parsed.selectedPod === 'string' ? parsed.selectedPod : null,
        positions: isRecord(parsed.positions) ? (parsed.positions as SavedWorkspace['positions']) : undefined,
        routes: isRecord(parsed.routes) ? (parsed.routes as EdgeRoutes) : undefined,
        collapsed: Array.isArray(parsed.collapsed)
          ? parsed.collapsed.filter((n): n is string => typeof n === 'string')
          : undefined,
      },
    };
  }

  /** The revision stored for a workspace, and the tab that wrote it (0 and '' when none). */
  revision(id: string): { rev: number; tab: string } {
    const { rev, tab } = headerOf(this.storage.getItem(itemKey(id)));
    return { rev, tab };
  }

  /**
   * Saves a workspace over revision `baseRev` (the one this tab last read or wrote). When
   * another tab has saved a newer revision since, nothing is written and the conflict is
   * returned, so the caller can keep both. A saved workspace is always listed.
   */
  save(id: string, saved: SavedWorkspace, baseRev?: number): SaveResult {
    const current = this.revision(id);
    if (baseRev !== undefined && current.rev > baseRev && current.tab !== this.tab) {
      return { conflict: current };
    }
    const entry = this.list().find((w) => w.id === id);
    const name = entry?.name ?? this.nameOf(id);
    const rev = current.rev + 1;
    const record: StoredRecord = {
      v: FORMAT_VERSION,
      name,
      rev,
      tab: this.tab,
      savedAt: this.now(),
      ...saved,
    };
    const error = this.write(itemKey(id), encodeRecord(record));
    if (error) return { error };
    if (!entry) this.write(INDEX_KEY, JSON.stringify([...this.list(), { id, name }]));
    this.channel?.post({ type: 'saved', id, rev, tab: this.tab });
    return { rev };
  }

  /**
   * Creates a workspace: its record first, then its index entry, so a full storage leaves
   * nothing half made. Returns the entry and its revision, or why it could not.
   */
  create(name: string, saved: SavedWorkspace): { entry: WorkspaceEntry; rev: number } | { error: string } {
    const entry = { id: newId(), name: this.uniqueName(name) };
    const record: StoredRecord = {
      v: FORMAT_VERSION,
      name: entry.name,
      rev: 1,
      tab: this.tab,
      savedAt: this.now(),
      ...saved,
    };
    const error =
      this.write(itemKey(entry.id), encodeRecord(record)) ??
      this.write(INDEX_KEY, JSON.stringify([...this.list(), entry]));
    if (error) {
      this.storage.removeItem(itemKey(entry.id));
      return { error };
    }
    this.notifyListed();
    return { entry, rev: 1 };
  }

  rename(id: string, name: string): void {
    this.write(INDEX_KEY, JSON.stringify(this.list().map((w) => (w.id === id ? { ...w, name } : w))));
    const loaded = this.load(id);
    if (loaded?.ok) {
      const { rev, tab, savedAt } = headerOf(this.storage.getItem(itemKey(id)));
      this.write(itemKey(id), encodeRecord({ v: FORMAT_VERSION, name, rev, tab, savedAt, ...loaded.saved }));
    }
    this.notifyListed();
  }

  /** Removes a workspace and returns what it held, so the caller can offer undo. */
  remove(id: string): { entry: WorkspaceEntry; saved: SavedWorkspace | null } | null {
    const entry = this.list().find((w) => w.id === id);
    if (!entry) return null;
    const loaded = this.load(id);
    this.write(INDEX_KEY, JSON.stringify(this.list().filter((w) => w.id !== id)));
    this.storage.removeItem(itemKey(id));
    this.notifyListed();
    return { entry, saved: loaded?.ok ? loaded.saved : null };
  }

  /** Puts back a removed workspace under its old id and name. */
  restore(entry: WorkspaceEntry, saved: SavedWorkspace): void {
    const record: StoredRecord = {
      v: FORMAT_VERSION,
      name: entry.name,
      rev: 1,
      tab: this.tab,
      savedAt: this.now(),
      ...saved,
    };
    this.write(itemKey(entry.id), encodeRecord(record));
    this.write(INDEX_KEY, JSON.stringify([...this.list(), entry]));
    this.notifyListed();
  }

  /** Copies an unreadable record's raw text aside (once), so it survives being saved over. */
  keepUnreadable(id: string, raw: string): string {
    const key = `${UNREADABLE_PREFIX}${id}`;
    if (this.storage.getItem(key) === null) this.write(key, raw);
    return key;
  }

  uniqueName(name: string): string {
    const taken = new Set(this.list().map((w) => w.name));
    if (!taken.has(name)) return name;
    for (let i = 2; ; i++) if (!taken.has(`${name} (${i})`)) return `${name} (${i})`;
  }

  /**
   * The save time of a record: the clock, but always later than this tab's previous save, so
   * that two saves in the same millisecond still say which was last (`latest`).
   */
  private lastSavedAt = 0;
  private now(): number {
    this.lastSavedAt = Math.max(Date.now(), this.lastSavedAt + 1);
    return this.lastSavedAt;
  }

  private notifyListed(): void {
    this.channel?.post({ type: 'listed', tab: this.tab });
  }

  private recordIds(): Set<string> {
    return new Set(
      this.storage
        .keys()
        .filter((key) => key.startsWith(ITEM_PREFIX))
        .map((key) => key.slice(ITEM_PREFIX.length)),
    );
  }

  private nameOf(id: string): string {
    const loaded = this.load(id);
    if (loaded?.ok && loaded.name !== id) return loaded.name;
    return loaded?.ok ? 'Recovered workspace' : 'Unreadable workspace';
  }

  private savedAtOf(id: string): number {
    return headerOf(this.storage.getItem(itemKey(id))).savedAt;
  }

  private write(key: string, value: string): string | null {
    try {
      this.storage.setItem(key, value);
      return null;
    } catch (error) {
      return storageError(error);
    }
  }
}

/**
 * A record is its head, one line of JSON with the text's length (JSON.stringify escapes line
 * breaks), then the text as it is. Still version 2, with the head in the order older
 * versions read a revision from (`HEADER`): a tab of an older version left open reads the
 * revision right (so it keeps both versions on a conflict, as it should), and the record as
 * unreadable (kept aside, shown as found). Records that are JSON whole (the text inside)
 * are read too.
 */
function encodeRecord(record: StoredRecord): string {
  const { text, ...head } = record;
  return `${JSON.stringify({ ...head, length: text.length })}\n${text}`;
}

/** A record's head and the text after it, when it is written that way. */
function headAndText(raw: string): { head: Record<string, unknown>; text: string } | null {
  const newline = raw.indexOf('\n');
  if (newline < 0 || !raw.startsWith('{')) return null;
  let head: unknown;
  try {
    head = JSON.parse(raw.slice(0, newline));
  } catch {
    return null;
  }
  if (!isRecord(head) || typeof head.length !== 'number' || 'text' in head) return null;
  return { head, text: raw.slice(newline + 1) };
}

/** A stored record's fields (the text among them), or why it cannot be read. */
function decodeRecord(raw: string): Record<string, unknown> | string {
  const split = headAndText(raw);
  if (split) {
    if (split.text.length !== split.head.length) return 'it is cut short';
    const fields: Record<string, unknown> = { ...split.head, text: split.text };
    delete fields.length;
    return fields;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return 'it is not complete JSON';
  }
  return isRecord(parsed) ? parsed : 'it has no text';
}

/**
 * The text inside an unreadable record: a truncated record still holds the start of its
 * text, which is worth more to its owner than the JSON around it.
 */
export function recoverText(raw: string): string {
  const split = headAndText(raw);
  if (split) return split.text;
  const match = /"text"\s*:\s*"((?:[^"\\]|\\.)*)("?)/.exec(raw);
  if (match?.[1] === undefined) return raw;
  const body = match[1].replace(/\\u[0-9a-fA-F]{0,3}$|\\$/, '');
  try {
    return JSON.parse(`"${body}"`) as string;
  } catch {
    return raw;
  }
}

/**
 * A record's revision, writer and save time. Every save asks for them, so they are read
 * from the record's head (written first, in this order) instead of parsing the whole record
 * (a 10 MB workspace took as long again as the save); other shapes are parsed in full.
 */
const HEADER = /^\{"v":2,"name":"(?:[^"\\]|\\.)*","rev":(\d+),"tab":"([^"\\]*)","savedAt":(\d+)[,}]/;

function headerOf(raw: string | null): { rev: number; tab: string; savedAt: number } {
  const none = { rev: 0, tab: '', savedAt: 0 };
  if (raw === null) return none;
  const head = HEADER.exec(raw.slice(0, 4096));
  if (head) return { rev: Number(head[1]), tab: head[2] ?? '', savedAt: Number(head[3]) };
  try {
    // A name too long for the first 4 KB: the head alone, or the whole record.
    const parsed: unknown = headAndText(raw)?.head ?? JSON.parse(raw);
    if (!isRecord(parsed)) return none;
    return {
      rev: typeof parsed.rev === 'number' ? parsed.rev : 0,
      tab: typeof parsed.tab === 'string' ? parsed.tab : '',
      savedAt: typeof parsed.savedAt === 'number' ? parsed.savedAt : 0,
    };
  } catch {
    // An unreadable record has no revision.
    return none;
  }
}

function parseIndex(stored: string | null): WorkspaceEntry[] | null {
  if (stored === null) return null;
  try {
    const parsed: unknown = JSON.parse(stored);
    return Array.isArray(parsed) ? parsed.filter(isEntry) : null;
  } catch {
    return null;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isEntry(value: unknown): value is WorkspaceEntry {
  return isRecord(value) && typeof value.id === 'string' && typeof value.name === 'string';
}

/** Why storage refused a write, in words: full (a quota error), or refused with the browser's reason. */
export function storageError(error: unknown): string {
  const why = error instanceof Error ? error.message : String(error);
  const quota = error instanceof Error && /quota/i.test(`${error.name} ${error.message}`);
  return quota ? `browser storage is full (${why})` : `browser storage refused it (${why})`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function newId(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/** A Map-backed storage for tests and for browsers where storage is unavailable. */
export function memoryStorage(quotaChars = Infinity): KeyValueStorage {
  const map = new Map<string, string>();
  const used = () => [...map].reduce((sum, [k, v]) => sum + k.length + v.length, 0);
  return {
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => {
      const after = used() - (map.get(key)?.length ?? 0) + (map.has(key) ? 0 : key.length) + value.length;
      if (after > quotaChars) {
        const error = new Error('The quota has been exceeded.');
        error.name = 'QuotaExceededError';
        throw error;
      }
      map.set(key, value);
    },
    removeItem: (key) => void map.delete(key),
    keys: () => [...map.keys()],
  };
}

/** Channels between in-memory "tabs" for tests: a message reaches every other member, later. */
export function memoryChannels(): () => SyncChannel {
  const members: ((message: SyncMessage) => void)[][] = [];
  return () => {
    const listeners: ((message: SyncMessage) => void)[] = [];
    members.push(listeners);
    return {
      post: (message) => {
        for (const other of members) {
          if (other !== listeners) for (const listener of other) queueMicrotask(() => listener(message));
        }
      },
      subscribe: (listener) => void listeners.push(listener),
    };
  };
}
