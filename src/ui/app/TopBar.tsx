import { useState } from 'react';
import type { PluginProfile } from '../../store/appStore';
import { CompareMenu } from './CompareMenu';
import { FileMenu } from './FileMenu';
import { plural } from './plural';
import { RecipeGallery } from './RecipeGallery';
import { ShareDialog } from './ShareDialog';
import { useAppStore } from './storeContext';
import { WorkspaceMenu } from './WorkspaceMenu';

export function TopBar() {
  const pods = useAppStore((s) => s.parsed.workspace.pods.length);
  const policies = useAppStore((s) => s.parsed.workspace.policies.length);
  const clusterPolicies = useAppStore((s) => s.parsed.workspace.adminPolicies.length);
  const status = useAppStore((s) => s.evaluation.status);
  const stale = status.kind === 'running';
  const evaluationError = status.kind === 'failed' ? status.message : null;
  const retry = useAppStore((s) => s.retryEvaluation);
  const theme = useAppStore((s) => s.theme);
  const setTheme = useAppStore((s) => s.setTheme);
  const millis = status.kind === 'done' ? status.millis : null;
  const plugin = useAppStore((s) => s.plugin);
  const setPlugin = useAppStore((s) => s.setPlugin);
  const lesson = useAppStore((s) => s.lesson);
  const lessonRef = lesson ? { id: lesson.lesson.id, step: lesson.step } : undefined;
  const [sharing, setSharing] = useState(false);
  const [gallery, setGallery] = useState(false);
  const setPresenting = useAppStore((s) => s.setPresenting);
  const presenting = useAppStore((s) => s.presenting);
  return (
    <header className="topbar">
      <h1 className="topbar-title">NetPol Canvas</h1>
      <WorkspaceMenu />
      <FileMenu />
      <div className="topbar-group">
        <button type="button" data-testid="gallery.open" onClick={() => setGallery(true)}>
          Recipes &amp; lessons
        </button>
        <button
          type="button"
          data-testid="present.open"
          title="Presentation mode: large type; arrows step through a lesson"
          onClick={() => setPresenting(true)}
        >
          Present
        </button>
        <button type="button" data-testid="share.open" onClick={() => setSharing(true)}>
          Share link
        </button>
        <CompareMenu />
        <label className="plugin-select" title="Which network plugin enforces the policies">
          Plugin{' '}
          <select
            value={plugin}
            onChange={(e) => setPlugin(e.target.value as PluginProfile)}
            data-testid="plugin.select"
          >
            <option value="generic">enforcing (generic)</option>
            <option value="cilium">Cilium-like (ipBlock ≠ pod IPs)</option>
            <option value="none">none (e.g. Flannel alone)</option>
          </select>
        </label>
      </div>
      {sharing && <ShareDialog onClose={() => setSharing(false)} lesson={lessonRef} />}
      {gallery && <RecipeGallery onClose={() => setGallery(false)} />}
      <span className="topbar-summary" data-testid="topbar.summary">
        {plural(pods, 'pod')} · {plural(policies, 'policy', 'policies')}
        {clusterPolicies > 0 && ` · ${plural(clusterPolicies, 'cluster policy', 'cluster policies')}`}
      </span>
      {evaluationError && !stale ? (
        <span className="topbar-status failed" role="alert" data-testid="topbar.status">
          not evaluated: {evaluationError}{' '}
          <button type="button" data-testid="evaluation.retry" onClick={retry}>
            Retry
          </button>
        </span>
      ) : (
        <span className={stale ? 'topbar-status stale' : 'topbar-status'} data-testid="topbar.status">
          {stale ? 'evaluating…' : 'up to date'}
        </span>
      )}
      {presenting && (
        <span className="present-hint" data-testid="present.hint">
          Presenting: → next · ← back · C show or hide the YAML · Esc exit
        </span>
      )}
      {millis !== null && <span className="topbar-millis">{Math.round(millis)} ms</span>}
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
