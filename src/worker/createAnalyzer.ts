import {
  allAllowedCells,
  createEvaluator,
  createWorkspaceLoader,
  externalPeers,
  runExpectations,
} from '../engine';
import type { Evaluator, Workspace } from '../engine';
import { summarizeManifests } from '../yaml/importText';
import type { ImportSummary } from '../yaml/importText';
import { DocumentCache } from '../yaml/parseIncrementally';
import { SourceMap } from '../yaml/sourceMap';
import { analyzeText } from './analyzeText';
import type { Analysis, AnalysisMemory } from './analyzeText';
import { evaluateMatrix } from './evaluateMatrix';
import { bundleSums, createSumsPool } from './bundleSums';
import type { SumsPool } from './bundleSums';
import { tierMarks } from './tierMarks';
import type { AnalyzeRequest, AnalyzeResult, MatrixResult } from './protocol';

/** The worker's engine, in two steps so the worker can notice a newer request in between. */
export interface Analyzer {
  /** Parses and loads the text (reusing the last parse when text and options are unchanged). */
  prepare(request: AnalyzeRequest): Analysis;
  /**
   * Evaluates a prepared analysis for the request's port and runs its connectivity checks.
   * With `bundles: 'later'`, the result has no bundle counts and `laterBundles` makes them.
   */
  finish(request: AnalyzeRequest, analysis: Analysis): AnalyzeResult & { laterBundles?: LaterBundles };
  /** Both steps at once, lint findings included. */
  analyze(request: AnalyzeRequest): AnalyzeResult;
  /** Where the fields of `text` are: the last analysis's map when it is that text, else a new parse. */
  sourceMap(text: string): SourceMap;
  /** The workspace of `text`: the last analysis's when it is that text, else a new parse. */
  workspaceOf(text: string): Workspace;
  /**
   * Counts the objects of text about to be imported, keeping what it parsed for the next
   * analysis: a file opened is read once, not once for the dialog and again when it opens.
   */
  summarize(text: string): ImportSummary;
}

/**
 * The worker's state: the memory of good documents, the last analysis (a port change
 * re-evaluates without parsing again), and the fast engine, which follows the edited
 * text from version to version and recomputes only what an edit touches. The same
 * object runs inline in tests.
 */
