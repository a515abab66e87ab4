import { summarisePolicy } from '../../engine';
import type { PeerSummary } from '../../engine';
import { useAppStore } from '../app/storeContext';

/** The selected policy: what it applies to and what each rule admits, right now. */
export function PolicyDetails({ policyKey }: { policyKey: string }) {
  const workspace = useAppStore((s) => s.parsed.workspace);
  const reveal = useAppStore((s) => s.revealInEditor);
  const policy = workspace.policies.find((p) => p.key === policyKey);
  if (!policy) return <p className="side-hint">{policyKey} is no longer in the workspace.</p>;
  const summary = summarisePolicy(workspace, policy);
  return (
    <section data-testid="policy-details">
      <h2 className="side-title">{policy.name}</h2>
      <div className="side-sub">
        NetworkPolicy in <b>{policy.namespace}</b> · isolates{' '}
        {summary.isolates.join(' and ').toLowerCase() || 'nothing'}
      </div>
      <PolicyActions
        onShowYaml={() =>
          policy.source && reveal(policy.source.documentIndex, [...(policy.source.objectPath ?? [])])
        }
      />
      <h3>Applies to ({summary.selects.length})</h3>
      <p>{summary.selects.join(', ') || 'no pod (check its podSelector)'}</p>
      {summary.isolates.includes('Ingress') && <PeerList title="Ingress from" peers={summary.ingress} />}
      {summary.isolates.includes('Egress') && <PeerList title="Egress to" peers={summary.egress} />}
    </section>
  );
}

function PeerList({ title, peers }: { title: string; peers: readonly PeerSummary[] }) {
  return (
    <>
      <h3>{title}</h3>
      {peers.length === 0 ? (
        <p>nothing: this direction is denied for the pods above</p>
      ) : (
        <ul className="matches">
          {peers.map((p) => (
            <li key={`${p.ruleIndex}-${p.peerIndex}`}>
              {p.label} <span className="muted">· {p.ports}</span>
              {p.kind === 'pods' && <div className="muted">now: {p.pods.join(', ') || 'no pod'}</div>}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** The links under a selected policy's title: its YAML, and its diagram (or back to the cluster). */
export function PolicyActions({ onShowYaml }: { onShowYaml: () => void }) {
  const policyView = useAppStore((s) => s.policyView);
  const setPolicyView = useAppStore((s) => s.setPolicyView);
  return (
    <div className="inspector-row">
      <button type="button" className="link" onClick={onShowYaml}>
        Show YAML
      </button>
      <button
        type="button"
        className="link"
        data-testid="policy.view"
        onClick={() => setPolicyView(!policyView)}
      >
        {policyView ? 'Back to the cluster' : 'Policy diagram'}
      </button>
    </div>
  );
}
