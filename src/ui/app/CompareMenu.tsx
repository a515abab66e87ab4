import { useState } from 'react';
import { useAppStore } from './storeContext';

/** Compare the workspace with a snapshot taken now or with pasted YAML; the canvas shows what changed. */
export function CompareMenu() {
  const baseline = useAppStore((s) => s.baseline);
  const setBaseline = useAppStore((s) => s.setBaseline);
  const clearBaseline = useAppStore((s) => s.clearBaseline);
  const [pasting, setPasting] = useState(false);
  const [draft, setDraft] = useState('');
  if (baseline) {
    return (
      <span className="compare-on" data-testid="compare.active">
        Comparing with {baseline.label}{' '}
        <button type="button" onClick={clearBaseline} data-testid="compare.stop">
          Stop
        </button>
      </span>
    );
  }
  return (
    <>
      <button
        type="button"
        data-testid="compare.snapshot"
        title="Remember the current connectivity and show what later edits gain or lose"
        onClick={() => setBaseline(`the snapshot of ${new Date().toLocaleTimeString()}`)}
      >
        Snapshot
      </button>
      <button
        type="button"
        data-testid="compare.paste"
        title="Compare with other YAML"
        onClick={() => setPasting(true)}
      >
        Compare…
      </button>
      {pasting && (
        <div className="dialog-backdrop">
          <div
            className="dialog wide"
            role="dialog"
            aria-modal="true"
            aria-labelledby="compare-title"
            data-testid="compare.dialog"
          >
            <h2 id="compare-title">Compare with other YAML</h2>
            <p>
              Paste the other version (for example what is applied in the cluster). The canvas then shows the
              connections this workspace gains and loses against it.
            </p>
            <textarea
              className="compare-text"
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
              data-testid="compare.text"
            />
            <div className="dialog-actions">
              <button
                type="button"
                data-testid="compare.apply"
                onClick={() => {
                  setBaseline('the pasted YAML', draft);
                  setPasting(false);
                }}
              >
                Compare
              </button>
              <button type="button" className="secondary" onClick={() => setPasting(false)}>
                Cancel
              </button>
            </div>
          </div>
        </div>
      )}
    </>
  );
}
