/**
 * Our own diagnostics (validation and lint from the engine, syntax errors from the
 * reader) as Monaco markers under their own owner, beside monaco-yaml's schema markers.
 * Their text ranges were computed in the worker.
 */
import type { LocatedDiagnostic } from '../../store/analysisTypes';
import { monaco } from './monacoSetup';

export const MARKER_OWNER = 'netpol';

const SEVERITY = {
  error: monaco.MarkerSeverity.Error,
  warning: monaco.MarkerSeverity.Warning,
  info: monaco.MarkerSeverity.Info,
} as const;

export function setDiagnosticMarkers(
  model: monaco.editor.ITextModel,
  diagnostics: readonly LocatedDiagnostic[],
): void {
  const length = model.getValueLength();
  const markers: monaco.editor.IMarkerData[] = [];
  for (const d of diagnostics) {
    if (!d.range) continue;
    const start = model.getPositionAt(Math.min(d.range.start, length));
    const end = model.getPositionAt(Math.min(d.range.end, length));
    markers.push({
      severity: SEVERITY[d.severity],
      message: d.message,
      code: d.code,
      source: 'NetPol Canvas',
      startLineNumber: start.lineNumber,
      startColumn: start.column,
      endLineNumber: end.lineNumber,
      endColumn: end.column,
    });
  }
  monaco.editor.setModelMarkers(model, MARKER_OWNER, markers);
}
