/**
 * Binds a Monaco editor to the app store, framework-free (create / dispose), like
 * xyflow's core/skin split: `EditorPane` only mounts it.
 *
 * Changes flow both ways, as data. Typing passes Monaco's own changes to the store
 * (`applyEdits(..., 'editor')`); the store publishes every change of the text as an event
 * (`lastChange`: the changes and their origin), and the changes others made (canvas,
 * import) enter Monaco exactly as they are, through `pushEditOperations`, so the cursor
 * stays put and one undo stack covers both.
 * A canvas gesture's change is scrolled into view and flashed briefly, so the user sees
 * what the gesture wrote.
 */
import type { AppStore, TextChangeEvent } from '../../store/appStore';
import type { TextChange } from '../../store/analysisTypes';
import { isFormField } from '../app/keyTarget';
import { setDiagnosticMarkers } from './markers';
import {
  monaco,
  SCHEMA_VALIDATION_MAX_LINES,
  setSchemaValidation,
  setupMonaco,
  WORKSPACE_MODEL_URI,
} from './monacoSetup';
import { registerPolicyInsights } from './policyInsights';
import { bindSelectionSync } from './selectionSync';
import { createTextLoader } from './textLoader';

/** How long a canvas edit stays highlighted (the CSS animation of `.canvas-edit-flash` fades within it). */
const FLASH_MS = 1600;

export interface MonacoBinding {
  editor: monaco.editor.IStandaloneCodeEditor;
  dispose(): void;
}

const QUICK_SUGGESTIONS = { other: true, comments: false, strings: true } as const;

/** Past this many lines (~4 MB of YAML) the editor turns off what VS Code turns off for large files. */
export const HUGE_TEXT_LINES = 100_000;

