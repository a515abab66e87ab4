import { plural } from './plural';
import { useAppStore } from './storeContext';

/** Asks whether imported text replaces the workspace or is merged into it. */
export function ImportDialog() {
  const pending = useAppStore((s) => s.pendingImport);
  const error = useAppStore((s) => s.importError);
  const resolve = useAppStore((s) => s.resolveImport);
  if (error) {
    return (
      <div className="banner error" role="alert" data-testid="import.error">
        {error} Your workspace is unchanged.
      </div>
    );
  }
  if (!pending) return null;
  // Counted by the worker as the workspace reads the text (a `kubectl get -o yaml` List is
  // one document of many objects); it arrives a moment after the dialog opens.
  const summary = pending.summary;
  const count = !summary
    ? 'Counting the objects…'
    : `${plural(summary.objects, 'object')}${summary.lists > 0 ? ` (${plural(summary.lists, 'List')})` : ''}.`;
  return (
    <div className="dialog-backdrop">
      <div
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="import-title"
        data-testid="import.dialog"
      >
        <h2 id="import-title">Import {pending.sources.join(', ')}</h2>
        <p>
          <span data-testid="import.count">{count}</span> Replace the current workspace, or add them after it?
          Either way, Ctrl+Z in the YAML pane takes it back.
        </p>
        <div className="dialog-actions">
          <button type="button" data-testid="import.replace" onClick={() => resolve('replace')}>
            Replace
          </button>
          <button type="button" data-testid="import.merge" onClick={() => resolve('merge')}>
            Merge
          </button>
          <button
            type="button"
            className="secondary"
            data-testid="import.cancel"
            onClick={() => resolve('cancel')}
          >
            Cancel
          </button>
        </div>
      </div>
    </div>
  );
}
