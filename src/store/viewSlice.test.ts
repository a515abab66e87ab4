import { describe, expect, it } from 'vitest';
import { createViewSlice } from './viewSlice';
import type { ViewSlice } from './viewSlice';

/** The slice over a plain object, as the store holds it. */
function slice(): () => ViewSlice {
  let state: ViewSlice;
  state = createViewSlice((partial) => (state = { ...state, ...partial }), {
    selectedPod: null,
    theme: 'light',
  });
  return () => state;
}

describe('the view slice', () => {
  it('selects one thing at a time: a pod, an edge, a policy or a namespace', () => {
    const s = slice();
    s().selectPod('shop/web');
    s().selectPolicy('shop/default-deny');
    expect(s()).toMatchObject({ selectedPod: null, selectedPolicy: 'shop/default-deny' });
    s().selectEdge({ from: 'shop/web', to: 'shop/api' });
    expect(s()).toMatchObject({ selectedPolicy: null, selectedEdge: { from: 'shop/web', to: 'shop/api' } });
    s().selectNamespace('shop');
    expect(s()).toMatchObject({ selectedEdge: null, selectedNamespace: 'shop' });
    s().clearSelection();
    expect(s()).toMatchObject({
      selectedPod: null,
      selectedEdge: null,
      selectedPolicy: null,
      selectedNamespace: null,
    });
  });

  it('centres the canvas on a pod only when the editor selected it', () => {
    const s = slice();
    s().selectPod('shop/web');
    expect(s().revealPod).toBeNull();
    s().selectPod('shop/api', true);
    expect(s().revealPod).toBe('shop/api');
  });

  it('reveals the same place twice (each request is new) and shows a policy diagram on the graph', () => {
    const s = slice();
    s().revealInEditor(1, ['spec']);
    const first = s().reveal;
    s().revealInEditor(1, ['spec']);
    expect(s().reveal).not.toBe(first);
    expect(s().reveal?.nonce).not.toBe(first?.nonce);
    s().setCenterView('matrix');
    s().setPolicyView(true);
    expect(s()).toMatchObject({ policyView: true, centerView: 'graph' });
  });
});