export function createMonacoBinding(container: HTMLElement, store: AppStore): MonacoBinding {
  setupMonaco();
  const model =
    monaco.editor.getModel(WORKSPACE_MODEL_URI) ??
    monaco.editor.createModel(store.getState().text, 'yaml', WORKSPACE_MODEL_URI);
  const themeOf = (t: string) => (t === 'dark' ? 'vs-dark' : 'vs');
  const editor = monaco.editor.create(container, {
    model,
    theme: themeOf(store.getState().theme),
    automaticLayout: true,
    minimap: { enabled: false, showRegionSectionHeaders: false, showMarkSectionHeaders: false },
    fontSize: 13,
    tabSize: 2,
    scrollBeyondLastLine: false,
    quickSuggestions: QUICK_SUGGESTIONS,
  });

  let applyingExternal = false;
  const flash = editor.createDecorationsCollection();
  let flashTimer: ReturnType<typeof setTimeout> | undefined;
  /** Scrolls to the lines a canvas command changed and highlights them for a moment. */
  const showCanvasEdit = (edit: monaco.editor.IIdentifiedSingleEditOperation): void => {
    // Text before the edit is unchanged, so its start position is the same after it.
    const start = model.getOffsetAt({
      lineNumber: edit.range.startLineNumber,
      column: edit.range.startColumn,
    });
    const lines = changedLines(model, start, edit.text ?? '');
    editor.revealRangeInCenterIfOutsideViewport(lines, monaco.editor.ScrollType.Smooth);
    clearTimeout(flashTimer);
    flash.clear();
    // A deletion leaves nothing to highlight: the scroll shows where it was.
    if ((edit.text ?? '').trim() === '') return;
    flash.set([{ range: lines, options: { isWholeLine: true, className: 'canvas-edit-flash' } }]);
    flashTimer = setTimeout(() => flash.clear(), FLASH_MS);
  };
  // Large texts: every request to monaco-yaml parses the whole text again in its worker
  // (~1 s at 1,000 pods, on a core the evaluation needs). So no schema validation, no sticky
  // scroll (symbols after each keystroke), no suggestions while typing (Ctrl+Space still
  // asks), no light bulb (code actions asked at every cursor move), folding by indentation,
  // no link or colour detection (asked after each change), no bracket pair colours, guides or
  // matching (their bracket tree is built over the whole text: ~0.9 s at 5,000 pods when it
  // opens). Past `HUGE_TEXT_LINES`, as VS Code does for its large files, no folding (~0.2 s
  // a change to find the ranges of 270,000 lines) and no Unicode highlighting (it copies the
  // text into Monaco's own worker: a task posting 270,000 lines when a 9 MB file opens).
  let size: 'small' | 'large' | 'huge' | null = null;
  const sizeCheck = (lines = model.getLineCount()) => {
    const tier = lines <= SCHEMA_VALIDATION_MAX_LINES ? 'small' : lines <= HUGE_TEXT_LINES ? 'large' : 'huge';
    if (tier === size) return;
    size = tier;
    const now = tier === 'small';
    const huge = tier === 'huge';
    setSchemaValidation(now);
    editor.updateOptions({
      folding: !huge,
      unicodeHighlight: {
        nonBasicASCII: huge ? false : 'inUntrustedWorkspace',
        ambiguousCharacters: !huge,
        invisibleCharacters: !huge,
      },
      stickyScroll: { enabled: now },
      quickSuggestions: now ? QUICK_SUGGESTIONS : false,
      // monaco-yaml's completion triggers on a space or a colon, then parses the whole text.
      suggestOnTriggerCharacters: now,
      lightbulb: {
        enabled: now ? monaco.editor.ShowLightbulbIconMode.OnCode : monaco.editor.ShowLightbulbIconMode.Off,
      },
      foldingStrategy: now ? 'auto' : 'indentation',
      links: now,
      colorDecorators: now,
      guides: { bracketPairs: now, highlightActiveBracketPair: now },
      // Without the bracket tree, matching searches the text at each cursor move (~90 ms at
      // 5,000 pods of one-line JSON).
      matchBrackets: now ? 'always' : 'never',
    });
    // The bracket colours are the model's option (the editor's is only read for new models).
    model.updateOptions({
      bracketColorizationOptions: { enabled: now, independentColorPoolPerBracketType: false },
    });
  };
  sizeCheck();
  const burst = lensBurstGuard(editor);
  // Monaco scrolls virtually; its scrollable element must never scroll natively. The browser
  // does so anyway when it reveals the focused input element placed at a far cursor (after
  // F8 on a long line, then a change elsewhere): the text moved out of the pane, which
  // showed line numbers and nothing else until a reload.
  const onNativeScroll = (event: Event): void => {
    const target = event.target;
    if (!(target instanceof HTMLElement) || !target.classList.contains('editor-scrollable')) return;
    if (target.scrollLeft !== 0) target.scrollLeft = 0;
    if (target.scrollTop !== 0) target.scrollTop = 0;
  };
  container.addEventListener('scroll', onNativeScroll, true);
  // Typing: Monaco's own changes go to the store as they are (no copy of the whole text).
  // They come ordered from the end of the text to its start, so applied in order each
  // stays where it was.
  const contentListener = model.onDidChangeContent((event) => {
    burst.count();
    // While a large file arrives its size is known: the options stay (no folding switched on
    // at the first part's 15,000 lines and off again at 100,000).
    if (!loader.loading) sizeCheck();
    if (applyingExternal) return;
    const changes = [...event.changes]
      .sort((a, b) => b.rangeOffset - a.rangeOffset)
      .map((c) => ({ start: c.rangeOffset, end: c.rangeOffset + c.rangeLength, text: c.text }));
    store.getState().applyEdits(changes, 'editor');
    // The store and the model hold the same text; should they ever differ, the model wins.
    if (store.getState().text.length !== model.getValueLength()) {
      store.getState().setText(model.getValue(), 'editor');
    }
  });

  const showMarkers = (): void => {
    const { parsed, text } = store.getState();
    if (parsed.text === text && !loader.loading) setDiagnosticMarkers(model, parsed.diagnostics);
  };
  /** Runs a change to the model that the store made (not typed: not passed back). */
  const external = (change: () => void): void => {
    applyingExternal = true;
    try {
      change();
    } finally {
      applyingExternal = false;
    }
  };
  const loader = createTextLoader(editor, model, external, () => {
    sizeCheck();
    showMarkers();
  });
  showMarkers();

  /** Applies exactly the changes of a store event that the editor did not make itself. */
  const applyEvent = (event: TextChangeEvent, previousLength: number): void => {
    // A change while an opened file is still arriving: the store's whole text, afresh.
    // A text opened or replaced: its size decides the options before Monaco reads it
    // (afterwards, turning bracket colours off would have built their tree first).
    const { text } = store.getState();
    const fitOptions = () => sizeCheck(lineCount(text));
    if (loader.loading) {
      loader.load(text, fitOptions);
      return;
    }
    /** Lines inserted, counting at most `most` in each change. */
    const inserted = (most: number) => event.changes.reduce((n, c) => n + lineCount(c.text, most) - 1, 0);
    if (
      event.origin === 'import' &&
      inserted(SCHEMA_VALIDATION_MAX_LINES + 2) > SCHEMA_VALIDATION_MAX_LINES
    ) {
      // A large text opened: it becomes the editor's content as a file opened does, with an
      // undo history of its own (as an edit, Monaco counted its lines three times and copied
      // it into the undo stack), a part at a time past 128 Ki characters (`textLoader.ts`).
      loader.load(text, fitOptions);
      return;
    }
    applyingExternal = true;
    try {
      // At most the lines there are plus those inserted: only the inserted text is counted,
      // not the whole text at every canvas gesture; the check after the edit settles the count.
      sizeCheck(model.getLineCount() + inserted(HUGE_TEXT_LINES + 1));
      // Close the user's open typing group first, so one Ctrl+Z undoes the gesture alone.
      model.pushStackElement();
      if (model.getValueLength() !== previousLength) {
        // Out of step (should not happen): take the store's text whole.
        const all = model.getFullModelRange();
        model.pushEditOperations([], [{ range: all, text: store.getState().text }], () => null);
      } else {
        const operations = event.changes.map((change) => {
          const operation = operationOf(model, change);
          model.pushEditOperations([], [operation], () => null);
          return operation;
        });
        if (event.origin === 'canvas' && operations[0]) showCanvasEdit(operations[0]);
      }
      model.pushStackElement();
    } finally {
      applyingExternal = false;
    }
  };

  const unsubscribe = store.subscribe((state, previous) => {
    if (state.theme !== previous.theme) monaco.editor.setTheme(themeOf(state.theme));
    if (state.presenting !== previous.presenting)
      editor.updateOptions({ fontSize: state.presenting ? 19 : 13 });
    if (state.lastChange !== previous.lastChange && state.lastChange.origin !== 'editor') {
      applyEvent(state.lastChange, previous.text.length);
    }
    if (state.parsed !== previous.parsed) showMarkers();
  });

  // One undo stack: Ctrl+Z / Ctrl+Shift+Z (or Ctrl+Y) outside the editor and outside
  // form fields undo the last change, typed or made on the canvas.
  const onKeyDown = (event: KeyboardEvent): void => {
    if (!(event.ctrlKey || event.metaKey) || editor.hasTextFocus() || isFormField(event.target)) return;
    const key = event.key.toLowerCase();
    if (key === 'z' && !event.shiftKey) void model.undo();
    else if ((key === 'z' && event.shiftKey) || key === 'y') void model.redo();
    else return;
    event.preventDefault();
  };
  window.addEventListener('keydown', onKeyDown);
  const selectionSync = bindSelectionSync(editor, store);
  const insights = registerPolicyInsights(model, store, editor);

  return {
    editor,
    dispose() {
      window.removeEventListener('keydown', onKeyDown);
      clearTimeout(flashTimer);
      flash.clear();
      burst.dispose();
      loader.dispose();
      container.removeEventListener('scroll', onNativeScroll, true);
      selectionSync.dispose();
      insights.dispose();
      unsubscribe();
      contentListener.dispose();
      editor.dispose();
    },
  };
}

