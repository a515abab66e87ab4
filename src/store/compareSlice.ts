/**
 * Comparing: a baseline version (a snapshot, pasted YAML, a lesson's previous step) and
 * its truth table for the current port and plugin; the canvas shows what changed.
 */
import type { AnalysisClient } from '../worker/client';
import type { AnalyzeRequest, MatrixResult } from '../worker/protocol';
import type { AppState, PluginProfile } from './appStore';
import type { PortQuery } from '../engine';

/** A version to compare against: its text and its truth table for the current port. */
export interface Baseline {
  label: string;
  text: string;
  matrix: MatrixResult | null;
}

export interface CompareSlice {
  baseline: Baseline | null;
  /** Compares against the current text (a snapshot) or against other text (pasted YAML). */
  setBaseline: (label: string, text?: string) => void;
  clearBaseline: () => void;
  /** Evaluates the baseline again for the current port and plugin (its text never changes). */
  refreshBaseline: () => void;
}

type Get = () => AppState;
type Set = (partial: Partial<AppState>) => void;

export function createCompareSlice(
  set: Set,
  get: Get,
  client: AnalysisClient,
  requestFor: (text: string, port: PortQuery, plugin: PluginProfile) => Omit<AnalyzeRequest, 'seq'>,
): CompareSlice {
  /** Negative sequence numbers: never confused with the edited text's requests. */
  let baselineSeq = 0;
  const analyzeBaseline = (text: string, label: string): void => {
    const { port, plugin } = get();
    client
      .analyze({ ...requestFor(text, port, plugin), seq: --baselineSeq, ephemeral: true })
      .then(({ result }) => {
        if (get().baseline?.text === text) set({ baseline: { label, text, matrix: result.matrix } });
      })
      .catch(() => undefined);
  };
  return {
    baseline: null,
    setBaseline(label, text = get().text) {
      set({ baseline: { label, text, matrix: null } });
      analyzeBaseline(text, label);
    },
    clearBaseline() {
      set({ baseline: null });
    },
    refreshBaseline() {
      const baseline = get().baseline;
      if (baseline) analyzeBaseline(baseline.text, baseline.label);
    },
  };
}
