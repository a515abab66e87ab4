/**
 * Autosave: every named workspace's text and view state live in browser storage, so a
 * reload (or a crash) restores exactly what was there. The storage is injected, so
 * tests use an in-memory one and the store never touches `window` itself.
 */

/** The subset of the Web Storage API we use. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface WorkspaceEntry {
  id: string;
  name: string;
}

/** What is saved per workspace: the text (source of truth) and the view state. */
/**
 * Edge routes of the last full layout, by `SOURCE->TARGET` node id: the polyline, and
 * where its two nodes were (absolute top-left) when it was routed. A route is drawn only
 * while both nodes are still there.
 */
export type EdgeRoutes = Record<
  string,
  { points: { x: number; y: number }[]; source: { x: number; y: number }; target: { x: number; y: number } }
>;

export interface SavedWorkspace {
  text: string;
  selectedPod: string | null;
  positions?: Record<string, { x: number; y: number }>;
  /** Edge routes of the last full layout (view state, like positions). */
  routes?: EdgeRoutes;
  /** Namespaces drawn collapsed. */
  collapsed?: string[];
}

const INDEX_KEY = 'netpol-canvas:workspaces';
const CURRENT_KEY = 'netpol-canvas:current';
const itemKey = (id: string) => `netpol-canvas:workspace:${id}`;

/** Named workspaces in a key-value storage. Write failures (quota) are reported, never thrown. */
export class WorkspaceLibrary {
  constructor(private readonly storage: KeyValueStorage) {}

  list(): WorkspaceEntry[] {
    try {
      const parsed: unknown = JSON.parse(this.storage.getItem(INDEX_KEY) ?? '[]');
      return Array.isArray(parsed) ? parsed.filter(isEntry) : [];
    } catch {
      return [];
    }
  }

  currentId(): string | null {
    const id = this.storage.getItem(CURRENT_KEY);
    return id && this.list().some((w) => w.id === id) ? id : null;
  }

  setCurrent(id: string): void {
    this.write(CURRENT_KEY, id);
  }

  load(id: string): SavedWorkspace | null {
    try {
      const parsed = JSON.parse(this.storage.getItem(itemKey(id)) ?? 'null') as SavedWorkspace | null;
      return parsed && typeof parsed.text === 'string' ? parsed : null;
    } catch {
      return null;
    }
  }

  /** Saves a workspace; returns an error message when the storage refuses (e.g. quota). */
  save(id: string, saved: SavedWorkspace): string | null {
    return this.write(itemKey(id), JSON.stringify(saved));
  }

  create(name: string, saved: SavedWorkspace): WorkspaceEntry {
    const entry = { id: newId(), name: this.uniqueName(name) };
    this.save(entry.id, saved);
    this.write(INDEX_KEY, JSON.stringify([...this.list(), entry]));
    return entry;
  }

  rename(id: string, name: string): void {
    this.write(INDEX_KEY, JSON.stringify(this.list().map((w) => (w.id === id ? { ...w, name } : w))));
  }

  /** Removes a workspace and returns what it held, so the caller can offer undo. */
  remove(id: string): { entry: WorkspaceEntry; saved: SavedWorkspace | null } | null {
    const entry = this.list().find((w) => w.id === id);
    if (!entry) return null;
    const saved = this.load(id);
    this.write(INDEX_KEY, JSON.stringify(this.list().filter((w) => w.id !== id)));
    this.storage.removeItem(itemKey(id));
    return { entry, saved };
  }

  /** Puts back a removed workspace under its old id and name. */
  restore(entry: WorkspaceEntry, saved: SavedWorkspace): void {
    this.save(entry.id, saved);
    this.write(INDEX_KEY, JSON.stringify([...this.list(), entry]));
  }

  uniqueName(name: string): string {
    const taken = new Set(this.list().map((w) => w.name));
    if (!taken.has(name)) return name;
    for (let i = 2; ; i++) if (!taken.has(`${name} (${i})`)) return `${name} (${i})`;
  }

  private write(key: string, value: string): string | null {
    try {
      this.storage.setItem(key, value);
      return null;
    } catch (error) {
      return `Could not save to browser storage: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
}

function isEntry(value: unknown): value is WorkspaceEntry {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as WorkspaceEntry).id === 'string' &&
    typeof (value as WorkspaceEntry).name === 'string'
  );
}

function newId(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/** A Map-backed storage for tests and for browsers where storage is unavailable. */
export function memoryStorage(): KeyValueStorage {
  const map = new Map<string, string>();
  return {
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, value),
    removeItem: (key) => void map.delete(key),
  };
}
