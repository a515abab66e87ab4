/**
 * The open workspace's side of autosave: which revision this tab last read or wrote, how
 * the workspace last open is reopened (repairing what storage damaged, and saying so),
 * and the writer that saves every change, keeps both versions when two tabs edited the
 * same workspace, and takes up what another tab saved.
 */
import type { StoreApi } from 'zustand/vanilla';
import type { AppState } from './appStore';
import { recoverText } from './persistence';
import type { LoadResult, SavedWorkspace, SyncChannel, WorkspaceLibrary } from './persistence';

export class WorkspaceSession {
  /** The revision of the open workspace this tab last read or wrote. */
  baseRev = 0;
  /**
   * The text of that revision: another tab's newer revision with the same text changed
   * only the view state (its layout, its selection), which is no reason to fork a copy.
   */
  baseText: string | null = null;

  /** Records the revision (and its text) this tab has just read or written. */
  based(rev: number, text: string): void {
    this.baseRev = rev;
    this.baseText = text;
  }

  constructor(readonly library: WorkspaceLibrary) {}

  nameOf(id: string): string {
    return this.library.list().find((w) => w.id === id)?.name ?? 'Untitled';
  }

  /**
   * Opens the workspace last open (or the one saved last, or a new demo workspace),
   * repairing the index first. `notice` says what was repaired, `error` what failed.
   */
  open(initialText: string): {
    id: string;
    saved: SavedWorkspace;
    notice: string | null;
    error: string | null;
  } {
    const { library } = this;
    const notices: string[] = [];
    const repaired = library.repair();
    if (repaired) notices.push(repaired);
    const dangling = library.hasDanglingCurrent();
    let id = library.currentId() ?? library.latest()?.id ?? null;
    let saved: SavedWorkspace = { text: initialText, selectedPod: null };
    let error: string | null = null;
    if (id) {
      const opened = this.readable(id, library.load(id));
      saved = opened.saved;
      this.based(opened.rev, saved.text);
      if (dangling) {
        notices.push(
          `The record of the workspace last open could not be read; “${this.nameOf(id)}”, saved last, is open.`,
        );
      }
      if (opened.notice) notices.push(opened.notice);
    } else {
      const created = library.create('Demo workspace', saved);
      if ('error' in created) {
        id = 'unsaved';
        error = `Could not save to browser storage: ${created.error}.`;
      } else {
        id = created.entry.id;
        this.based(created.rev, saved.text);
      }
    }
    library.setCurrent(id);
    return { id, saved, notice: notices.length > 0 ? notices.join(' ') : null, error };
  }

  /**
   * A loaded workspace, or (when its record cannot be read) its text recovered from the
   * raw record, which is first copied aside so that nothing is lost by saving over it.
   */
  readable(id: string, loaded: LoadResult | null): { saved: SavedWorkspace; rev: number; notice?: string } {
    if (loaded?.ok) return { saved: loaded.saved, rev: loaded.rev };
    if (!loaded) return { saved: { text: '', selectedPod: null }, rev: 0 };
    const key = this.library.keepUnreadable(id, loaded.raw);
    const text = recoverText(loaded.raw);
    const shown =
      text === loaded.raw ? 'its raw saved content is shown as text' : 'the text found in it is shown';
    return {
      saved: { text, selectedPod: null },
      rev: this.library.revision(id).rev,
      notice: `The saved workspace “${this.nameOf(id)}” could not be read (${loaded.reason}): ${shown}. The original record is kept in browser storage under “${key}”.`,
    };
  }
}

/**
 * Saves every change of the text or the view state once `saveDelayMs` pass without another
 * (and at least every {@link SAVE_MAX_WAIT_MS} while changes keep coming), and listens to
 * the other tabs. Sets the store's `flushSave` and `syncFromStorage`. A save copies the
 * whole text two or three times (into the record, IndexedDB and the other tabs' channel:
 * 60-140 ms of the main thread at 5,000 pods on this machine, ~0.4 s at 10,000): saving 400 ms
 * after the first of a run of keys landed in the middle of the next key's answer. So both
 * waits grow with the text past a megabyte ({@link saveWaits}); a page being hidden or left
 * still saves at once.
 */
/** Changes made without a pause are saved at least this often (for a text up to a megabyte). */
export const SAVE_MAX_WAIT_MS = 2000;

/** Texts up to this many characters save after the waits as given. */
const SAVE_SCALE_CHARS = 1 << 20;

/**
 * The pause before a save and the longest wait of a change, for a text of `length`
 * characters: as given up to a megabyte, then in proportion to its size, up to 2 s and 10 s
 * (a tab that crashes loses at most that much; a closed or reloaded one nothing).
 */
export function saveWaits(delayMs: number, length: number): { pauseMs: number; maxWaitMs: number } {
  const scale = Math.max(1, length / SAVE_SCALE_CHARS);
  return {
    pauseMs: Math.min(Math.max(delayMs, 2000), delayMs * scale),
    maxWaitMs: Math.min(Math.max(SAVE_MAX_WAIT_MS, 10_000), SAVE_MAX_WAIT_MS * scale),
  };
}

