import { externalPeers, loadWorkspace } from '../engine';
import type { ConnectivityTestResult, ExternalPeer, Workspace } from '../engine';
import type { TextRange } from '../yaml/sourceMap';
import { analyzeText } from '../worker/analyzeText';
import type { LocatedDiagnostic } from '../worker/analyzeText';

/** The model of one version of the text, as the store shows it. */
export interface ParsedWorkspace {
  /** The text this model was read from. */
  text: string;
  workspace: Workspace;
  diagnostics: LocatedDiagnostic[];
  /** Documents that do not parse now and are shown from their last good version. */
  staleDocuments: number[];
  /** Text range of every object, keyed by `objectRangeKey`. */
  objectRanges: Record<string, TextRange>;
  /** Outside endpoints (ipBlocks of the policies, and "outside the cluster"). */
  externals: ExternalPeer[];
  /** Results of the workspace's ConnectivityTest expectations. */
  tests: ConnectivityTestResult[];
}

/** The model before the first analysis arrives: nothing yet. */
export function emptyParse(): ParsedWorkspace {
  return {
    text: '\u0000not parsed',
    workspace: loadWorkspace([]).workspace,
    diagnostics: [],
    staleDocuments: [],
    objectRanges: {},
    externals: [],
    tests: [],
  };
}

/**
 * Parses on the calling thread. Only for a command that must act on the exact current
 * text before the worker's answer has arrived; everything else goes through the worker.
 */
export function parseWorkspace(text: string): ParsedWorkspace {
  const { workspace, diagnostics, staleDocuments, objectRanges } = analyzeText(text, null);
  return {
    text,
    workspace,
    diagnostics,
    staleDocuments,
    objectRanges,
    externals: externalPeers(workspace),
    tests: [],
  };
}
