/**
 * Binds a Monaco editor to the app store, framework-free (create / dispose), like
 * xyflow's core/skin split: `EditorPane` only mounts it.
 *
 * Text flows both ways. Typing calls `setText(..., 'editor')`; text produced
 * elsewhere (canvas, import) enters Monaco through `pushEditOperations` on the
 * changed range only, so the cursor stays put and one undo stack covers both.
 */
import type { AppStore } from '../../store/appStore';
import { setDiagnosticMarkers } from './markers';
import { monaco, setupMonaco, WORKSPACE_MODEL_URI } from './monacoSetup';

export interface MonacoBinding {
  editor: monaco.editor.IStandaloneCodeEditor;
  dispose(): void;
}

export function createMonacoBinding(container: HTMLElement, store: AppStore): MonacoBinding {
  setupMonaco();
  const model =
    monaco.editor.getModel(WORKSPACE_MODEL_URI) ??
    monaco.editor.createModel(store.getState().text, 'yaml', WORKSPACE_MODEL_URI);
  const editor = monaco.editor.create(container, {
    model,
    automaticLayout: true,
    minimap: { enabled: false },
    fontSize: 13,
    tabSize: 2,
    scrollBeyondLastLine: false,
    quickSuggestions: { other: true, comments: false, strings: true },
  });

  let applyingExternal = false;
  const contentListener = model.onDidChangeContent(() => {
    if (applyingExternal) return;
    store.getState().setText(model.getValue(), 'editor');
  });

  const showMarkers = (): void => {
    const { parsed, text } = store.getState();
    if (model.getValue() === text) setDiagnosticMarkers(model, parsed.diagnostics);
  };
  showMarkers();

  const unsubscribe = store.subscribe((state, previous) => {
    if (state.parsed !== previous.parsed) showMarkers();
    if (state.origin === 'editor') return;
    const current = model.getValue();
    if (state.text === current) return;
    applyingExternal = true;
    try {
      model.pushEditOperations([], [minimalEdit(model, current, state.text)], () => null);
      model.pushStackElement();
    } finally {
      applyingExternal = false;
    }
  });

  return {
    editor,
    dispose() {
      unsubscribe();
      contentListener.dispose();
      editor.dispose();
    },
  };
}

/** The single replace operation that turns `before` into `after`: common prefix and suffix kept. */
function minimalEdit(
  model: monaco.editor.ITextModel,
  before: string,
  after: string,
): monaco.editor.IIdentifiedSingleEditOperation {
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (
    endBefore > start &&
    endAfter > start &&
    before.charCodeAt(endBefore - 1) === after.charCodeAt(endAfter - 1)
  ) {
    endBefore--;
    endAfter--;
  }
  const from = model.getPositionAt(start);
  const to = model.getPositionAt(endBefore);
  return {
    range: new monaco.Range(from.lineNumber, from.column, to.lineNumber, to.column),
    text: after.slice(start, endAfter),
    forceMoveMarkers: true,
  };
}
