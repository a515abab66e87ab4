import { useMemo } from 'react';
import { formatPortQuery } from '../../engine';
import type { Connection } from '../../engine';
import { textAfter } from '../../store/commands/command';
import { generatedComment, SOURCE_WORDS } from '../../store/synthesisSlice';
import { useAppStore, useAppStoreApi } from '../app/storeContext';
import { TextDiff } from '../app/TextDiff';
import { useEscapeKey } from '../app/useEscapeKey';
import { plural } from '../app/plural';

/** Connections listed in full up to this many; the rest are counted. */
const LISTED = 40;

/**
 * The review of generated policies: what they open and close (verified by the engine before
 * they are shown), the YAML they add as a diff, and Apply (one undoable change) or Cancel.
 * When the intent cannot be met, why, and nothing to apply.
 */
export function GenerateDialog() {
  const proposal = useAppStore((s) => s.proposal);
  const dismiss = useAppStore((s) => s.dismissProposal);
  const applyProposal = useAppStore((s) => s.applyProposal);
  const text = useAppStore((s) => s.text);
  const store = useAppStoreApi();
  useEscapeKey(dismiss);

  const after = useMemo(() => {
    if (proposal?.status !== 'ready' || proposal.answer.yaml === '') return null;
    const outcome = store.getState().previewCommand('appendManifests', {
      yaml: proposal.answer.yaml,
      comment: generatedComment(proposal.source, proposal.answer),
    });
    return outcome?.kind === 'edit' ? outcome : null;
  }, [proposal, store]);
  if (!proposal) return null;
  const answer = proposal.status === 'ready' ? proposal.answer : null;
  const stale = proposal.status === 'ready' && proposal.text !== text;

  return (
    <div className="dialog-backdrop">
      <div
        className="dialog wide generate"
        role="dialog"
        aria-modal="true"
        aria-labelledby="generate-title"
        data-testid="generate.dialog"
        data-status={proposal.status}
      >
        <h2 id="generate-title">Generate policies from {SOURCE_WORDS[proposal.source]}</h2>
        {proposal.status === 'running' && <p className="muted">Generating the policies and checking them…</p>}
        {proposal.status === 'failed' && (
          <p className="form-error" data-testid="generate.error">
            {proposal.message}
          </p>
        )}
        {answer && answer.problems.length > 0 && (
          <div data-testid="generate.problems">
            <p className="form-error">
              No policy can do exactly this, so none is proposed ({plural(answer.problems.length, 'problem')}
              ):
            </p>
            <ul className="problems">
              {answer.problems.map((p, i) => (
                <li key={i} data-problem={p.kind}>
                  <b>{PROBLEM_WORDS[p.kind] ?? p.kind}</b>: {p.message}
                </li>
              ))}
            </ul>
          </div>
        )}
        {answer && answer.problems.length === 0 && (
          <>
            <p data-testid="generate.summary">
              <b>{plural(answer.policyCount, 'policy', 'policies')}</b> with{' '}
              {plural(answer.ruleCount, 'rule')}, from {plural(answer.expectationCount, 'expectation')}
              {proposal.source !== 'checks' && answer.checkCount > 0 && (
                <>
                  {' '}
                  (the workspace&rsquo;s {plural(answer.checkCount, 'connectivity check')} included: they stay
                  true)
                </>
              )}
              .{' '}
              {answer.verified && (
                <>
                  Checked by the engine: every expectation holds
                  {answer.namespaces.length > 0 && (
                    <>, and between pods of {answer.namespaces.join(', ')} nothing else is allowed</>
                  )}
                  .
                </>
              )}
            </p>
            <div className="generate-changes">
              <ChangeList title="Opens" kind="gained" changes={answer.opened} />
              <ChangeList title="Closes" kind="lost" changes={answer.closed} />
            </div>
            {stale && (
              <p className="form-error" data-testid="generate.stale">
                The YAML changed since these were generated: generate again.
              </p>
            )}
            {after && (
              <TextDiff before={text} after={textAfter(text, after) ?? text} testId="generate.diff" />
            )}
          </>
        )}
        <div className="dialog-actions">
          <button
            type="button"
            onClick={() => applyProposal()}
            disabled={!answer || answer.yaml === '' || stale}
            data-testid="generate.apply"
          >
            Apply
          </button>
          <button type="button" className="secondary" onClick={dismiss} data-testid="generate.cancel">
            {answer?.yaml ? 'Cancel' : 'Close'}
          </button>
        </div>
      </div>
    </div>
  );
}

function ChangeList({
  title,
  kind,
  changes,
}: {
  title: string;
  kind: 'gained' | 'lost';
  changes: readonly Connection[];
}) {
  return (
    <div className={`change-list ${kind}`} data-testid={`generate.${kind === 'gained' ? 'opens' : 'closes'}`}>
      <h3>
        {title} ({changes.length})
      </h3>
      {changes.length === 0 ? (
        <p className="muted">nothing</p>
      ) : (
        <ul>
          {sorted(changes)
            .slice(0, LISTED)
            .map((c) => (
              <li key={`${c.from}>${c.to}>${c.portIndex}`}>
                {c.from} → {c.to} <span className="muted">{formatPortQuery(c.port)}</span>
              </li>
            ))}
          {changes.length > LISTED && <li className="muted">… and {changes.length - LISTED} more</li>}
        </ul>
      )}
    </div>
  );
}

/** By source, then destination: the changes of one pod read together. */
function sorted(changes: readonly Connection[]): Connection[] {
  return [...changes].sort(
    (a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to) || a.portIndex - b.portIndex,
  );
}

const PROBLEM_WORDS: Record<string, string> = {
  unresolved: 'Not found',
  contradiction: 'Contradiction',
  'identical-labels': 'Same labels',
  'existing-allows': 'An existing policy allows it',
  'not-enforceable': 'Not enforceable by NetworkPolicy',
  'admin-tier': 'Decided by an admin policy',
  verification: 'Check failed',
};
