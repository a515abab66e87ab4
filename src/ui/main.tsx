import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createAppStore } from '../store/appStore';
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

createRoot(container).render(
  <StrictMode>
    <StoreContext.Provider value={store}>
      <App />
    </StoreContext.Provider>
  </StrictMode>,
);