export function attachAutosave(
  store: StoreApi<AppState>,
  session: WorkspaceSession,
  saveDelayMs: number,
  channel?: SyncChannel,
): void {
  /** True while the store takes up state that is already saved (no save, no echo). */
  let adopting = false;
  const quietly = (change: () => void): void => {
    adopting = true;
    try {
      change();
    } finally {
      adopting = false;
    }
  };
  const write = (state: AppState): void => {
    const { text, selectedPod, positions, routes, collapsed } = state;
    const saved = { text, selectedPod, positions, routes, collapsed };
    let result = session.library.save(state.workspaceId, saved, session.baseRev);
    if ('conflict' in result) {
      // Another tab saved a newer revision. Only a text changed on both sides is a real
      // conflict: a tab that merely laid out, moved or selected (its text still the one
      // both started from) neither forks the other's edits nor is forked.
      const theirs = session.library.load(state.workspaceId);
      const theirText = theirs?.ok ? theirs.saved.text : null;
      if (theirText === session.baseText || theirText === text) {
        result = session.library.save(state.workspaceId, saved, result.conflict.rev);
      } else if (text === session.baseText && theirs?.ok) {
        if (state.workspaceId === store.getState().workspaceId) takeUp(theirs);
        return;
      } else {
        keepBoth(state);
        return;
      }
    }
    if ('rev' in result) session.based(result.rev, text);
    if ('error' in result) store.getState().reportSaveError(result.error);
    else if (store.getState().saveError !== null) store.setState({ saveError: null });
  };
  /** Takes up another tab's revision of the open workspace, quietly (no save, no echo). */
  const takeUp = (loaded: Extract<LoadResult, { ok: true }>): void => {
    const { saved } = loaded;
    session.based(loaded.rev, saved.text);
    if (saved.text === store.getState().text) return;
    quietly(() => {
      store.setState({
        selectedPod: saved.selectedPod,
        positions: saved.positions ?? {},
        routes: saved.routes ?? {},
        collapsed: saved.collapsed ?? [],
      });
      store.getState().setText(saved.text, 'import');
    });
  };
  /**
   * Another tab saved this workspace while this one had unsaved edits: the other tab's
   * version stays where it is, this tab's edits become a copy (opened here), and both
   * tabs' users are told.
   */
  const keepBoth = (state: AppState): void => {
    const name = session.nameOf(state.workspaceId);
    const { text, selectedPod, positions, routes, collapsed } = state;
    const created = session.library.create(`${name} (edited in two tabs)`, {
      text,
      selectedPod,
      positions,
      routes,
      collapsed,
    });
    if ('error' in created) {
      store.setState({
        saveError: `“${name}” was changed in another tab, and this tab's edits could not be saved as a copy: ${created.error}. Download them now (Export).`,
      });
      return;
    }
    session.based(created.rev, text);
    session.library.setCurrent(created.entry.id);
    quietly(() =>
      store.setState({
        workspaceId: created.entry.id,
        workspaces: session.library.list(),
        notice: `“${name}” was changed in another tab while you edited it here. Both versions are kept: your edits are in “${created.entry.name}”, open now; the other tab's stay in “${name}”.`,
      }),
    );
  };
  let pendingSave: ReturnType<typeof setTimeout> | undefined;
  /** When the oldest change not saved yet was made (ms, `Date.now`). */
  let unsavedSince = 0;
  /** Writes a pending save now, as `state` (the workspace's state when it was left). */
  const flush = (state: AppState): void => {
    if (pendingSave === undefined) return;
    clearTimeout(pendingSave);
    pendingSave = undefined;
    write(state);
  };
  /** Saves after a pause, or when the oldest unsaved change waited long enough (`saveWaits`). */
  const schedule = (): void => {
    const now = Date.now();
    if (pendingSave === undefined) unsavedSince = now;
    clearTimeout(pendingSave);
    const { pauseMs, maxWaitMs } = saveWaits(saveDelayMs, store.getState().text.length);
    const wait = Math.max(0, Math.min(pauseMs, unsavedSince + maxWaitMs - now));
    pendingSave = setTimeout(flushSave, wait);
  };
  const flushSave = (): void => flush(store.getState());
  /** Takes up the open workspace's newer revision saved by another tab, if there is one. */
  const syncFromStorage = (): void => {
    const { workspaceId } = store.getState();
    const stored = session.library.revision(workspaceId);
    if (stored.rev <= session.baseRev || stored.tab === session.library.tab) return;
    if (pendingSave !== undefined) {
      // Unsaved edits of the text here: saving them now finds the conflict and keeps both
      // versions. Unsaved view changes only: the other tab's revision wins.
      if (store.getState().text !== session.baseText) {
        flushSave();
        return;
      }
      clearTimeout(pendingSave);
      pendingSave = undefined;
    }
    const loaded = session.library.load(workspaceId);
    if (loaded?.ok) takeUp(loaded);
  };
  store.setState({ flushSave, syncFromStorage });
  channel?.subscribe((message) => {
    if (message.tab === session.library.tab) return;
    if (message.type === 'listed') store.setState({ workspaces: session.library.list() });
    else if (message.id === store.getState().workspaceId) syncFromStorage();
  });
  store.subscribe((state, previous) => {
    if (
      adopting ||
      (state.text === previous.text &&
        state.selectedPod === previous.selectedPod &&
        state.workspaceId === previous.workspaceId &&
        state.positions === previous.positions &&
        state.routes === previous.routes &&
        state.collapsed === previous.collapsed)
    ) {
      return;
    }
    if (state.workspaceId !== previous.workspaceId) {
      // The workspace being left keeps its last state (saved over the revision it was
      // read at, before `load` moved `session.baseRev` to the new one); the new one is written at once.
      if (pendingSave !== undefined) {
        clearTimeout(pendingSave);
        pendingSave = undefined;
      }
      write(state);
    } else if (saveDelayMs <= 0) write(state);
    else schedule();
  });
}
