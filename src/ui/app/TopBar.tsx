import { FileMenu } from './FileMenu';
import { useAppStore } from './storeContext';
import { WorkspaceMenu } from './WorkspaceMenu';

export function TopBar() {
  const pods = useAppStore((s) => s.parsed.workspace.pods.length);
  const policies = useAppStore((s) => s.parsed.workspace.policies.length);
  const stale = useAppStore((s) => s.evaluation.stale);
  const saveError = useAppStore((s) => s.saveError);
  const theme = useAppStore((s) => s.theme);
  const setTheme = useAppStore((s) => s.setTheme);
  const millis = useAppStore((s) => s.evaluation.millis);
  return (
    <header className="topbar">
      <h1 className="topbar-title">NetPol Canvas</h1>
      <WorkspaceMenu />
      <FileMenu />
      <span className="topbar-summary" data-testid="topbar.summary">
        {pods} pods · {policies} policies
      </span>
      {saveError && (
        <span className="topbar-error" role="alert">
          {saveError}
        </span>
      )}
      <span className={stale ? 'topbar-status stale' : 'topbar-status'} data-testid="topbar.status">
        {stale ? 'evaluating…' : 'up to date'}
      </span>
      {millis !== null && !stale && <span className="topbar-millis">{Math.round(millis)} ms</span>}
      <button
        type="button"
        className="theme-toggle"
        data-testid="theme.toggle"
        aria-label={theme === 'dark' ? 'Light theme' : 'Dark theme'}
        title={theme === 'dark' ? 'Light theme' : 'Dark theme'}
        onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}
      >
        {theme === 'dark' ? '☀' : '☾'}
      </button>
    </header>
  );
}
