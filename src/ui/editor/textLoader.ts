/**
 * Gives Monaco a large opened text a part at a time, each in a task of its own, so the page
 * stays responsive while it takes it. Monaco's work is proportional to the lines it takes
 * (their line starts, then a projection per line for the view, with its line breaks and
 * injected text): a 9 MB file of 270,000 lines in one `setValue` was one task of ~0.5 s on
 * this machine, ~1 s with a profiler on. The first part replaces the content (a file opened:
 * a fresh undo history, as `setValue` gives); the rest is appended with `applyEdits`, which
 * keeps no undo step. Meanwhile the editor is read-only, so no key goes to a text still
 * arriving. Not even the first part goes in the task of the action that opened the file (the
 * Replace click, which also holds the store's update and React's render): the editor's
 * options for the text's size (`prepare`, ~50-130 ms when folding goes off at 9 MB) and the
 * first part each take a task of their own.
 */
import { monaco } from './monacoSetup';

/**
 * Characters per part (cut after a newline): ~3,700 lines of YAML, 20-70 ms of Monaco's time
 * on this machine (parts of 256 Ki characters took 100-130 ms, and up to 250 ms in a trace at
 * 9 MB: part of each part's work, inserting into Monaco's per-line arrays, grows with the
 * lines already in).
 */
export const LOAD_PART_CHARS = 1 << 17;

/** The first part is smaller: `setValue` also lets go of the text before (~50-110 ms at 64 Ki). */
const FIRST_PART_CHARS = 1 << 15;

export interface TextLoader {
  /**
   * Replaces the editor's text with `text`, in parts when it is large; `prepare` runs first
   * (at once when the text goes in whole, else in the first part's task).
   */
  load(text: string, prepare?: () => void): void;
  /** True while a text is still arriving. */
  readonly loading: boolean;
  dispose(): void;
}

/**
 * `apply` runs each change to the model (the binding marks them as not typed); `loaded` is
 * called once the whole text is in the model.
 */
export function createTextLoader(
  editor: monaco.editor.ICodeEditor,
  model: monaco.editor.ITextModel,
  apply: (change: () => void) => void,
  loaded: () => void,
): TextLoader {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let loading = false;
  const partEnd = (text: string, from: number, size = LOAD_PART_CHARS): number => {
    if (text.length - from <= size) return text.length;
    const newline = text.indexOf('\n', from + size);
    return newline < 0 ? text.length : newline + 1;
  };
  const finish = (): void => {
    loading = false;
    editor.updateOptions({ readOnly: false });
    loaded();
  };
  const append = (text: string, from: number): void => {
    const end = partEnd(text, from);
    const last = model.getFullModelRange().getEndPosition();
    const at = monaco.Range.fromPositions(last, last);
    apply(() => model.applyEdits([{ range: at, text: text.slice(from, end) }]));
    if (end < text.length) timer = setTimeout(() => append(text, end), 0);
    else finish();
  };
  return {
    load(text, prepare) {
      clearTimeout(timer);
      if (partEnd(text, 0) === text.length) {
        prepare?.();
        apply(() => model.setValue(text));
        if (loading) finish();
        else loaded();
        return;
      }
      loading = true;
      editor.updateOptions({ readOnly: true, readOnlyMessage: { value: 'The file is still being opened.' } });
      timer = setTimeout(() => {
        prepare?.();
        const end = partEnd(text, 0, FIRST_PART_CHARS);
        apply(() => model.setValue(text.slice(0, end)));
        timer = setTimeout(() => append(text, end), 0);
      }, 0);
    },
    get loading() {
      return loading;
    },
    dispose() {
      clearTimeout(timer);
    },
  };
}
