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
import { keptEnds } from './textOffsets';
import type { KeptEnds } from './textOffsets';
import { upperBound } from '../engine';
import type { ManifestObject } from '../engine';

type Options = ParseOptions & DocumentOptions & SchemaOptions;

/** A place to keep a document's `toJS` result between parses (the document text is the key). */
export interface ValueSlot {
  filled: boolean;
  value?: unknown;
  error?: string;
  /** The objects `readManifests` made of it, at that document index (and file). */
  read?: { documentIndex: number; fileName: string | undefined; objects: ManifestObject[] };
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

/** The text parsed last, by chunks (what the next parse compares its text with). */
interface LastParse {
  readonly text: string;
  readonly starts: readonly number[];
  readonly chunks: readonly string[];
  readonly docs: readonly ParsedDocument[][];
  /** Its line starts (the next text's are these, moved by the edit). */
  readonly lineStarts: readonly number[];
}

/** Chunks parsed by an earlier call; pass the same object to every call for one text stream. */
export class DocumentCache {
  /** Documents by their chunk's text (chunks of the last text, and any given ahead of a parse). */
  entries = new Map<string, ParsedDocument[]>();
  /** The last text, when it could be read chunk by chunk. */
  last: LastParse | null = null;
  /** What the caller knows of how the next text differs from the last (see {@link KeptEnds}). */
  kept: KeptEnds | null = null;
}

const DOCUMENT_START = /^---(?=[ \t]|\r?\n|$)/gm;
const UNSPLITTABLE = /^(\.\.\.(?=[ \t]|\r?\n|$)|%)/m;

/** Offsets where each chunk starts: 0, then every `---` line. */
function chunkStarts(text: string): number[] {
  const starts = [0];
  for (const match of text.matchAll(DOCUMENT_START)) if (match.index > 0) starts.push(match.index);
  return starts;
}

/**
 * How many of the last text's chunks are unchanged at the start of `text` and at its end:
 * those within the part both texts share at their start (with the `---` line after them)
 * and at their end (with the line break before them). After a keystroke in a 2 MB text the
 * chunks are then neither split by a regular expression nor looked up by their text again,
 * only the changed part between them.
 */
function unchangedEnds(last: LastParse, text: string, kept: KeptEnds | null): { head: number; tail: number } {
  const before = last.text;
  const { prefix, suffix } = keptEnds(kept, before, text);
  const n = last.chunks.length;
  if (n === 0) return { head: 0, tail: 0 };
  if (prefix === before.length && prefix === text.length) return { head: n - 1, tail: 1 };
  // Kept at the start: the chunk and the next one's `---` line (with what follows it) are
  // shared. Never the last chunk: text added at the end would join it. (Found by halving:
  // a scan of 5,000 chunks was ~2 ms of each of the first keys after a file opened.)
  const head = Math.max(0, Math.min(n - 1, upperBound(last.starts, prefix - MARKER_LINE) - 1));
  // Kept at the end: the chunk and the line break before it are shared; never chunk 0.
  const firstKeptAtEnd = upperBound(last.starts, before.length - suffix);
  const tail = Math.max(0, Math.min(n - 1 - head, n - firstKeptAtEnd));
  return { head, tail };
}

/** Characters of a `---` line that settle it is one: `---` and a space, tab or line break (`\r\n`). */
const MARKER_LINE = 5;

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
): { docs: ParsedDocument[]; offsets: number[]; chunks: string[]; lineCounter: LineCounter } {
  const last = cache.last;
  const edit = last ? exactEdit(last.text, text, cache.kept) : null;
  const kept = last ? unchangedEnds(last, text, cache.kept) : { head: 0, tail: 0 };
  cache.kept = null;
  const lineCounter = new LineCounter();
  lineCounter.lineStarts =
    last && edit ? movedLineStarts(last.lineStarts, last.text.length, edit) : lineStarts(text);
  const delta = last ? text.length - last.text.length : 0;
  // The changed part: from the end of the unchanged chunks at the start to the beginning of those at the end.
  const from = last && kept.head > 0 ? last.starts[kept.head]! : 0;
  const to = last && kept.tail > 0 ? last.starts[last.chunks.length - kept.tail]! + delta : text.length;
  const changed = last && edit ? editedPart(last.text, edit, from, to - delta) : text.slice(from, to);
  if (UNSPLITTABLE.test(changed)) {
    cache.last = null;
    const docs = parseAllDocuments(text, options);
    const list = Array.isArray(docs) ? docs : [];
    return {
      docs: list.map((doc) => parsedDocument(doc)),
      offsets: list.map(() => 0),
      chunks: list.map(() => text),
      lineCounter,
    };
  }
  const middleStarts = changed === '' ? [] : chunkStarts(changed);
  const middle = middleStarts.map((start, i) => changed.slice(start, middleStarts[i + 1] ?? changed.length));
  // Opening or pasting many documents reads them the fast way; what a person types, and
  // the damaged text on the way, is read by `yaml` alone.
  let missing = 0;
  for (const chunk of middle) if (!cache.entries.has(chunk) && ++missing >= BULK) break;
  const bulk = missing >= BULK;
  const n = last?.chunks.length ?? 0;
  const starts: number[] = [];
  const chunks: string[] = [];
  const entries: ParsedDocument[][] = [];
  for (let i = 0; i < kept.head; i++) {
    starts.push(last!.starts[i]!);
    chunks.push(last!.chunks[i]!);
    entries.push(last!.docs[i]!);
  }
  const fresh = new Map<string, ParsedDocument[]>();
  middle.forEach((chunk, i) => {
    const entry = fresh.get(chunk) ?? cache.entries.get(chunk) ?? parseChunk(chunk, options, bulk);
    fresh.set(chunk, entry);
    starts.push(from + (middleStarts[i] ?? 0));
    chunks.push(chunk);
    entries.push(entry);
  });
  for (let j = n - kept.tail; j < n; j++) {
    starts.push(last!.starts[j]! + delta);
    chunks.push(last!.chunks[j]!);
    entries.push(last!.docs[j]!);
  }
  // The documents by chunk: those of chunks no longer in the text go, the new ones come.
  if (last) for (let j = kept.head; j < n - kept.tail; j++) cache.entries.delete(last.chunks[j]!);
  else cache.entries.clear();
  // (A chunk that was also elsewhere in the text may go too: it is only parsed again if it changes.)
  for (const [chunk, entry] of fresh) cache.entries.set(chunk, entry);
  // Documents given ahead of a parse and not used (an import's summary, then cancelled) go
  // once they outnumber the text's own.
  if (cache.entries.size > 2 * chunks.length + 64)
    cache.entries = new Map(chunks.map((chunk, i) => [chunk, entries[i]!]));
  cache.last = { text, starts, chunks, docs: entries, lineStarts: lineCounter.lineStarts };
  const docs: ParsedDocument[] = [];
  const offsets: number[] = [];
  const docChunks: string[] = [];
  entries.forEach((entry, i) => {
    for (const doc of entry) {
      docs.push(doc);
      offsets.push(starts[i] ?? 0);
      docChunks.push(chunks[i]!);
    }
  });
  return { docs, offsets, chunks: docChunks, lineCounter };
}

