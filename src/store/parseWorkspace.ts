import { createEvaluator, externalPeers, loadWorkspace } from '../engine';
import { analyzeText } from '../worker/analyzeText';
import type { AnalyzeResult } from '../worker/protocol';

/** The model of one version of the text, as the store shows it: the worker's answer but the matrix. */
export type WorkspaceAnalysis = Omit<AnalyzeResult, 'matrix'> & {
  /** The text this model was read from. */
  text: string;
};

/** The model before the first analysis arrives: nothing yet. */
export function emptyParse(): WorkspaceAnalysis {
  return {
    text: '\u0000not parsed',
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

/**
 * Parses on the calling thread. Only for a command that must act on the exact current
 * text before the worker's answer has arrived; everything else goes through the worker.
 */
export function parseWorkspace(text: string): WorkspaceAnalysis {
  const { workspace, diagnostics, staleDocuments, objectRanges } = analyzeText(text, null);
  return {
    text,
    workspace,
    diagnostics,
    staleDocuments,
    objectRanges,
    externals: externalPeers(workspace),
    tests: [],
    podIsolation: createEvaluator(workspace).podIsolation(),
    lintPending: false,
  };
}
