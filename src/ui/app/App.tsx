import { lazy, Suspense } from 'react';
import { CanvasView } from '../canvas/CanvasView';
import { SidePanel } from '../panels/SidePanel';
import { TopBar } from './TopBar';

// Monaco is ~3 MB: load it after the canvas has painted.
const EditorPane = lazy(() => import('../editor/EditorPane'));

export function App() {
  return (
    <div className="app" data-testid="app">
      <TopBar />
      <main className="app-main">
        <section className="app-canvas" data-testid="canvas" aria-label="Canvas">
          <CanvasView />
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
