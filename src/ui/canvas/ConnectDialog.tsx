import { useMemo, useState } from 'react';
import { textAfter } from '../../store/commands/command';
import { namespaceOfRef } from '../../store/commands/allowTraffic';
import { parsePortQuery } from '../../engine';
import { useAppStore, useAppStoreApi } from '../app/storeContext';
import { TextDiff } from '../app/TextDiff';
import { useEscapeKey } from '../app/useEscapeKey';

/** An endpoint as the title says it: a namespace dropped on stands for all its pods. */
function describe(ref: string): string {
  const namespace = namespaceOfRef(ref);
  return namespace === null ? ref : `every pod of ${namespace}`;
}

/** A drag from A to B: the policy change that allows exactly that, as a YAML diff to confirm. */
export function ConnectDialog({ from, to, onClose }: { from: string; to: string; onClose: () => void }) {
  useEscapeKey(onClose);
  const store = useAppStoreApi();
  const runCommand = useAppStore((s) => s.runCommand);
  const port = useAppStore((s) => s.port);
  const target = useAppStore((s) => s.parsed.workspace.pods.find((p) => p.key === to));
  const firstPort = target?.ports[0];
  const [portDraft, setPortDraft] = useState(
    port !== 'any'
      ? `${port.port}/${port.protocol}`
      : firstPort
        ? `${firstPort.port}/${firstPort.protocol}`
        : 'any',
  );
  const query = parsePortQuery(portDraft);

  // Recomputed when the worker has read the current text (the preview needs its model).
  const parsed = useAppStore((s) => s.parsed);
  const proposal = useMemo(() => {
    if (!query) return { error: 'Write a port as 80/TCP, a container port name as http/TCP, or any.' };
    const { text, previewCommand } = store.getState();
    const outcome = previewCommand('allowTraffic', { from, to, port: query });
    if (!outcome) return { pending: true };
    if (outcome.kind === 'error') return { error: outcome.message };
    return { before: text, after: textAfter(text, outcome) ?? text };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `parsed` is the trigger, read through the store
  }, [store, from, to, query, parsed]);

  const apply = () => {
    if (query && runCommand('allowTraffic', { from, to, port: query })) onClose();
  };

  return (
    <div className="dialog-backdrop">
      <div
        className="dialog wide"
        role="dialog"
        aria-modal="true"
        aria-labelledby="connect-title"
        data-testid="connect.dialog"
      >
        <h2 id="connect-title">
          Allow {describe(from)} → {describe(to)}
        </h2>
        <label className="dialog-field">
          Port
          <input
            autoFocus
            value={portDraft}
            onChange={(e) => setPortDraft(e.target.value)}
            data-testid="connect.port"
          />
        </label>
        {'pending' in proposal ? (
          <p className="muted" data-testid="connect.pending">
            Reading the YAML…
          </p>
        ) : 'error' in proposal ? (
          <p className="form-error" data-testid="connect.error">
            {proposal.error}
          </p>
        ) : (
          <TextDiff before={proposal.before} after={proposal.after} testId="connect.diff" />
        )}
        <div className="dialog-actions">
          <button type="button" onClick={apply} disabled={!('after' in proposal)} data-testid="connect.apply">
            Apply
          </button>
          <button type="button" className="secondary" onClick={onClose} data-testid="connect.cancel">
            Cancel
          </button>
        </div>
      </div>
    </div>
  );
}
