import { adminOnlyFromMonitoring } from '../../store/commands/adminTemplates';
import { NAMESPACE_ACTIONS } from '../../store/commands/policyTemplates';
import { plural } from '../app/plural';
import { useAppStore } from '../app/storeContext';
import { useRunCommand } from '../app/useRunCommand';
import { useState } from 'react';

/** A namespace: its labels, and the quick actions that add the usual policies. */
export function NamespaceDetails({ name }: { name: string }) {
  const namespace = useAppStore((s) => s.parsed.workspace.namespaces.find((n) => n.name === name));
  const pods = useAppStore((s) => s.parsed.workspace.pods.filter((p) => p.namespace === name).length);
  const workspace = useAppStore((s) => s.parsed.workspace);
  const run = useRunCommand();
  const [error, setError] = useState<string | null>(null);
  if (!namespace) return <p className="side-hint">{name} is no longer in the workspace.</p>;
  return (
    <section data-testid="namespace-details">
      <h2 className="side-title">{name}</h2>
      <div className="side-sub">
        Namespace · {plural(pods, 'pod')}
        {namespace.declared ? '' : ' · referenced but not declared'}
      </div>
      <h3>Labels</h3>
      <div className="pod-labels">
        {Object.entries(namespace.labels).map(([k, v]) => (
          <span key={k} className="chip">
            {k}={v}
          </span>
        ))}
      </div>
      <h3>Quick actions</h3>
      <div className="quick-actions">
        {[...NAMESPACE_ACTIONS, adminOnlyFromMonitoring].map((action) => {
          // Applied already: the button says by which policy instead of adding a copy.
          const existing = action.appliedBy(workspace, name);
          return (
            <button
              key={action.id}
              type="button"
              data-testid={`ns.action.${action.id}`}
              disabled={existing !== undefined}
              title={existing ? `Already applied: ${existing.name} (${action.effect})` : action.effect}
              onClick={() => setError(run(action.id, { namespace: name }))}
            >
              {existing ? `✓ ${action.label}` : action.label}
            </button>
          );
        })}
      </div>
      {error && <div className="form-error">{error}</div>}
    </section>
  );
}
