/**
 * Our own diagnostics (validation and lint from the engine, syntax errors from the
 * reader) as Monaco markers under their own owner, beside monaco-yaml's schema markers.
 */
import type { Diagnostic } from '../../engine';
import { rangeOfDiagnostic } from '../../yaml/diagnosticRange';
import { SourceMap } from '../../yaml/sourceMap';
import { monaco } from './monacoSetup';

export const MARKER_OWNER = 'netpol';

const SEVERITY = {
  error: monaco.MarkerSeverity.Error,
  warning: monaco.MarkerSeverity.Warning,
  info: monaco.MarkerSeverity.Info,
} as const;

export function setDiagnosticMarkers(
  model: monaco.editor.ITextModel,
  diagnostics: readonly Diagnostic[],
): void {
  const text = model.getValue();
  const map = new SourceMap(text);
  const markers: monaco.editor.IMarkerData[] = [];
  for (const d of diagnostics) {
    const range = rangeOfDiagnostic(map, d);
    if (!range) continue;
    const start = model.getPositionAt(range.start);
    const end = model.getPositionAt(Math.min(range.end, text.length));
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
