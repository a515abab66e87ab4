/**
 * The types views need from the layers below the store, so that views import the store
 * and the engine only (the layers of docs/architecture.md).
 */
export type { AnalyzePhase, MatrixResult } from '../worker/protocol';
export type { LocatedDiagnostic } from '../worker/analyzeText';
export type { TextChange } from '../yaml/textEdits';
export type { PolicyExport } from '../yaml/exportPolicies';
export type { TextRange } from '../yaml/sourceMap';
