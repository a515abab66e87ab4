import { isStale } from '../../store/appStore';
import { useMemo } from 'react';
import { scorePredictions } from '../../store/lessonSlice';
import { useAppStore } from '../app/storeContext';

/** The lesson in progress: the step, what to do now, and after a reveal how the predictions fared. */
export function LessonBar() {
  const lesson = useAppStore((s) => s.lesson);
  const baseline = useAppStore((s) => s.baseline);
  const result = useAppStore((s) => s.evaluation.result);
  const stale = useAppStore((s) => isStale(s.evaluation));
  const advance = useAppStore((s) => s.advanceLesson);
  const back = useAppStore((s) => s.lessonBack);
  const end = useAppStore((s) => s.endLesson);
  const score = useMemo(
    () =>
      lesson?.phase === 'revealed' && baseline?.matrix && result && !stale
        ? scorePredictions(lesson.predictions, baseline.matrix, result)
        : null,
    [lesson, baseline, result, stale],
  );
  if (!lesson) return null;
  const { steps } = lesson.lesson;
  const step = steps[lesson.step];
  const next = steps[lesson.step + 1];
  return (
    <div className="lesson-bar" data-testid="lesson">
      <div className="lesson-head">
        <b>{lesson.lesson.title}</b> · step {lesson.step + 1} of {steps.length}: {step?.title}
      </div>
      <p className="lesson-text">{step?.explanation}</p>
      {lesson.phase === 'predict' && next && (
        <p className="lesson-task" data-testid="lesson.task">
          Next: <b>{next.title}</b>. Click the connections you expect to change ({lesson.predictions.length}{' '}
          marked), then reveal.
        </p>
      )}
      {score && (
        <p className="lesson-score" data-testid="lesson.score">
          <span className="allowed">{score.right.length} right</span> ·{' '}
          <span className="blocked">{score.missed.length} missed</span> ·{' '}
          <span className="blocked">{score.wrong.length} wrong</span>. Thick edges changed; click one to see
          why.
        </p>
      )}
      <div className="lesson-actions">
        <button type="button" onClick={back} disabled={lesson.step === 0} data-testid="lesson.back">
          ← Back
        </button>
        {lesson.phase === 'predict' && next && (
          <button type="button" className="primary" onClick={advance} data-testid="lesson.reveal">
            Reveal step {lesson.step + 2}
          </button>
        )}
        {lesson.phase === 'revealed' && next && (
          <button type="button" className="primary" onClick={advance} data-testid="lesson.next">
            Predict the next step →
          </button>
        )}
        {!next && <span className="muted">Last step.</span>}
        <button type="button" onClick={end} data-testid="lesson.end">
          End lesson
        </button>
      </div>
    </div>
  );
}
