import { externalPeers, runExpectations } from '../engine';
import { analyzeText } from './analyzeText';
import type { Analysis, AnalysisMemory } from './analyzeText';
import { evaluateMatrix } from './evaluateMatrix';
import type { AnalyzeRequest, AnalyzeResult } from './protocol';

/**
 * The worker's state: the memory of good documents, and the last analysis so that a
 * port change re-evaluates without parsing again. The same object runs inline in tests.
 */
export function createAnalyzer(): { analyze(request: AnalyzeRequest): AnalyzeResult } {
  let memory: AnalysisMemory | null = null;
  let last: { text: string; options: string; analysis: Analysis } | null = null;
  return {
    analyze(request) {
      if (request.ephemeral) return resultOf(analyzeText(request.text, null, request.options), request);
      const options = JSON.stringify(request.options);
      if (!last || last.text !== request.text || last.options !== options) {
        const analysis = analyzeText(request.text, memory, request.options);
        memory = analysis.memory;
        last = { text: request.text, options, analysis };
      }
      return resultOf(last.analysis, request);
    },
  };
}

function resultOf(analysis: Analysis, request: AnalyzeRequest): AnalyzeResult {
  const { workspace, diagnostics, staleDocuments, objectRanges } = analysis;
  const externals = externalPeers(workspace);
  const matrix = evaluateMatrix(
    workspace,
    request.port,
    externals.map((e) => e.address),
  );
  // Without an enforcing network plugin, NetworkPolicies have no effect at all.
  if (!request.enforced) matrix.allowed.fill(1);
  const tests = runExpectations(workspace, workspace.tests);
  return { workspace, diagnostics, staleDocuments, objectRanges, externals, tests, matrix };
}
