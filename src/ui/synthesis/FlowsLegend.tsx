import { Panel } from '@xyflow/react';
import { useState } from 'react';
import { FLOW_CLASSES, FLOW_CLASS_WORDS } from '../canvas/flowEdges';
import { useAppStore } from '../app/storeContext';

/** Diagnostics about the flows file shown in full up to this many. */
const SHOWN_DIAGNOSTICS = 3;

/**
 * The legend's flows part: what each overlay colour means, how many connections of each
 * class there are (a checkbox each to draw them or not), and the way to policies from them.
 */
export function FlowsLegend() {
  const flows = useAppStore((s) => s.flows);
  const filter = useAppStore((s) => s.flowFilter);
  const setFilter = useAppStore((s) => s.setFlowFilter);
  const clearFlows = useAppStore((s) => s.clearFlows);
  const generate = useAppStore((s) => s.generatePolicies);
  // Folded to its title line, so that it hides nothing of the canvas beneath it.
  const [folded, setFolded] = useState(false);
  if (!flows) return null;
  const { analysis } = flows;
  const problems = analysis?.diagnostics.filter((d) => d.severity !== 'info') ?? [];
  return (
    <Panel position="bottom-right" className="legend legend-flows" data-testid="flows.legend">
      <div className="legend-flows-title">
        <button
          type="button"
          className="link fold"
          onClick={() => setFolded(!folded)}
          aria-expanded={!folded}
          title={folded ? 'Show the flows legend' : 'Fold the flows legend to one line'}
          data-testid="flows.fold"
        >
          {folded ? '▸' : '▾'}
        </button>
        Flows: <b>{flows.name}</b>
        {folded && analysis && (
          <span title="observed, would be blocked">
            · <b className="flow-blocked-count">{analysis.summary.observedBlocked}</b> would break
          </span>
        )}
        <button type="button" className="link" onClick={clearFlows} data-testid="flows.clear">
          clear
        </button>
      </div>
      {folded ? null : (
        <>
          {flows.error && (
            <div className="form-error" data-testid="flows.error">
              {flows.error}
            </div>
          )}
          {!analysis && !flows.error && <div className="muted">reading the flows…</div>}
          {analysis && (
            <>
              {FLOW_CLASSES.map((cls) => (
                <label key={cls} className="legend-row" data-flow-count={cls}>
                  <input
                    type="checkbox"
                    checked={filter[cls]}
                    onChange={(e) => setFilter(cls, e.target.checked)}
                    data-testid={`flows.show.${cls}`}
                  />
                  <span className={`legend-swatch flow-${cls}`} /> {FLOW_CLASS_WORDS[cls]}{' '}
                  <b data-testid={`flows.count.${cls}`}>{analysis.summary[cls]}</b>
                </label>
              ))}
              {problems.length > 0 && (
                <details className="legend-note" data-testid="flows.diagnostics">
                  <summary>
                    {problems.length} line{problems.length === 1 ? '' : 's'} not used
                  </summary>
                  {problems.slice(0, SHOWN_DIAGNOSTICS).map((d) => (
                    <div key={`${d.line}-${d.message}`}>
                      line {d.line}: {d.message}
                    </div>
                  ))}
                  {problems.length > SHOWN_DIAGNOSTICS && (
                    <div>… and {problems.length - SHOWN_DIAGNOSTICS} more</div>
                  )}
                </details>
              )}
              <button
                type="button"
                className="primary"
                onClick={() => generate('flows')}
                data-testid="synth.from-flows"
              >
                Generate policies from these flows…
              </button>
            </>
          )}
        </>
      )}
    </Panel>
  );
}
