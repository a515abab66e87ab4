import type { Diagnostic } from '../engine';
import type { SourceMap, TextRange } from './sourceMap';

/**
 * The text range a diagnostic is about: its own text location (syntax errors), else the
 * field its path names inside its object (prefixed by the object's path inside a
 * `List`), else the start of its document. Null when it has no place in the text.
 */
export function rangeOfDiagnostic(map: SourceMap, diagnostic: Diagnostic): TextRange | null {
  if (diagnostic.location) {
    const { offset, length } = diagnostic.location;
    return { start: offset, end: offset + Math.max(1, length ?? 1) };
  }
  const source = diagnostic.source;
  if (!source) return null;
  const located = map.locate(source.documentIndex, [...(source.objectPath ?? []), ...diagnostic.path]);
  return located ?? map.documentRange(source.documentIndex);
}
