/**
 * Parsing a multi-document text one document at a time, with a cache keyed by each
 * document's own text: after a keystroke, only the document that changed is parsed
 * again (at 1,000 pods a full re-parse costs ~190 ms, one document well under 1 ms).
 * Node ranges and error positions stay relative to each document's chunk (shifting every
 * later document after an edit near the top cost a second at 5,000 pods): `offsets` says
 * where each document's chunk starts, and callers add it (see `SourceMap`).
 *
 * When many documents are new (a file opened or pasted), a plain document is read by the
 * fast reader (`fastDocument.ts`, values only) and its syntax tree is built when first asked
 * for (a hover, a diagnostic in it), so opening 5,000 pods no longer waits for 5,000 trees.
 */
import { LineCounter, parseAllDocuments } from 'yaml';
import type { Document, DocumentOptions, ParseOptions, SchemaOptions, YAMLError } from 'yaml';
import { readFast } from './fastDocument';

type Options = ParseOptions & DocumentOptions & SchemaOptions;

/** A place to keep a document's `toJS` result between parses (the document text is the key). */
export interface ValueSlot {
  filled: boolean;
  value?: unknown;
  error?: string;
}

/** One document, as `yaml` reads it; ranges relative to its chunk. */
export interface ParsedDocument {
  /** As `Document.range`: [start, end of the value, end of the document]. */
  readonly range: readonly [number, number, number];
  /** Where the content starts (`contents.range[0]`); null for an empty document. */
  readonly contentStart: number | null;
  readonly errors: readonly YAMLError[];
  readonly warnings: readonly YAMLError[];
  /** The syntax tree (built on first use for a document the fast reader read). */
  tree(): Document.Parsed;
  /** Its value, once computed. */
  readonly slot: ValueSlot;
}

/** A document `yaml` has parsed already. */
export function parsedDocument(doc: Document.Parsed): ParsedDocument {
  return {
    range: doc.range,
    contentStart: doc.contents === null ? null : (doc.contents.range?.[0] ?? doc.range[0]),
    errors: doc.errors,
    warnings: doc.warnings,
    tree: () => doc,
    slot: { filled: false },
  };
}

/** Chunks parsed by an earlier call; pass the same object to every call for one text stream. */
export class DocumentCache {
  entries = new Map<string, ParsedDocument[]>();
}

const DOCUMENT_START = /^---(?=[ \t]|\r?\n|$)/gm;
const UNSPLITTABLE = /^(\.\.\.(?=[ \t]|\r?\n|$)|%)/m;

/** Offsets where each chunk starts: 0, then every `---` line. */
function chunkStarts(text: string): number[] {
  const starts = [0];
  for (const match of text.matchAll(DOCUMENT_START)) if (match.index > 0) starts.push(match.index);
  return starts;
}

/** Fewer new documents than this (typing, a canvas edit) are all read by `yaml`. */
const BULK = 16;

function parseChunk(chunk: string, options: Options, bulk: boolean): ParsedDocument[] {
  const fast = bulk ? readFast(chunk) : null;
  if (fast) {
    let parsed: Document.Parsed | undefined;
    const tree = () =>
      (parsed ??= (parseAllDocuments(chunk, options) as Document.Parsed[])[0] as Document.Parsed);
    const known = fast.range;
    return [
      {
        // Where the text does not settle the document's ends, its tree does (on first use).
        get range() {
          return known ?? tree().range;
        },
        contentStart: fast.contentStart,
        errors: [],
        warnings: [],
        tree,
        slot: { filled: true, value: fast.value },
      },
    ];
  }
  const parsed = parseAllDocuments(chunk, options);
  return (Array.isArray(parsed) ? parsed : []).map((doc) => parsedDocument(doc));
}

/**
 * The documents of `text`, as `parseAllDocuments(text, options)` gives them but with ranges
 * relative to `offsets[i]` (the start of document i's chunk) and a line counter over the
 * whole text.
 */
export function parseIncrementally(
  text: string,
  options: Options,
  cache: DocumentCache,
): { docs: ParsedDocument[]; offsets: number[]; lineCounter: LineCounter } {
  const lineCounter = new LineCounter();
  lineCounter.addNewLine(0);
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineCounter.addNewLine(i + 1);
  if (UNSPLITTABLE.test(text)) {
    const docs = parseAllDocuments(text, options);
    const list = Array.isArray(docs) ? docs : [];
    return { docs: list.map((doc) => parsedDocument(doc)), offsets: list.map(() => 0), lineCounter };
  }
  const starts = chunkStarts(text);
  const chunks = starts.map((start, i) => text.slice(start, starts[i + 1] ?? text.length));
  // Opening or pasting many documents reads them the fast way; what a person types, and
  // the damaged text on the way, is read by `yaml` alone.
  let missing = 0;
  for (const chunk of chunks) if (!cache.entries.has(chunk) && ++missing >= BULK) break;
  const bulk = missing >= BULK;
  const next = new Map<string, ParsedDocument[]>();
  const docs: ParsedDocument[] = [];
  const offsets: number[] = [];
  chunks.forEach((chunk, i) => {
    const entry = next.get(chunk) ?? cache.entries.get(chunk) ?? parseChunk(chunk, options, bulk);
    next.set(chunk, entry);
    docs.push(...entry);
    offsets.push(...entry.map(() => starts[i] ?? 0));
  });
  cache.entries = next;
  return { docs, offsets, lineCounter };
}
