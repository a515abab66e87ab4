import { useState } from 'react';
import type { PodInfo } from '../../engine';
import { formatContainerPorts, parseContainerPorts } from '../../store/commands/containerPortsText';
import { formatLabels, parseLabels } from '../../store/commands/labelText';
import { useAppStore } from '../app/storeContext';
import { useRunCommand } from '../app/useRunCommand';

/** Edit the selected pod's labels, or delete it; both become YAML edits. */
export function PodInspector({ pod }: { pod: PodInfo }) {
  const run = useRunCommand();
  const selectPod = useAppStore((s) => s.selectPod);
  const current = formatLabels(pod.labels);
  const currentPorts = formatContainerPorts(pod.ports);
  const [draft, setDraft] = useState(current);
  const [portsDraft, setPortsDraft] = useState(currentPorts);
  const [error, setError] = useState<string | null>(null);
  // A new pod, or labels or ports changed in the YAML: start again from what is there now.
  const identity = `${pod.key}|${current}|${currentPorts}`;
  const [shown, setShown] = useState(identity);
  if (shown !== identity) {
    setShown(identity);
    setDraft(current);
    setPortsDraft(currentPorts);
    setError(null);
  }
  const apply = () => {
    const parsed = parseLabels(draft);
    if ('error' in parsed) return setError(parsed.error);
    setError(run('setPodLabels', { podKey: pod.key, labels: parsed.labels }));
  };
  const applyPorts = () => {
    const parsed = parseContainerPorts(portsDraft);
    if ('error' in parsed) return setError(parsed.error);
    setError(run('setContainerPorts', { podKey: pod.key, ports: parsed.ports }));
  };
  const remove = () => {
    if (!pod.source) return;
    const failure = run('deleteObject', {
      documentIndex: pod.source.documentIndex,
      objectPath: pod.source.objectPath,
    });
    if (failure === null) selectPod(null);
    else setError(failure);
  };
  return (
    <div className="inspector" data-testid="inspector">
      <form
        className="inspector-row"
        onSubmit={(e) => {
          e.preventDefault();
          apply();
        }}
      >
        <input
          aria-label="Labels"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          data-testid="inspector.labels"
        />
        <button type="submit" className="primary" data-testid="inspector.apply">
          Apply
        </button>
      </form>
      <form
        className="inspector-row"
        onSubmit={(e) => {
          e.preventDefault();
          applyPorts();
        }}
      >
        <input
          aria-label="Container ports"
          placeholder="http:8080/TCP"
          value={portsDraft}
          onChange={(e) => setPortsDraft(e.target.value)}
          data-testid="inspector.ports"
        />
        <button type="submit" className="primary" data-testid="inspector.apply-ports">
          Apply
        </button>
      </form>
      {error && <div className="form-error">{error}</div>}
      <div className="inspector-row">
        <button type="button" className="danger" onClick={remove} data-testid="inspector.delete">
          Delete {pod.kind === 'Pod' ? 'pod' : pod.kind}
        </button>
      </div>
    </div>
  );
}
