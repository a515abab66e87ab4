/**
 * The workspace library's actions: create, open, rename, duplicate, delete (with undo)
 * and open a share link, over the saved workspaces of `WorkspaceSession`.
 */
import type { Lesson } from '../recipes';
import type { AppState } from './appStore';
import type { WorkspaceSession } from './autosave';
import type { SavedWorkspace } from './persistence';

/** A workspace carried by a share link (the page decodes it: `ui/app/shareLink.ts`). */
export interface SharedState {
  text: string;
  /** A lesson and the step shown, when the link was made during a lesson. */
  lesson?: { id: string; step: number };
}

export interface WorkspaceActions {
  /**
   * Opens a share link's workspace as a new workspace, at its lesson step when it names
   * `lesson` (a step the lesson does not have opens at the nearest one, with a notice).
   */
  openShared: (shared: SharedState, lesson: Lesson | undefined) => void;
  /** Creates and opens a workspace; false (with `saveError` set) when storage refuses it. */
  newWorkspace: (name: string, text?: string) => boolean;
  switchWorkspace: (id: string) => void;
  renameWorkspace: (id: string, name: string) => void;
  duplicateWorkspace: (id: string) => void;
  deleteWorkspace: (id: string) => void;
  undoDeleteWorkspace: () => void;
}

type Get = () => AppState;
type Set = (partial: Partial<AppState>) => void;

export function createWorkspaceActions(
  set: Set,
  get: Get,
  session: WorkspaceSession,
  /** Replaces the whole document with a saved workspace at revision `rev`, and evaluates it. */
  load: (workspaceId: string, saved: SavedWorkspace, rev: number) => void,
): WorkspaceActions {
  return {
    openShared(shared, lesson) {
      if (!get().newWorkspace(lesson ? `Lesson: ${lesson.title}` : 'Shared workspace', shared.text)) return;
      if (shared.lesson && !lesson) {
        set({
          notice: `The link names a lesson this version does not have (“${shared.lesson.id}”): its workspace is open without it.`,
        });
      }
      if (!lesson || !shared.lesson) return;
      const asked = shared.lesson.step;
      const last = lesson.steps.length - 1;
      const step = Number.isInteger(asked) ? Math.min(Math.max(asked, 0), last) : 0;
      set({ lesson: { lesson, step, phase: 'predict', predictions: [] } });
      if (step !== asked) {
        set({
          notice: `The link asks for step ${JSON.stringify(asked) ?? 'none'} of “${lesson.title}”, which has steps 1 to ${last + 1}: it opens at step ${step + 1}.`,
        });
      }
    },
    newWorkspace(name, text = '') {
      get().flushSave();
      const created = session.library.create(name, { text, selectedPod: null });
      if ('error' in created) {
        set({
          saveError: `Could not create “${name}”: ${created.error}. Nothing was changed; delete or export a workspace to make room.`,
        });
        return false;
      }
      session.library.setCurrent(created.entry.id);
      load(created.entry.id, { text, selectedPod: null }, created.rev);
      return true;
    },
    switchWorkspace(id) {
      const loaded = session.library.load(id);
      if (!loaded || id === get().workspaceId) return;
      // The workspace being left is saved over the revision it was read at.
      get().flushSave();
      const opened = session.readable(id, loaded);
      session.library.setCurrent(id);
      load(id, opened.saved, opened.rev);
      if (opened.notice) set({ notice: opened.notice });
    },
    renameWorkspace(id, name) {
      const trimmed = name.trim();
      if (trimmed === '') return;
      session.library.rename(id, trimmed);
      set({ workspaces: session.library.list() });
    },
    duplicateWorkspace(id) {
      const source = session.library.load(id);
      const entry = session.library.list().find((w) => w.id === id);
      if (!source?.ok || !entry) return;
      get().newWorkspace(`${entry.name} copy`, source.saved.text);
    },
    deleteWorkspace(id) {
      // Its latest edits go with it, so that undo brings them back.
      if (id === get().workspaceId) get().flushSave();
      const removed = session.library.remove(id);
      if (!removed) return;
      const deletedWorkspace = removed.saved ? { entry: removed.entry, saved: removed.saved } : null;
      set({ workspaces: session.library.list(), deletedWorkspace });
      if (id !== get().workspaceId) return;
      const next = session.library.list()[0];
      if (next) get().switchWorkspace(next.id);
      else get().newWorkspace('Untitled');
    },
    undoDeleteWorkspace() {
      const deleted = get().deletedWorkspace;
      if (!deleted) return;
      session.library.restore(deleted.entry, deleted.saved);
      set({ workspaces: session.library.list(), deletedWorkspace: null });
      get().switchWorkspace(deleted.entry.id);
    },
  };
}
