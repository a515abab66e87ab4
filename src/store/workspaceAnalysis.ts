import { loadWorkspace } from '../engine';
import type { AnalyzeResult } from '../worker/protocol';

/** The model of one version of the text, as the store shows it: the worker's answer but the matrix. */
export type WorkspaceAnalysis = Omit<AnalyzeResult, 'matrix'> & {
  /** The text this model was read from (null before the worker's first answer). */
  text: string | null;
};

/** The model before the first analysis arrives: nothing yet. */
export function emptyAnalysis(): WorkspaceAnalysis {
  return {
    text: null,
    workspace: loadWorkspace([]).workspace,
    diagnostics: [],
    staleDocuments: [],
    objectRanges: {},
    externals: [],
    tests: [],
    podIsolation: new Uint8Array(0),
    lintPending: false,
  };
}
