/**
 * Guided lessons with predict-then-reveal. Before each step the learner marks the
 * connections they expect to change; revealing applies the step (the previous step's
 * text becomes the comparison baseline, so the canvas shows what was gained and lost)
 * and the marks are scored against what really changed.
 */
import type { Lesson } from '../recipes';
import type { MatrixResult } from '../worker/protocol';
import { diffMatrices } from './compare';

export interface LessonState {
  lesson: Lesson;
  /** Index of the step whose text is shown. */
  step: number;
  /** `predict`: marking edges before the next step; `revealed`: the step was applied. */
  phase: 'predict' | 'revealed';
  /** Edge keys (`from->to`) the learner expects to change with the next step. */
  predictions: string[];
}

export interface PredictionScore {
  right: string[];
  missed: string[];
  wrong: string[];
}

/** Scores predictions against the connections that changed between two truth tables. */
export function scorePredictions(
  predictions: readonly string[],
  before: MatrixResult,
  after: MatrixResult,
): PredictionScore {
  const diff = diffMatrices(before, after);
  const changed = new Set([...diff.gained, ...diff.lost].map((e) => `${e.from}->${e.to}`));
  const predicted = new Set(predictions);
  return {
    right: [...predicted].filter((k) => changed.has(k)),
    missed: [...changed].filter((k) => !predicted.has(k)),
    wrong: [...predicted].filter((k) => !changed.has(k)),
  };
}
