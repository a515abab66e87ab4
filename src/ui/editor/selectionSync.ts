/**
 * Selection sync between the canvas and the YAML: the selected pod's object is
 * highlighted and scrolled into view; moving the cursor into an object's YAML selects
 * it on the canvas. Highlighting uses decorations, never the cursor, so the two
 * directions cannot feed each other.
 */
import { objectKey } from '../../engine';
import type { PodInfo } from '../../engine';
import type { AppStore } from '../../store/appStore';
import type { TextRange } from '../../store/analysisTypes';
import { monaco } from './monacoSetup';

export function bindSelectionSync(
  editor: monaco.editor.IStandaloneCodeEditor,
  store: AppStore,
): monaco.IDisposable {
  const model = editor.getModel();
  if (!model) return { dispose: () => undefined };
  const highlight = editor.createDecorationsCollection();

  const rangeOf = (pod: PodInfo): TextRange | null =>
    (pod.source && store.getState().parsed.objectRanges.get(objectKey(pod.source))) ?? null;

  /** The pod whose object was last scrolled into view. */
  let revealedFor: string | null = null;
  const showSelection = (): void => {
    const { selectedPod, parsed, text } = store.getState();
    const pod = selectedPod ? parsed.workspace.pods.find((p) => p.key === selectedPod) : undefined;
    if (!selectedPod) revealedFor = null;
    // The store's text is the editor's; `getValue` would join it all (2 MB at 5,000 pods).
    if (!pod || model.getValueLength() !== text.length || parsed.text !== text) {
      highlight.clear();
      return;
    }
    const range = rangeOf(pod);
    if (!range) return highlight.clear();
    const start = model.getPositionAt(range.start);
    const end = model.getPositionAt(range.end);
    const lines = new monaco.Range(start.lineNumber, 1, end.lineNumber, 1);
    highlight.set([
      {
        range: lines,
        options: {
          isWholeLine: true,
          className: 'yaml-selected-object',
          linesDecorationsClassName: 'yaml-selected-gutter',
        },
      },
    ]);
    // Scroll only when the selection is new (or newly located), not on every re-parse:
    // after a canvas edit the view stays on the change the binding just revealed.
    if (revealedFor !== pod.key && !editor.hasTextFocus())
      editor.revealRangeInCenterIfOutsideViewport(lines, monaco.editor.ScrollType.Smooth);
    revealedFor = pod.key;
  };

  // "Show YAML" links (explanations, policies): select the field and bring it into view.
  const reveal = async (): Promise<void> => {
    const { reveal: request, text } = store.getState();
    if (!request || model.getValue() !== text) return;
    // The worker has this text parsed: it says where the field is.
    const located = await store.getState().fieldRange(text, request.documentIndex, request.path);
    // Another request, or an edit, came meanwhile: that one decides.
    if (!located || store.getState().reveal !== request || model.getValue() !== text) return;
    const start = model.getPositionAt(located.start);
    const end = model.getPositionAt(located.end);
    const range = new monaco.Range(start.lineNumber, start.column, end.lineNumber, end.column);
    editor.setSelection(range);
    editor.revealRangeInCenter(range, monaco.editor.ScrollType.Smooth);
  };

  const unsubscribe = store.subscribe((state, previous) => {
    if (state.selectedPod !== previous.selectedPod || state.parsed !== previous.parsed) showSelection();
    if (state.reveal !== previous.reveal) void reveal();
  });

  const cursorListener = editor.onDidChangeCursorPosition((event) => {
    // Edits move the cursor too (source 'modelChange'): only moves select (a click, the arrow
    // keys: reason Explicit; Find and links: source 'api'). Typing does not: its cursor events
    // can trail the keys under load, and a pod clicked on the canvas right after typing must
    // stay selected.
    const moved = event.reason === monaco.editor.CursorChangeReason.Explicit || event.source === 'api';
    if (
      !moved ||
      event.source === 'modelChange' ||
      event.source === 'restoreState' ||
      !editor.hasWidgetFocus()
    )
      return;
    const { parsed, text, selectedPod, selectPod } = store.getState();
    if (parsed.text !== text) return;
    const offset = model.getOffsetAt(event.position);
    const pod = parsed.workspace.pods.find((p) => {
      const range = rangeOf(p);
      return range !== null && offset >= range.start && offset <= range.end;
    });
    if (pod && pod.key !== selectedPod) selectPod(pod.key, true);
  });

  showSelection();
  return {
    dispose() {
      unsubscribe();
      cursorListener.dispose();
      highlight.clear();
    },
  };
}