/**
 * One edit of the last text, exactly: `text` is `before`'s first `prefix` characters,
 * `insert`, then its last `suffix`. Known from the caller (`KeptEnds.insert`), so that the
 * parse reads the changed part from `before` and `insert` and never the edited text itself:
 * its first read copies the whole of it into one string (~20 ms at 2 MB in the page's
 * worker), which the worker then does after its answer (`workerQueue.ts`).
 */
interface ExactEdit {
  readonly prefix: number;
  readonly suffix: number;
  readonly insert: string;
}

function exactEdit(before: string, text: string, kept: KeptEnds | null): ExactEdit | null {
  if (kept?.from !== before || kept.insert === undefined) return null;
  const { prefix, suffix, insert } = kept;
  const fits = prefix + suffix <= before.length && prefix + insert.length + suffix === text.length;
  return fits ? { prefix, suffix, insert } : null;
}

/** The text between `from` and the last text's offset `toBefore`, with the edit made. */
function editedPart(before: string, edit: ExactEdit, from: number, toBefore: number): string {
  const keptTail = before.length - edit.suffix;
  return before.slice(from, edit.prefix) + edit.insert + before.slice(keptTail, Math.max(keptTail, toBefore));
}

/** Offsets where each line of `text` starts. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** The last text's line starts after `edit`: those before it, the inserted lines', those after it moved. */
function movedLineStarts(before: readonly number[], length: number, edit: ExactEdit): number[] {
  const { prefix, suffix, insert } = edit;
  const delta = insert.length - (length - prefix - suffix);
  // Lines starting after a line break in the kept start stay; after one in the kept end, move.
  const keptHead = upperBound(before, prefix);
  const keptTail = upperBound(before, length - suffix);
  const starts = before.slice(0, keptHead);
  for (let i = insert.indexOf('\n'); i >= 0; i = insert.indexOf('\n', i + 1)) starts.push(prefix + i + 1);
  for (let j = keptTail; j < before.length; j++) starts.push(before[j]! + delta);
  return starts;
}
