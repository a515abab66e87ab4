import type { LineCounter, YAMLError } from 'yaml';
import { DocumentCache, parseIncrementally } from './parseIncrementally';
import type { ParsedDocument } from './parseIncrementally';
import type { Diagnostic, ManifestObject, TextLocation } from '../engine';
import { unwrapLists } from '../engine';

/** Largest text accepted (characters); larger input is refused with a diagnostic. */
export const MAX_MANIFEST_CHARS = 16 * 1024 * 1024;

/** Most alias expansions per document (guards against "billion laughs" YAML). */
const MAX_ALIAS_COUNT = 100;

/** The objects found in manifest text, and what went wrong while reading it. */
export type ReadManifestsResult = {
  objects: ManifestObject[];
  diagnostics: Diagnostic[];
  /** Number of YAML documents in the text (0 when refused or empty). */
  documentCount?: number;
  /** The parsed documents, for a source map over the same parse (not serialisable). */
  documents?: ParsedDocument[];
  /** Where each document's ranges start in the text (they are relative to it). */
  documentOffsets?: number[];
  /** The text of each document's chunk, which starts at its offset. */
  documentChunks?: string[];
};

/**
 * Reads multi-document YAML or JSON as `kubectl apply -f` accepts it. Each object keeps its
 * document index and the character range `[start, end)` of its document; `List` /
 * `NetworkPolicyList` / any `*List` wrappers are unwrapped (items get `objectPath`
 * `['items', i]`), as is a top-level JSON/YAML array. Syntax errors become diagnostics with
 * line and column and their document is skipped; binary or oversized input gives one clear
 * diagnostic. Never throws.
 */
export function readManifests(
  text: string,
  fileName?: string,
  cache: DocumentCache = new DocumentCache(),
): ReadManifestsResult {
  const file = fileName === undefined ? {} : { fileName };
  const refuse = (code: string, message: string): ReadManifestsResult => ({
    objects: [],
    diagnostics: [{ severity: 'error', code, message, path: [], source: { documentIndex: 0, ...file } }],
  });
  if (text.length > MAX_MANIFEST_CHARS) {
    return refuse(
      'input-too-large',
      `input is ${text.length} characters; the limit is ${MAX_MANIFEST_CHARS} (16 MiB)`,
    );
  }
  // After an edit past the sample of a text already read, the sample is the same: not read
  // again (reading the edited text would copy it whole first, see `parseIncrementally`).
  const sampleKept =
    cache.last !== null && cache.kept?.from === cache.last.text && cache.kept.prefix >= SAMPLE;
  if (!sampleKept && looksBinary(text))
    return refuse('input-binary', 'input looks like binary data, not YAML or JSON text');

  const diagnostics: Diagnostic[] = [];
  const objects: ManifestObject[] = [];
  let list: ParsedDocument[];
  let lineCounter: LineCounter;
  let offsets: number[];
  let chunks: string[];
  try {
    // Merge keys (`<<: *anchor`) as Kubernetes' YAML reader has them. YAML 1.2 scalars otherwise:
    // the 1.1 schema's sexagesimal and octal numbers would misread values the API server reads as strings.
    const options = { uniqueKeys: true, prettyErrors: false, merge: true };
    ({ docs: list, offsets, chunks, lineCounter } = parseIncrementally(text, options, cache));
  } catch (e) {
    return refuse('yaml-syntax', `cannot parse: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (list.length === 0)
    return { objects, diagnostics, documentCount: 0, documents: [], documentOffsets: [], documentChunks: [] };
  // Once per document at every keystroke (5,000 at 5,000 pods): nothing made that a clean
  // document does not need.
  list.forEach((doc, documentIndex) => {
    const source = fileName === undefined ? { documentIndex } : { documentIndex, fileName };
    const offset = offsets[documentIndex] ?? 0;
    if (doc.errors.length > 0 || doc.warnings.length > 0) {
      const toDiagnostic = (e: YAMLError, severity: 'error' | 'warning'): Diagnostic => ({
        severity,
        code: severity === 'error' ? 'yaml-syntax' : 'yaml-warning',
        message: e.message.split('\n')[0] ?? e.message,
        path: [],
        source,
        location: locationOf(e, lineCounter, offset),
      });
      for (const e of doc.errors) diagnostics.push(toDiagnostic(e, 'error'));
      for (const e of doc.warnings) diagnostics.push(toDiagnostic(e, 'warning'));
    }
    if (doc.errors.length > 0 || doc.contentStart === null) return;
    // A document whose text did not change keeps its value from the last parse.
    const slot = doc.slot;
    if (!slot.filled) {
      try {
        slot.value = doc.tree().toJS({ maxAliasCount: MAX_ALIAS_COUNT });
      } catch (e) {
        slot.error = e instanceof Error ? e.message : String(e);
      }
      slot.filled = true;
    }
    if (slot.error !== undefined) {
      diagnostics.push({ severity: 'error', code: 'yaml-syntax', message: slot.error, path: [], source });
      return;
    }
    // A document read before at the same index gives the same objects (made once, not at
    // every keystroke for each of 5,000 documents).
    const before = slot.read;
    if (before?.documentIndex === documentIndex && before.fileName === fileName) {
      for (const object of before.objects) objects.push(object);
      return;
    }
    const value = slot.value;
    const own: ManifestObject[] = [];
    if (Array.isArray(value))
      value.forEach((item, i) => own.push({ object: item, source: { ...source, objectPath: [i] } }));
    else if (value !== null && value !== undefined) own.push({ object: value, source });
    const read = unwrapLists(own);
    slot.read = { documentIndex, fileName, objects: read };
    for (const object of read) objects.push(object);
  });
  return {
    objects,
    diagnostics,
    documentCount: list.length,
    documents: list,
    documentOffsets: offsets,
    documentChunks: chunks,
  };
}

function locationOf(e: YAMLError, lineCounter: LineCounter, offset: number): TextLocation {
  const start = e.pos[0] + offset;
  const end = e.pos[1] + offset;
  const { line, col } = lineCounter.linePos(start);
  return { line, column: col, offset: start, length: Math.max(0, end - start) };
}

/** How many characters at the start of a text tell whether it is binary. */
const SAMPLE = 8192;

/** NUL characters, or many undecodable bytes, mean this is not text. */
export function looksBinary(text: string): boolean {
  const sample = text.slice(0, SAMPLE);
  if (sample.includes('\u0000')) return true;
  let bad = 0;
  for (const ch of sample)
    if (ch === '\uFFFD' || (ch < ' ' && ch !== '\n' && ch !== '\r' && ch !== '\t')) bad++;
  return sample.length > 0 && bad / sample.length > 0.1;
}
