/**
 * View state that is not document: what is selected, what the editor should reveal,
 * the port the colours mean, the edge mode and the theme. Mutually exclusive
 * selection: a pod, an edge, or a policy.
 */
import type { FieldPath } from '../engine';
import type { KeyValueStorage } from './persistence';

export interface EdgeRef {
  from: string;
  to: string;
}

/**
 * How edges are drawn: `auto` is the service map (the connections policies shape, blocked
 * ones around the focus); or every pod pair, only the selected pod's, or namespace bundles.
 */
export type EdgeMode = 'auto' | 'all' | 'focus' | 'bundles';

export type Theme = 'light' | 'dark';

export interface RevealRequest {
  documentIndex: number;
  path: FieldPath;
  /** Changes on every request, so revealing the same place twice still scrolls. */
  nonce: number;
}

export interface ViewSlice {
  selectedPod: string | null;
  selectedEdge: EdgeRef | null;
  selectedPolicy: string | null;
  selectedNamespace: string | null;
  reveal: RevealRequest | null;
  edgeMode: EdgeMode;
  /** The service map draws blocked connections everywhere, not only around the focus. */
  showBlocked: boolean;
  theme: Theme;
  /** Show the selected policy's diagram instead of the cluster. */
  policyView: boolean;
  /** The main area: the graph, or the truth table. */
  centerView: 'graph' | 'matrix';
  /** `fromEditor`: the cursor moved into the pod's YAML, so the canvas should bring it into view. */
  selectPod: (key: string | null, fromEditor?: boolean) => void;
  /** Set when the editor selected the pod: the canvas centres on it once. */
  revealPod: string | null;
  selectEdge: (edge: EdgeRef | null) => void;
  selectPolicy: (key: string | null) => void;
  selectNamespace: (name: string | null) => void;
  clearSelection: () => void;
  revealInEditor: (documentIndex: number, path: FieldPath) => void;
  setEdgeMode: (mode: EdgeMode) => void;
  setShowBlocked: (on: boolean) => void;
  setTheme: (theme: Theme) => void;
  setPolicyView: (on: boolean) => void;
  setCenterView: (view: 'graph' | 'matrix') => void;
}

type Set = (partial: Partial<ViewSlice>) => void;

export function createViewSlice(set: Set, initial: { selectedPod: string | null; theme: Theme }): ViewSlice {
  let nonce = 0;
  const none = {
    selectedPod: null,
    selectedEdge: null,
    selectedPolicy: null,
    selectedNamespace: null,
    policyView: false,
  };
  return {
    selectedPod: initial.selectedPod,
    selectedEdge: null,
    selectedPolicy: null,
    selectedNamespace: null,
    revealPod: null,
    reveal: null,
    edgeMode: 'auto',
    showBlocked: false,
    theme: initial.theme,
    policyView: false,
    centerView: 'graph',
    selectPod: (key, fromEditor = false) =>
      set({ ...none, selectedPod: key, revealPod: fromEditor ? key : null }),
    selectEdge: (edge) => set({ ...none, selectedEdge: edge }),
    selectPolicy: (key) => set({ ...none, selectedPolicy: key }),
    selectNamespace: (name) => set({ ...none, selectedNamespace: name }),
    clearSelection: () => set(none),
    revealInEditor: (documentIndex, path) => set({ reveal: { documentIndex, path, nonce: ++nonce } }),
    setEdgeMode: (edgeMode) => set({ edgeMode }),
    setShowBlocked: (showBlocked) => set({ showBlocked }),
    setTheme: (theme) => set({ theme }),
    setPolicyView: (policyView) =>
      set({ policyView, ...(policyView ? { centerView: 'graph' as const } : {}) }),
    setCenterView: (centerView) => set({ centerView }),
  };
}

const THEME_KEY = 'netpol-canvas:theme';

/** The theme chosen last (a preference of the browser, not of a workspace). */
export function loadTheme(storage: KeyValueStorage): Theme {
  return storage.getItem(THEME_KEY) === 'dark' ? 'dark' : 'light';
}

export function saveTheme(storage: KeyValueStorage, theme: Theme): void {
  try {
    storage.setItem(THEME_KEY, theme);
  } catch {
    // The theme is a preference: losing it is harmless.
  }
}
