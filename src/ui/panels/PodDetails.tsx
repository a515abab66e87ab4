import { cellAllowed } from '../../engine';
import { useAppStore } from '../app/storeContext';
import { PodInspector } from './PodInspector';

const MAX_ROWS = 100;

/** A verdict as a symbol that fits the narrow side panel; the word stays for titles and screen readers. */
function VerdictCell({ allowed, from, to }: { allowed: boolean; from: string; to: string }) {
  const word = allowed ? 'allowed' : 'blocked';
  return (
    <td className={word} title={`${from} → ${to}: ${word}`}>
      <span aria-hidden="true">{allowed ? '✓' : '✕'}</span>
      <span className="visually-hidden">{word}</span>
    </td>
  );
}

/** The selected pod: its labels and ports, and its verdicts in both directions. */
export function PodDetails({ podKey }: { podKey: string }) {
  const pod = useAppStore((s) => s.parsed.workspace.pods.find((p) => p.key === podKey));
  const result = useAppStore((s) => s.evaluation.result);
  if (!pod) return <p className="side-hint">{podKey} is no longer in the workspace.</p>;
  const index = result ? result.keys.indexOf(podKey) : -1;
  const peers =
    result && index >= 0 ? result.keys.map((key, j) => ({ key, j })).filter(({ j }) => j !== index) : [];
  const allowed = (i: number, j: number) => (result ? cellAllowed(result.cells, i, j) : false);
  return (
    <section data-testid="pod-details">
      <h2 className="side-title">{pod.name}</h2>
      <div className="side-sub">
        {pod.kind} in <b>{pod.namespace}</b>
      </div>
      <h3>Labels and container ports</h3>
      <PodInspector pod={pod} />
      <h3>Connections</h3>
      <table className="verdicts" data-testid="pod-details.connections">
        <thead>
          <tr>
            <th>peer</th>
            <th title={`from ${pod.name} to the peer`}>out</th>
            <th title={`from the peer to ${pod.name}`}>in</th>
          </tr>
        </thead>
        <tbody>
          {peers.slice(0, MAX_ROWS).map(({ key, j }) => (
            <tr key={key}>
              <td className="verdicts-peer">{key}</td>
              <VerdictCell allowed={allowed(index, j)} from={podKey} to={key} />
              <VerdictCell allowed={allowed(j, index)} from={key} to={podKey} />
            </tr>
          ))}
        </tbody>
      </table>
      {peers.length > MAX_ROWS && (
        <p className="muted">and {peers.length - MAX_ROWS} more: the Matrix tab shows them all.</p>
      )}
    </section>
  );
}
