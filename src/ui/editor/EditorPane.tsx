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
  return <div ref={container} className="editor-host" data-testid="editor.monaco" />;
}
