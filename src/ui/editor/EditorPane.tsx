import { useEffect, useRef } from 'react';
import { useAppStoreApi } from '../app/storeContext';
import { createMonacoBinding } from './monacoBinding';

/** The YAML pane: mounts the Monaco binding and disposes it on unmount. */
export default function EditorPane() {
  const container = useRef<HTMLDivElement>(null);
  const store = useAppStoreApi();
  useEffect(() => {
    if (!container.current) return undefined;
    const binding = createMonacoBinding(container.current, store);
    return () => binding.dispose();
  }, [store]);
  // `nokey`: React Flow's key handlers (Space pans, and others) must not act on key presses
  // aimed at the editor. Monaco types through an EditContext <div>, which React Flow does not
  // recognise as a text field, so without it a typed space is swallowed.
  return <div ref={container} className="editor-host nokey" data-testid="editor.monaco" />;
}
