import { useMemo, useState } from 'react';
import { expectationTemplates } from '../../engine';
import type { ExpectationResult } from '../../engine';
import { useAppStore } from '../app/storeContext';
import { useRunCommand } from '../app/useRunCommand';

const endpointKey = (e: { kind: 'pod'; key: string } | { kind: 'ip'; ip: string }) =>
  e.kind === 'pod' ? e.key : e.ip;

/** Connectivity checks (ConnectivityTest documents): pass/fail live, one click to see why a check fails. */
export function TestsPanel() {
  const tests = useAppStore((s) => s.parsed.tests);
  const workspace = useAppStore((s) => s.parsed.workspace);
  const selectEdge = useAppStore((s) => s.selectEdge);
  const run = useRunCommand();
  const generate = useAppStore((s) => s.generatePolicies);
  const [showTemplates, setShowTemplates] = useState(false);
  const templates = useMemo(
    () => (showTemplates ? expectationTemplates(workspace).slice(0, 24) : []),
    [showTemplates, workspace],
  );
  const results = tests.flatMap((t) => t.results);
  const failed = results.filter((r) => !r.passed).length;
  const explain = (r: ExpectationResult) => {
    const failure = r.firstFailure;
    if (failure) selectEdge({ from: endpointKey(failure.from), to: endpointKey(failure.to) });
  };
  return (
    <section className="tests" data-testid="tests">
      <h3>
        Connectivity checks{' '}
        {results.length > 0 && (
          <span className={failed > 0 ? 'blocked' : 'allowed'} data-testid="tests.summary">
            {results.length - failed} passed, {failed} failed
          </span>
        )}
      </h3>
      {results.length === 0 && (
        <p className="muted">No ConnectivityTest in this workspace yet: add checks below.</p>
      )}
      <ul className="test-list">
        {results.map((r) => (
          <li
            key={`${r.test}-${r.expectation.index}`}
            className={r.passed ? 'pass' : 'fail'}
            data-testid="tests.result"
            data-passed={String(r.passed)}
          >
            <span className="test-mark">{r.passed ? '✓' : '✗'}</span> {r.title}
            {!r.passed && (
              <div className="muted">
                {r.message}{' '}
                {r.firstFailure && (
                  <button type="button" className="link" onClick={() => explain(r)} data-testid="tests.why">
                    why?
                  </button>
                )}
              </div>
            )}
          </li>
        ))}
      </ul>
      {results.length > 0 && (
        <button
          type="button"
          className="primary generate"
          onClick={() => generate('checks')}
          data-testid="synth.from-checks"
        >
          Generate policies from these checks…
        </button>
      )}
      <button
        type="button"
        className="link"
        onClick={() => setShowTemplates(!showTemplates)}
        data-testid="tests.templates"
      >
        {showTemplates ? 'Hide check templates' : 'Add checks from best-practice templates…'}
      </button>
      {showTemplates && (
        <ul className="test-list templates">
          {templates.map((t) => (
            <li key={t.id}>
              <button
                type="button"
                className="link"
                onClick={() => run('addExpectation', { expectation: t.expectation })}
                data-template={t.id}
              >
                + {t.title}
              </button>{' '}
              <span className="muted">({t.passesNow ? 'holds now' : 'fails now'})</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
