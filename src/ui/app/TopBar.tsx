import { useAppStore } from './storeContext';

export function TopBar() {
  const pods = useAppStore((s) => s.parsed.workspace.pods.length);
  const policies = useAppStore((s) => s.parsed.workspace.policies.length);
  const stale = useAppStore((s) => s.evaluation.stale);
  return (
    <header className="topbar">
      <h1 className="topbar-title">NetPol Canvas</h1>
      <span className="topbar-summary" data-testid="topbar.summary">
        {pods} pods · {policies} policies
      </span>
      <span className={stale ? 'topbar-status stale' : 'topbar-status'} data-testid="topbar.status">
        {stale ? 'evaluating…' : 'up to date'}
      </span>
    </header>
  );
}
