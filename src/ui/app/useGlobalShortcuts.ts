import { useEffect } from 'react';
import { isTypingTarget } from './keyTarget';
import { useAppStoreApi } from './storeContext';

/** Delete removes the selected pod, Escape clears the selection (outside text fields). */
export function useGlobalShortcuts(): void {
  const store = useAppStoreApi();
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (isTypingTarget(event.target)) return;
      const state = store.getState();
      if (event.key === 'Escape') state.selectPod(null);
      if (event.key === 'Delete' && state.selectedPod) {
        const pod = state.parsed.workspace.pods.find((p) => p.key === state.selectedPod);
        if (!pod?.source) return;
        if (
          state.runCommand('deleteObject', {
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
