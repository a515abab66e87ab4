import { lazy, Suspense } from 'react';
import type { DragEvent } from 'react';
import { CanvasView } from '../canvas/CanvasView';
import { LessonBar } from '../canvas/LessonBar';
import { MatrixView } from '../panels/MatrixView';
import { SidePanel } from '../panels/SidePanel';
import { readFiles } from './download';
import { ImportDialog } from './ImportDialog';
import { GenerateDialog } from '../synthesis/GenerateDialog';
import { StorageBanner } from './StorageBanner';
import { useAppStore } from './storeContext';
import { TopBar } from './TopBar';
import { useGlobalShortcuts } from './useGlobalShortcuts';
import { usePresentationKeys } from './usePresentationKeys';

// Monaco is ~3 MB: load it after the canvas has painted.
const EditorPane = lazy(() => import('../editor/EditorPane'));

function CenterTabs() {
  const centerView = useAppStore((s) => s.centerView);
  const setCenterView = useAppStore((s) => s.setCenterView);
  return (
    <div className="center-tabs" role="tablist">
      {(['graph', 'matrix'] as const).map((view) => (
        <button
          key={view}
          type="button"
          role="tab"
          aria-selected={centerView === view}
          className={centerView === view ? 'active' : ''}
          data-testid={`tab.${view}`}
          onClick={() => setCenterView(view)}
        >
          {view === 'graph' ? 'Graph' : 'Matrix'}
        </button>
      ))}
    </div>
  );
}

export function App() {
  const offerImport = useAppStore((s) => s.offerImport);
  const centerView = useAppStore((s) => s.centerView);
  const theme = useAppStore((s) => s.theme);
  const presenting = useAppStore((s) => s.presenting);
  const canvasOnly = useAppStore((s) => s.canvasOnly);
  usePresentationKeys();
  useGlobalShortcuts();
  const onDrop = (event: DragEvent) => {
    const files = [...event.dataTransfer.files];
    if (files.length === 0) return;
    event.preventDefault();
    void readFiles(files).then(({ text, sources }) => offerImport(text, sources));
  };
  return (
    <div
      className={`app theme-${theme}${presenting ? ' presenting' : ''}${canvasOnly ? ' canvas-only' : ''}`}
      data-theme={theme}
      data-testid="app"
      onDragOver={(e) => e.preventDefault()}
      onDrop={onDrop}
    >
      <TopBar />
      <StorageBanner />
      <ImportDialog />
      <GenerateDialog />
      <main className="app-main">
        <section className="app-canvas" data-testid="canvas" aria-label="Canvas">
          <CenterTabs />
          <LessonBar />
          <div className="center-body">{centerView === 'matrix' ? <MatrixView /> : <CanvasView />}</div>
        </section>
        <aside className="app-side" data-testid="side-panel" aria-label="Details">
          <SidePanel />
        </aside>
        <section className="app-editor" data-testid="editor" aria-label="YAML">
          <Suspense fallback={<div className="editor-loading">Loading editor…</div>}>
            <EditorPane />
          </Suspense>
        </section>
      </main>
    </div>
  );
}
