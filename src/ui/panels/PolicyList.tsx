import { podsSelectedBy } from '../../engine';
import { plural } from '../app/plural';
import { useAppStore } from '../app/storeContext';

/** Every policy of the workspace; click one to select it. */
export function PolicyList() {
  const workspace = useAppStore((s) => s.parsed.workspace);
  const selectPolicy = useAppStore((s) => s.selectPolicy);
  if (workspace.policies.length === 0) return null;
  return (
    <section data-testid="policy-list">
      <h3>Policies ({workspace.policies.length})</h3>
      <ul className="policy-list">
        {workspace.policies.map((p) => (
          <li key={p.key}>
            <button type="button" className="link" onClick={() => selectPolicy(p.key)} data-policy={p.key}>
              {p.key}
            </button>{' '}
            <span className="muted">
              · {plural(podsSelectedBy(workspace, p).length, 'pod')} · {p.policyTypes.join('+').toLowerCase()}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
