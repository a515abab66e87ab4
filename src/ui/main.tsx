import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createAppStore } from '../store/appStore';
import { findLesson, findRecipe } from '../recipes';
import { decodeShare } from './app/shareLink';
import { DEMO_WORKSPACE } from '../recipes/demoWorkspace';
import { createWorkerClient } from '../worker/client';
import { elkFullLayout } from './canvas/fullLayout';
import { App } from './app/App';
import { openBrowserStorage } from './app/browserStorage';
import { StoreContext } from './app/storeContext';
import './app/app.css';

const browser = await openBrowserStorage();
const store = createAppStore({
  client: createWorkerClient(),
  fullLayout: elkFullLayout,
  initialText: DEMO_WORKSPACE,
  storage: browser.storage,
  channel: browser.channel,
});
browser.onWriteError((message) => store.getState().reportSaveError(message));
store.getState().start();
// Autosave waits for a pause in typing: a page being hidden or left writes at once, and a
// page shown again takes up what another tab saved meanwhile.
// What IndexedDB has not confirmed yet is also kept aside synchronously (a reload may cut a
// transaction short): see `journal` in browserStorage.ts.
window.addEventListener('pagehide', () => {
  store.getState().flushSave();
  browser.journal();
});
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'hidden') {
    store.getState().flushSave();
    browser.journal();
  } else store.getState().syncFromStorage();
});
window.addEventListener('focus', () => store.getState().syncFromStorage());
const container = document.getElementById('root');
if (!container) throw new Error('#root is missing from index.html');

// A share link carries a workspace in its fragment: open it as a new workspace, then
// drop the fragment so a reload does not open it twice. A link pasted into the address bar
// of a tab already showing the app arrives as a `hashchange`.
const openSharedFromHash = async (): Promise<void> => {
  const shared = await decodeShare(window.location.hash);
  if (!shared) return;
  history.replaceState(null, '', window.location.pathname + window.location.search);
  if ('error' in shared) store.getState().refuseImport(shared.error);
  else store.getState().openShared(shared, shared.lesson ? findLesson(shared.lesson.id) : undefined);
};
void openSharedFromHash();
window.addEventListener('hashchange', () => void openSharedFromHash());

// `?recipe=ID` opens a recipe of the gallery as a new workspace.
const recipeId = new URLSearchParams(window.location.search).get('recipe');
if (recipeId) {
  const recipe = findRecipe(recipeId);
  history.replaceState(null, '', window.location.pathname + window.location.hash);
  if (recipe) store.getState().openRecipe(recipe);
  else store.getState().refuseImport(`There is no recipe called “${recipeId}”.`);
}

createRoot(container).render(
  <StrictMode>
    <StoreContext.Provider value={store}>
      <App />
    </StoreContext.Provider>
  </StrictMode>,
);
