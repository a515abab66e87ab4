/**
 * The application store: a vanilla zustand store built by a factory, so every test
 * and every mounted app gets its own. The YAML text is the source of truth; the
 * parsed model and the evaluation are derived from it.
 */
import { createStore } from 'zustand/vanilla';
import type { PortQuery } from '../engine';
import type { Evaluator } from '../worker/client';
import type { MatrixResult } from '../worker/protocol';
import { parseWorkspace } from './parseWorkspace';
import type { ParsedWorkspace } from './parseWorkspace';

/** Who produced a text change; the editor applies only text it did not produce. */
export type TextOrigin = 'init' | 'editor' | 'canvas' | 'import';

export interface EvaluationState {
  /** Sequence number of the latest request sent. */
  seq: number;
  /** True while a request newer than `result` is in flight. */
  stale: boolean;
  result: MatrixResult | null;
  millis: number | null;
  error: string | null;
}

export interface AppState {
  text: string;
  origin: TextOrigin;
  parsed: ParsedWorkspace;
  evaluation: EvaluationState;
  port: PortQuery;
  selectedPod: string | null;
  setText(text: string, origin: TextOrigin): void;
  selectPod(key: string | null): void;
  setPort(port: PortQuery): void;
}

export interface AppStoreDeps {
  evaluator: Evaluator;
  initialText: string;
  /** Debounce between a keystroke and the re-parse, in ms. */
  parseDelayMs?: number;
}

export type AppStore = ReturnType<typeof createAppStore>;

export function createAppStore({ evaluator, initialText, parseDelayMs = 150 }: AppStoreDeps) {
  let parseTimer: ReturnType<typeof setTimeout> | undefined;

  const store = createStore<AppState>()((set, get) => {
    const evaluate = (): void => {
      const seq = get().evaluation.seq + 1;
      set((s) => ({ evaluation: { ...s.evaluation, seq, stale: true } }));
      const { parsed, port } = get();
      evaluator
        .evaluate({ type: 'evaluate', seq, objects: parsed.objects, options: {}, port })
        .then(({ result, millis }) => {
          if (get().evaluation.seq !== seq) return;
          set({ evaluation: { seq, stale: false, result, millis, error: null } });
        })
        .catch((error: unknown) => {
          if (get().evaluation.seq !== seq) return;
          const message = error instanceof Error ? error.message : String(error);
          set((s) => ({ evaluation: { ...s.evaluation, stale: false, error: message } }));
        });
    };

    const reparse = (): void => {
      set({ parsed: parseWorkspace(get().text) });
      evaluate();
    };

    queueMicrotask(evaluate);

    return {
      text: initialText,
      origin: 'init',
      parsed: parseWorkspace(initialText),
      evaluation: { seq: 0, stale: true, result: null, millis: null, error: null },
      port: 'any',
      selectedPod: null,
      setText(text, origin) {
        if (text === get().text) return;
        set((s) => ({ text, origin, evaluation: { ...s.evaluation, stale: true } }));
        clearTimeout(parseTimer);
        parseTimer = setTimeout(reparse, parseDelayMs);
      },
      selectPod(key) {
        set({ selectedPod: key });
      },
      setPort(port) {
        set({ port });
        evaluate();
      },
    };
  });
  return store;
}
