import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { adminSubjectPods, selectedPodCounts } from '../../engine';
import type { CompiledAdminPolicy } from '../../engine';
import { plural } from '../app/plural';
import { useAppStore } from '../app/storeContext';

/** Admin tier first (by priority), then the baseline: the order they are decided in. */
function tierOrder(a: CompiledAdminPolicy, b: CompiledAdminPolicy): number {
  if (a.tier !== b.tier) return a.tier === 'admin' ? -1 : 1;
  return a.priority - b.priority;
}

/** Rows made at first; more as the list is scrolled to its end (or "more" is clicked). */
const LIST_STEP = 100;

/**
 * The end of a long list: renders the next rows when it comes near the view, or when clicked.
 * Hundreds of rows made at once were part of the longest task of opening a large file.
 */
function MoreRows({ left, onMore }: { left: number; onMore: () => void }) {
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const element = button.current;
    if (!element || typeof IntersectionObserver === 'undefined') return undefined;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) onMore();
      },
      { rootMargin: '300px' },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [onMore, left]);
  return (
    <button ref={button} type="button" className="link" data-testid="policy-list.more" onClick={onMore}>
      {plural(left, 'more policy', 'more policies')}
    </button>
  );
}

/** Every policy of the workspace, cluster-scoped ones first; click one to select it. */
export function PolicyList() {
  const workspace = useAppStore((s) => s.parsed.workspace);
  const selectPolicy = useAppStore((s) => s.selectPolicy);
  const [shown, setShown] = useState(LIST_STEP);
  const showMore = useCallback(() => setShown((n) => n + LIST_STEP), []);
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
            {workspace.policies.slice(0, shown).map((p) => (
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
          {workspace.policies.length > shown && (
            <MoreRows left={workspace.policies.length - shown} onMore={showMore} />
          )}
        </section>
      )}
    </>
  );
}
