import { useEffect } from 'react';
import { deleteObject } from '../../store/commands/deleteObject';
import { useAppStoreApi } from './storeContext';

/** Delete removes the selected pod, Escape clears the selection (outside text fields). */
export function useGlobalShortcuts(): void {
  const store = useAppStoreApi();
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const target = event.target;
      if (
        target instanceof HTMLElement &&
        (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
      ) {
        return;
      }
      if (target instanceof HTMLElement && target.closest('.monaco-editor')) return;
      const state = store.getState();
      if (event.key === 'Escape') state.selectPod(null);
      if (event.key === 'Delete' && state.selectedPod) {
        const pod = state.parsed.workspace.pods.find((p) => p.key === state.selectedPod);
        if (!pod?.source) return;
        if (
          state.runCommand(deleteObject, {
            documentIndex: pod.source.documentIndex,
            objectPath: pod.source.objectPath,
          })
        ) {
          state.selectPod(null);
        }
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [store]);
}