/**
 * The whole lines that `inserted` (written at offset `start`, already applied) covers: a
 * newline that only ends the line before, or ends the text, does not count as a line.
 */
function changedLines(model: monaco.editor.ITextModel, start: number, inserted: string): monaco.Range {
  const lead = /^[ \t]*\n/.test(inserted) ? inserted.indexOf('\n') + 1 : 0;
  const trail = inserted.endsWith('\n') ? 1 : 0;
  const from = model.getPositionAt(start + Math.min(lead, inserted.length));
  const to = model.getPositionAt(start + Math.max(lead, inserted.length - trail));
  return new monaco.Range(from.lineNumber, 1, Math.max(from.lineNumber, to.lineNumber), 1);
}

/** The single replace operation that turns `before` into `after`: common prefix and suffix kept. */
/** A change (character offsets) as a Monaco edit operation on the model as it is now. */
function operationOf(
  model: monaco.editor.ITextModel,
  change: TextChange,
): monaco.editor.IIdentifiedSingleEditOperation {
  const from = model.getPositionAt(change.start);
  const to = model.getPositionAt(change.end);
  return {
    range: new monaco.Range(from.lineNumber, from.column, to.lineNumber, to.column),
    text: change.text,
    forceMoveMarkers: true,
  };
}

/**
 * Edits that arrive many in one task (an input method committing a long text does it one
 * character per edit) each queue a content event, and Monaco's code lens contribution
 * answers each by changing view zones, which delivers the next queued event from inside
 * the previous one: 3,000 characters overflowed the stack 2,300 times. Past
 * `BURST_EDITS` edits in one task the lenses are switched off, so the queued events find
 * no listener, and back on in the next task.
 */
const BURST_EDITS = 64;

function lensBurstGuard(editor: monaco.editor.IStandaloneCodeEditor): { count(): void; dispose(): void } {
  let edits = 0;
  let reset: ReturnType<typeof setTimeout> | undefined;
  let off = false;
  return {
    count() {
      edits++;
      reset ??= setTimeout(() => {
        reset = undefined;
        edits = 0;
        if (off) editor.updateOptions({ codeLens: true });
        off = false;
      }, 0);
      if (edits > BURST_EDITS && !off) {
        off = true;
        editor.updateOptions({ codeLens: false });
      }
    },
    dispose() {
      clearTimeout(reset);
    },
  };
}

/**
 * Lines of `text`, as Monaco counts them (an empty text is one line), counted up to `most`
 * (past it the editor's options are the same).
 */
function lineCount(text: string, most = HUGE_TEXT_LINES + 1): number {
  let lines = 1;
  for (let i = text.indexOf('\n'); i >= 0 && lines < most; i = text.indexOf('\n', i + 1)) lines++;
  return lines;
}
