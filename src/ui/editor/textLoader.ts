/**
 * Gives Monaco a large opened text a part at a time, each in a task of its own, so the page
 * stays responsive while it takes it. Monaco's work is proportional to the lines it takes
 * (their line starts, then a projection per line for the view, with its line breaks and
 * injected text): a 9 MB file of 270,000 lines in one `setValue` was one task of ~0.5 s on
 * this machine, ~1 s with a profiler on. The first part replaces the content (a file opened:
 * a fresh undo history, as `setValue` gives); the rest is appended with `applyEdits`, which
 * keeps no undo step. Meanwhile the editor is read-only (and `aria-busy`), so no key goes to
 * a text still arriving. Not even the first part goes in the task of the action that opened
 * the file (the Replace click, which also holds the store's update and React's render): the
 * editor's options for the text's size (`prepare`, ~50-130 ms when folding goes off at 9 MB)
 * and the first part each take a task of their own.
 */
import { monaco } from './monacoSetup';

/**
 * Most characters per part (cut after a newline): ~3,700 lines of YAML, 20-90 ms of Monaco's
 * time on this machine at 9 MB (parts of 256 Ki characters took 100-130 ms, and up to 250 ms
 * in a trace: part of each part's work, inserting into Monaco's per-line arrays, grows with
 * the lines already in).
 */
export const LOAD_PART_CHARS = 1 << 17;

/**
 * The first part's size; each next part is twice the one before, up to
 * {@link LOAD_PART_CHARS}. The first is small as `setValue` also lets go of the text before
 * (~50-110 ms at 64 Ki), and the next ones as Monaco's code for them is cold (the first part
 * appended, of 128 Ki, took 107-147 ms at 9 MB).
 */
const FIRST_PART_CHARS = 1 << 14;

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
    editor.getContainerDomNode().removeAttribute('aria-busy');
    editor.updateOptions({ readOnly: false });
    loaded();
  };
  const append = (text: string, from: number, size: number): void => {
    const end = partEnd(text, from, size);
    const last = model.getFullModelRange().getEndPosition();
    const at = monaco.Range.fromPositions(last, last);
    apply(() => model.applyEdits([{ range: at, text: text.slice(from, end) }]));
    const next = Math.min(2 * size, LOAD_PART_CHARS);
    if (end < text.length) timer = setTimeout(() => append(text, end, next), 0);
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
      // Read-only, and busy for assistive technology (and tests) until the whole text is in.
      editor.getContainerDomNode().setAttribute('aria-busy', 'true');
      editor.updateOptions({ readOnly: true, readOnlyMessage: { value: 'The file is still being opened.' } });
      const first = (): void => {
        const end = partEnd(text, 0, FIRST_PART_CHARS);
        apply(() => model.setValue(text.slice(0, end)));
        timer = setTimeout(() => append(text, end, 2 * FIRST_PART_CHARS), 0);
      };
      timer = setTimeout(() => {
        prepare?.();
        timer = setTimeout(first, 0);
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
