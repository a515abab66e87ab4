import { useMemo } from 'react';
import { adminSubjectPods, selectedPodCounts } from '../../engine';
import type { CompiledAdminPolicy } from '../../engine';
import { plural } from '../app/plural';
import { useAppStore } from '../app/storeContext';

/** Admin tier first (by priority), then the baseline: the order they are decided in. */
function tierOrder(a: CompiledAdminPolicy, b: CompiledAdminPolicy): number {
  if (a.tier !== b.tier) return a.tier === 'admin' ? -1 : 1;
  return a.priority - b.priority;
}

/** Every policy of the workspace, cluster-scoped ones first; click one to select it. */
export function PolicyList() {
  const workspace = useAppStore((s) => s.parsed.workspace);
  const selectPolicy = useAppStore((s) => s.selectPolicy);
  const admin = [...workspace.adminPolicies].sort(tierOrder);
  const selected = useMemo(() => selectedPodCounts(workspace), [workspace]);
  return (
    <>
      {admin.length > 0 && (
        <section data-testid="admin-policy-list">
          <h3>Cluster policies ({admin.length})</h3>
          <ul className="policy-list">
            {admin.map((p) => (
              <li key={p.key}>
                <button
                  type="button"
                  className="link"
                  onClick={() => selectPolicy(p.key)}
                  data-admin-policy={p.key}
                  title={`${p.kind} ${p.name}`}
                >
                  {p.name}
                </button>{' '}
                <span className={`tier-label tier-${p.tier} inline`}>{p.tier}</span>
                <span className="muted">
                  {p.tier === 'admin' ? ` priority ${p.priority} · ` : ' '}
                  {plural(adminSubjectPods(workspace, p).length, 'pod')} ·{' '}
                  {[p.ingress.length > 0 && 'ingress', p.egress.length > 0 && 'egress']
                    .filter(Boolean)
                    .join('+')}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {workspace.policies.length > 0 && (
        <section data-testid="policy-list">
          <h3>Policies ({workspace.policies.length})</h3>
          <ul className="policy-list">
            {workspace.policies.map((p) => (
              <li key={p.key}>
                <button
                  type="button"
                  className="link"
                  onClick={() => selectPolicy(p.key)}
                  data-policy={p.key}
                >
                  {p.key}
                </button>{' '}
                <span className="muted">
                  · {plural(selected.get(p.key) ?? 0, 'pod')} · {p.policyTypes.join('+').toLowerCase()}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
