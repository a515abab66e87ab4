import { useEffect } from 'react';
import { isTypingTarget } from './keyTarget';
import { useAppStoreApi } from './storeContext';

/**
 * Presentation mode is keyboard-driven: → or Space reveals the next lesson step (or moves
 * on), ← goes back a step, C toggles canvas only, Escape leaves presentation mode.
 */
export function usePresentationKeys(): void {
  const store = useAppStoreApi();
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const state = store.getState();
      if (!state.presenting) return;
      if (isTypingTarget(event.target)) return;
      if (event.key === 'ArrowRight' || event.key === ' ') state.advanceLesson();
      else if (event.key === 'ArrowLeft') state.lessonBack();
      else if (event.key === 'c' || event.key === 'C') state.setCanvasOnly(!state.canvasOnly);
      else if (event.key === 'Escape') state.setPresenting(false);
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [store]);
}
