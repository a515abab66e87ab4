/**
 * Field path -> text range, so diagnostics land on the exact field they are about and
 * the canvas can reveal an object's YAML. Paths address one document; a diagnostic
 * about an object inside a `List` prefixes its path with the object's path (`items`, i).
 */
import { isMap, isScalar, isSeq } from 'yaml';
import type { Node } from 'yaml';
import { parsedDocument } from './parseIncrementally';
import type { ParsedDocument } from './parseIncrementally';
import { parseDocuments } from './textEdits';
import type { YamlPath } from './textEdits';
import { trimEnd } from './textOffsets';

/** A span of the text: `start` inclusive, `end` exclusive offsets. */
export interface TextRange {
  readonly start: number;
  readonly end: number;
}

/** Where a path is in a document; `exact` is false when only an ancestor exists. */
export interface Located extends TextRange {
  readonly exact: boolean;
}

/** Locates `path` in document `documentIndex` of the parsed documents of `text`. */
export class SourceMap {
  private readonly docs: readonly ParsedDocument[];
  private readonly offsets: readonly number[];
  private readonly chunks: readonly string[] | undefined;

  /**
   * `documents`: the parse of `text` when the caller has one already (saves parsing twice),
   * with `offsets`, where each document's ranges start in the text (an incremental parse
   * keeps ranges relative to the document's chunk), and `chunks`, the text of each
   * document's chunk from its offset on (the map reads those, not the whole text: the
   * worker's text just edited is copied whole at its first read).
   */
  constructor(
    private readonly text: string,
    documents?: readonly ParsedDocument[],
    offsets?: readonly number[],
    chunks?: readonly string[],
  ) {
    this.docs = documents ?? parseDocuments(text).map((doc) => parsedDocument(doc));
    this.offsets = offsets ?? this.docs.map(() => 0);
    this.chunks = documents && offsets ? chunks : undefined;
  }

  /** Offset of document `i`'s ranges in the text. */
  private base(i: number): number {
    return this.offsets[i] ?? 0;
  }

  /** `end` of document `i` (relative to its chunk), moved back over whitespace; in the text. */
  private trimmed(i: number, end: number): number {
    const base = this.base(i);
    const chunk = this.chunks?.[i];
    if (chunk === undefined) return trimEnd(this.text, base + end);
    const within = trimEnd(chunk, end);
    // Whitespace up to the chunk's start: what comes before it decides.
    return within > 0 || base === 0 ? base + within : trimEnd(this.text, base);
  }

  /** Number of documents in the text. */
  get documentCount(): number {
    return this.docs.length;
  }

  /** The span of a whole document, from its first content line to its last. */
  documentRange(documentIndex: number): TextRange | null {
    const doc = this.docs[documentIndex];
    if (!doc) return null;
    const base = this.base(documentIndex);
    return {
      start: base + (doc.contentStart ?? doc.range[0]),
      end: this.trimmed(documentIndex, doc.range[1]),
    };
  }

  /** Index of the document holding `offset`, or -1. */
  documentAt(offset: number): number {
    return this.docs.findIndex((doc, i) => {
      const base = this.base(i);
      return offset >= base + doc.range[0] && offset <= base + doc.range[2];
    });
  }

  /**
   * The range of the field at `path`: a map entry spans key and value, a sequence item
   * its value. A missing field falls back to its deepest existing ancestor's key.
   */
  locate(documentIndex: number, path: YamlPath): Located | null {
    const doc = this.docs[documentIndex];
    if (!doc) return null;
    let node = doc.tree().contents as Node | null;
    const base = this.base(documentIndex);
    let range: TextRange | null = this.documentRange(documentIndex);
    let keyRange: TextRange | null = null;
    for (const segment of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
        if (!pair) return range && { ...(keyRange ?? range), exact: false };
        const key = pair.key as Node;
        const value = pair.value as Node | null;
        keyRange = key.range ? { start: base + key.range[0], end: base + key.range[1] } : null;
        const end = value?.range ? this.trimmed(documentIndex, value.range[1]) : base + (key.range?.[1] ?? 0);
        range = { start: base + (key.range?.[0] ?? 0), end };
        node = value;
      } else if (isSeq(node) && typeof segment === 'number' && segment < node.items.length) {
        const item = node.items[segment] as Node;
        range = item.range
          ? { start: base + item.range[0], end: this.trimmed(documentIndex, item.range[1]) }
          : range;
        keyRange = range;
        node = item;
      } else {
        return range && { ...(keyRange ?? range), exact: false };
      }
    }
    return range && { ...range, exact: true };
  }

  /** The path of the deepest field holding `offset` in its document, or null outside any. */
  pathAt(at: number): { documentIndex: number; path: (string | number)[] } | null {
    const documentIndex = this.documentAt(at);
    const doc = this.docs[documentIndex];
    if (!doc) return null;
    const offset = at - this.base(documentIndex);
    const path: (string | number)[] = [];
    let node = doc.tree().contents as Node | null;
    for (;;) {
      if (isMap(node)) {
        const pair = node.items.find((p) => {
          const key = p.key as Node | null;
          const value = p.value as Node | null;
          const start = key?.range?.[0] ?? value?.range?.[0];
          const end = value?.range?.[1] ?? key?.range?.[1];
          return start !== undefined && end !== undefined && offset >= start && offset <= end;
        });
        if (!pair || !isScalar(pair.key)) break;
        path.push(String(pair.key.value));
        node = pair.value as Node | null;
      } else if (isSeq(node)) {
        const index = node.items.findIndex((item) => {
          const range = (item as Node).range;
          return range !== undefined && range !== null && offset >= range[0] && offset <= range[1];
        });
        if (index < 0) break;
        path.push(index);
        node = node.items[index] as Node;
      } else {
        break;
      }
    }
    return { documentIndex, path };
  }
}
