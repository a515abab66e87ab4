import { EdgeLabelRenderer, useStoreApi } from '@xyflow/react';
import { createContext, useContext, useEffect } from 'react';
import type { ReactNode } from 'react';
import { createPortal } from 'react-dom';

/**
 * Edge labels rendered into React Flow's label layer, found once. React Flow's own
 * `EdgeLabelRenderer` looks the layer up with a `querySelector` in a store selector, which
 * runs on every store update for every mounted label: 200 bundle labels cost ~50 ms a
 * keystroke at 1,000 pods.
 */
const LabelLayerContext = createContext<HTMLElement | null>(null);

export const LabelLayerProvider = LabelLayerContext.Provider;

/** Inside `<ReactFlow>`: reports its label layer element once it is in the DOM. */
export function FindLabelLayer({ onFound }: { onFound: (layer: HTMLElement | null) => void }) {
  const store = useStoreApi();
  useEffect(() => {
    let frame = 0;
    const look = () => {
      const layer = store.getState().domNode?.querySelector<HTMLElement>('.react-flow__edgelabel-renderer');
      if (layer) onFound(layer);
      else frame = requestAnimationFrame(look);
    };
    look();
    return () => {
      cancelAnimationFrame(frame);
      onFound(null);
    };
  }, [store, onFound]);
  return null;
}

/** An edge's label: in the layer found once, else (before that, or outside a provider) React Flow's. */
export function EdgeLabel({ children }: { children: ReactNode }) {
  const layer = useContext(LabelLayerContext);
  return layer ? createPortal(children, layer) : <EdgeLabelRenderer>{children}</EdgeLabelRenderer>;
}
