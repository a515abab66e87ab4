import { useMemo } from 'react';
import { diffMatrices } from '../../engine';
import { useAppStore } from '../app/storeContext';

const MAX_SHOWN = 50;

/** The connections gained and lost against the baseline; click one to see why. */
export function DiffList() {
  const baseline = useAppStore((s) => s.baseline);
  const result = useAppStore((s) => s.evaluation.result);
  const selectEdge = useAppStore((s) => s.selectEdge);
  const diff = useMemo(
    () => (baseline?.matrix && result ? diffMatrices(baseline.matrix, result) : null),
    [baseline, result],
  );
  if (!baseline) return null;
  if (!diff) return <p className="side-hint">Comparing…</p>;
  const list = (title: string, items: { from: string; to: string }[], kind: 'gained' | 'lost') => (
    <>
      <h3>
        {title} ({items.length})
      </h3>
      <ul className={`diff-list ${kind}`} data-testid={`diff.${kind}`}>
        {items.slice(0, MAX_SHOWN).map((e) => (
          <li key={`${e.from}->${e.to}`}>
            <button type="button" className="link" onClick={() => selectEdge(e)}>
              {e.from} → {e.to}
            </button>
          </li>
        ))}
        {items.length > MAX_SHOWN && <li className="muted">and {items.length - MAX_SHOWN} more</li>}
      </ul>
    </>
  );
  return (
    <section className="diff-panel" data-testid="diff">
      <div className="side-sub">Against {baseline.label}</div>
      {list('Gained', diff.gained, 'gained')}
      {list('Lost', diff.lost, 'lost')}
    </section>
  );
}
