/**
 * Guided lessons with predict-then-reveal. Before each step the learner marks the
 * connections they expect to change; revealing applies the step (the previous step's
 * text becomes the comparison baseline, so the canvas shows what was gained and lost)
 * and the marks are scored against what really changed.
 */
import type { Lesson, Recipe } from '../recipes';
import type { AppState } from './appStore';
import type { MatrixResult } from '../worker/protocol';
import { diffMatrices } from '../engine';

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

/** The store's lesson actions. */
export interface LessonActions {
  /** Opens a recipe as a new workspace, with its flows when it has some. */
  openRecipe: (recipe: Recipe) => void;
  startLesson: (lesson: Lesson) => void;
  togglePrediction: (edgeKey: string) => void;
  /** Applies the next step (predict phase) or moves on to predicting the one after (revealed phase). */
  advanceLesson: () => void;
  /** Back to the previous step's text. */
  lessonBack: () => void;
  endLesson: () => void;
}

type Get = () => AppState;
type Set = (partial: Partial<AppState>) => void;

/** Lesson actions over the app store: steps are whole-text imports, the previous step the baseline. */
export function createLessonActions(set: Set, get: Get): LessonActions {
  return {
    openRecipe(recipe) {
      get().newWorkspace(`Recipe: ${recipe.title}`, recipe.yaml);
      if (recipe.flows) get().loadFlows(`${recipe.id}.jsonl`, recipe.flows);
    },
    startLesson(lesson) {
      const first = lesson.steps[0];
      if (!first) return;
      get().newWorkspace(`Lesson: ${lesson.title}`, first.yaml);
      set({ lesson: { lesson, step: 0, phase: 'predict', predictions: [] }, baseline: null });
      if (lesson.flows) get().loadFlows(`${lesson.id}.jsonl`, lesson.flows);
    },
    togglePrediction(edgeKey) {
      const lesson = get().lesson;
      if (!lesson || lesson.phase !== 'predict') return;
      const predictions = lesson.predictions.includes(edgeKey)
        ? lesson.predictions.filter((k) => k !== edgeKey)
        : [...lesson.predictions, edgeKey];
      set({ lesson: { ...lesson, predictions } });
    },
    advanceLesson() {
      const lesson = get().lesson;
      if (!lesson) return;
      if (lesson.phase === 'revealed') {
        if (lesson.step + 1 < lesson.lesson.steps.length)
          set({ lesson: { ...lesson, phase: 'predict', predictions: [] } });
        return;
      }
      const next = lesson.lesson.steps[lesson.step + 1];
      if (!next) return;
      // The previous step becomes the baseline: the canvas shows what the step gained and lost.
      get().setBaseline('the previous step');
      set({ lesson: { ...lesson, step: lesson.step + 1, phase: 'revealed' } });
      get().setText(next.yaml, 'import');
    },
    lessonBack() {
      const lesson = get().lesson;
      if (!lesson || lesson.step === 0) return;
      const previous = lesson.lesson.steps[lesson.step - 1];
      const before = lesson.lesson.steps[lesson.step - 2];
      if (!previous) return;
      if (before) get().setBaseline('the step before', before.yaml);
      else get().clearBaseline();
      set({ lesson: { ...lesson, step: lesson.step - 1, phase: 'predict', predictions: [] } });
      get().setText(previous.yaml, 'import');
    },
    endLesson() {
      set({ lesson: null, baseline: null, presenting: false });
    },
  };
}
