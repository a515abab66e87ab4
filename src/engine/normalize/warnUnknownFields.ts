import { ValidationCode as V, type DiagnosticSink, type FieldPath } from '../model/diagnostics';
import type { RawRecord } from './fields';

/**
 * Warns about fields the API does not define (like `kubectl apply --validate=warn`): a typo
 * such as `podselector` silently changes a policy's meaning, so it is worth saying.
 */
export function warnUnknownFields(
  raw: RawRecord,
  known: readonly string[],
  path: FieldPath,
  sink: DiagnosticSink,
): void {
  for (const key of Object.keys(raw)) {
    if (!known.includes(key)) {
      sink.warning(
        V.ignored,
        [...path, key],
        `unknown field "${key}" is ignored (known fields: ${known.join(', ')})`,
      );
    }
  }
}
