/**
 * Imports: text read from files or the clipboard waits for the user to choose replace or
 * merge (an empty workspace takes it at once); the worker counts what it holds.
 */
import type { AnalysisClient } from '../worker/client';
import { checkImport, mergeWorkspaceText } from '../yaml/importText';
import type { ImportSummary } from '../yaml/importText';
import type { AppState } from './appStore';

export interface ImportSlice {
  /**
   * Imported text waiting for the user to choose replace or merge, with what it holds
   * (counted by the worker; null until its answer arrives, or when it cannot count).
   */
  pendingImport: { text: string; sources: string[]; summary: ImportSummary | null } | null;
  /** Why the last import was refused, until the next one. */
  importError: string | null;
  /** Offers text read from files or the clipboard; an empty workspace takes it at once. */
  offerImport: (text: string, sources: string[]) => void;
  resolveImport: (choice: 'replace' | 'merge' | 'cancel') => void;
  /** Refuses something that was to be opened (a damaged share link, an unknown recipe), saying why. */
  refuseImport: (message: string) => void;
}

type Get = () => AppState;
type Set = (partial: Partial<AppState>) => void;

export function createImportSlice(set: Set, get: Get, client: AnalysisClient): ImportSlice {
  return {
    pendingImport: null,
    importError: null,
    offerImport(text, sources) {
      const check = checkImport(text, sources.join(', ') || 'the input');
      if (!check.ok) {
        set({ importError: check.message, pendingImport: null });
        return;
      }
      set({ importError: null, pendingImport: { text, sources, summary: null } });
      if (get().text.trim() === '') {
        get().resolveImport('replace');
        return;
      }
      // Counting means parsing the whole text: the worker does it, the dialog updates.
      client
        .summarize?.(text)
        .then((summary) => {
          const pending = get().pendingImport;
          if (pending?.text === text) set({ pendingImport: { ...pending, summary } });
        })
        .catch(() => undefined);
    },
    refuseImport(message) {
      set({ importError: message, pendingImport: null });
    },
    resolveImport(choice) {
      const pending = get().pendingImport;
      set({ pendingImport: null });
      if (!pending || choice === 'cancel') return;
      const text = choice === 'replace' ? pending.text : mergeWorkspaceText(get().text, pending.text);
      // Replaced content is a new picture: lay it out afresh (a merge keeps what is placed).
      if (choice === 'replace') set({ positions: {}, routes: {}, collapsed: [] });
      get().setText(text, 'import');
    },
  };
}
