import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createAppStore } from '../store/appStore';
import { decodeShare } from '../store/shareLink';
import { DEMO_WORKSPACE } from '../store/fixtures/demoWorkspace';
import { createWorkerEvaluator } from '../worker/client';
import { App } from './app/App';
import { StoreContext } from './app/storeContext';
import './app/app.css';

/** localStorage when the browser allows it (it throws in some private modes). */
function browserStorage(): Storage | undefined {
  try {
    const probe = '__netpol_probe__';
    window.localStorage.setItem(probe, probe);
    window.localStorage.removeItem(probe);
    return window.localStorage;
  } catch {
    return undefined;
  }
}

const store = createAppStore({
  evaluator: createWorkerEvaluator(),
  initialText: DEMO_WORKSPACE,
  storage: browserStorage(),
});
const container = document.getElementById('root');
if (!container) throw new Error('#root is missing from index.html');

// A share link carries a workspace in its fragment: open it as a new workspace, then
// drop the fragment so a reload does not open it twice.
void decodeShare(window.location.hash).then((shared) => {
  if (!shared) return;
  history.replaceState(null, '', window.location.pathname + window.location.search);
  if ('error' in shared) store.setState({ importError: shared.error });
  else store.getState().newWorkspace('Shared workspace', shared.text);
});

createRoot(container).render(
  <StrictMode>
    <StoreContext.Provider value={store}>
      <App />
    </StoreContext.Provider>
  </StrictMode>,
);