export function createAnalyzer({ reuseSums = false }: { reuseSums?: boolean } = {}): Analyzer {
  let memory: AnalysisMemory | null = null;
  let last: { text: string; options: string; analysis: Analysis } | null = null;
  let engine: Evaluator | null = null;
  const documents = new DocumentCache();
  /** The edited text's loads: a policy edited in place patches the last workspace. */
  const load = createWorkspaceLoader();
  /**
   * With `reuseSums` (the worker, whose wire copies them or sends what changed), the edited
   * text's bundle sums are written over in turn: an answer's sums hold until the one after
   * the next (a baseline's are its own).
   */
  const sums = reuseSums ? createSumsPool() : undefined;
  /** What the last summary parsed, until the next analysis of the edited text takes it up. */
  let summarized: DocumentCache | null = null;
  const prepare = (request: AnalyzeRequest): Analysis => {
    // Without lint: the worker sends it after the verdicts (`Analysis.lint`); a baseline needs none.
    if (request.ephemeral)
      return analyzeText(request.text, null, request.options, undefined, { lint: false });
    const options = JSON.stringify(request.options);
    if (summarized) {
      // The documents of a file just summarized (an import): the analysis reads them from here.
      for (const [chunk, parsed] of summarized.entries)
        if (!documents.entries.has(chunk)) documents.entries.set(chunk, parsed);
      summarized = null;
    }
    // An edit of the last text is new text (`===` between two texts of one length compares them,
    // reading the edited one whole: see `parseIncrementally`).
    const edited = last !== null && request.kept?.from === last.text;
    if (!last || edited || last.text !== request.text || last.options !== options) {
      // The edit the worker received: the parse need not compare the texts to find it.
      documents.kept = request.kept ?? null;
      const analysis = analyzeText(request.text, memory, request.options, documents, { lint: false, load });
      memory = analysis.memory;
      last = { text: request.text, options, analysis };
    }
    return last.analysis;
  };
  const engineFor = (request: AnalyzeRequest, workspace: Workspace): Evaluator => {
    // A baseline (ephemeral) gets an engine of its own: the edited text's stays in step.
    if (request.ephemeral) return createEvaluator(workspace);
    if (!engine) engine = createEvaluator(workspace);
    else if (engine.workspace !== workspace) engine.update(workspace);
    return engine;
  };
  const finish = (
    request: AnalyzeRequest,
    analysis: Analysis,
  ): AnalyzeResult & { laterBundles?: LaterBundles } =>
    resultOf(request, analysis, engineFor(request, analysis.workspace), request.ephemeral ? undefined : sums);
  const analyze = (request: AnalyzeRequest): AnalyzeResult => {
    const analysis = prepare(request);
    const { laterBundles, ...result } = finish(request, analysis);
    const bundles = laterBundles?.();
    return {
      ...result,
      ...(bundles ? { matrix: { ...result.matrix, bundles } } : {}),
      diagnostics: [...result.diagnostics, ...analysis.lint()],
      lintPending: false,
    };
  };
  const sourceMap = (text: string): SourceMap =>
    last?.text === text ? last.analysis.map : new SourceMap(text);
  const workspaceOf = (text: string): Workspace =>
    last?.text === text
      ? last.analysis.workspace
      : analyzeText(text, null, undefined, undefined, { lint: false }).workspace;
  const summarize = (text: string): ImportSummary => {
    const cache = new DocumentCache();
    const summary = summarizeManifests(text, cache);
    summarized = cache;
    return summary;
  };
  return { prepare, finish, analyze, sourceMap, workspaceOf, summarize };
}

/** The bundle counts of a result made without them (while the engine has not moved on). */
export type LaterBundles = () => MatrixResult['bundles'];

function resultOf(
  request: AnalyzeRequest,
  analysis: Analysis,
  engine: Evaluator,
  pool: SumsPool | undefined,
): AnalyzeResult & { laterBundles?: LaterBundles } {
  const { workspace, diagnostics, staleDocuments, objectRanges } = analysis;
  const externals = externalPeers(workspace);
  const addresses = externals.map((e) => e.address);
  const matrix = evaluateMatrix(engine, request.port, addresses);
  const podIsolation = engine.podIsolation();
  let laterBundles: LaterBundles | undefined;
  // Without an enforcing network plugin, NetworkPolicies have no effect at all.
  if (!request.enforced) {
    const n = matrix.keys.length;
    matrix.cells = allAllowedCells(n);
    matrix.ends = { openIn: new Uint8Array(n).fill(1), openOut: new Uint8Array(n).fill(1) };
  } else {
    const tiers = tierMarks(workspace, matrix.keys, request.port);
    if (tiers) matrix.tiers = tiers;
    // Later, from copies: the posted result's arrays are transferred away.
    const sums = (m: MatrixResult, isolation: Uint8Array) =>
      bundleSums(engine, request.port, addresses, workspace, m, isolation, pool);
    if (request.bundles === 'later') {
      const { ends } = matrix;
      const kept = {
        ...matrix,
        ...(ends ? { ends: { openIn: ends.openIn.slice(), openOut: ends.openOut.slice() } } : {}),
      };
      const isolation = podIsolation.slice();
      laterBundles = () => sums(kept, isolation);
    } else {
      const bundles = sums(matrix, podIsolation);
      if (bundles) matrix.bundles = bundles;
    }
  }
  const tests = runExpectations(workspace, workspace.tests);
  return {
    workspace,
    diagnostics,
    staleDocuments,
    objectRanges,
    externals,
    tests,
    podIsolation,
    lintPending: !request.ephemeral,
    matrix,
    ...(laterBundles ? { laterBundles } : {}),
  };
}
