/**
 * Minimal text edits on a multi-document YAML workspace. Each function returns one
 * `TextChange` (a replaced span), never a re-printed file: only the node that changes
 * is printed again, at the indentation it lives at, so the user's comments, key order,
 * quoting, blank lines and sequence style everywhere else stay byte for byte.
 */
import { isCollection, isMap, isPair, isScalar, isSeq, parseAllDocuments, stringify } from 'yaml';
import type { Document, Node, Pair, YAMLMap, YAMLSeq } from 'yaml';
import { columnOf, endOfLine, lineStartOf, sharedEnds, trimEnd } from './textOffsets';

/** A path into one document: map keys and sequence indexes. */
export type YamlPath = readonly (string | number)[];

/** Replace `text.slice(start, end)` with `text`. */
export interface TextChange {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** Applies a change to a text. */
export function applyChange(text: string, change: TextChange): string {
  return text.slice(0, change.start) + change.text + text.slice(change.end);
}

/** Applies changes in order, each to the text the previous one left. */
export function applyChanges(text: string, changes: readonly TextChange[]): string {
  return changes.reduce(applyChange, text);
}

/**
 * The one change that turns `before` into `after`: their common start and end are kept
 * (for whole-text replacements: an import, a lesson step, another tab's save).
 */
export function changeBetween(before: string, after: string): TextChange {
  const { prefix, suffix } = sharedEnds(before, after);
  return { start: prefix, end: before.length - suffix, text: after.slice(prefix, after.length - suffix) };
}

/** The documents of a text, as the `yaml` package parses them (an empty text has none). */
export function parseDocuments(text: string): Document.Parsed[] {
  const docs = parseAllDocuments(text);
  return Array.isArray(docs) ? docs : [];
}

/**
 * Why document `documentIndex` cannot be edited safely (`line N: message` of its first YAML
 * error), or null. The model may still show the document's last good version, but an
 * edit at its paths would land in text that no longer has them.
 */
export function documentProblem(text: string, documentIndex: number): string | null {
  const error = parseDocuments(text)[documentIndex]?.errors[0];
  if (!error) return null;
  const line = error.linePos?.[0].line;
  return `${line === undefined ? '' : `line ${line}: `}${error.message.split('\n')[0] ?? ''}`;
}

/**
 * Sets `path` in document `documentIndex` to `value` (plain JSON data). Missing maps on
 * the way are created. Returns null when the document or a non-map ancestor is missing.
 */
export function setIn(
  text: string,
  documentIndex: number,
  path: YamlPath,
  value: unknown,
): TextChange | null {
  const doc = parseDocuments(text)[documentIndex];
  // A document with YAML errors is never edited: its nodes are not where its text is.
  if (!doc || doc.errors.length > 0 || path.length === 0) return null;
  const style = documentStyle(text, doc);
  const found = walk(doc, path);
  if (found.depth === path.length) return replaceNode(text, found.parentPair, found.node, value, style);
  // Create the missing part under the deepest node that exists.
  const rest = path.slice(found.depth);
  const nested = rest.slice(1).reduceRight<unknown>((acc, key) => ({ [String(key)]: acc }), value);
  const key = rest[0];
  if (typeof key !== 'string') return null;
  const parent = found.node;
  if (isMap(parent) && !parent.flow && parent.items.length > 0) {
    return insertPair(text, parent, key, nested, style);
  }
  if (
    parent === null ||
    parent === undefined ||
    isScalarNull(parent) ||
    (isMap(parent) && parent.items.length === 0)
  ) {
    return replaceNode(text, found.parentPair, parent ?? null, { [key]: nested }, style);
  }
  if (isMap(parent)) {
    const merged = { ...(parent.toJSON() as Record<string, unknown>), [key]: nested };
    return replaceNode(text, found.parentPair, parent, merged, style);
  }
  return null;
}

/** Whether `path` in document `documentIndex` holds a sequence with at least one item. */
export function hasItems(text: string, documentIndex: number, path: YamlPath): boolean {
  const node = parseDocuments(text)[documentIndex]?.getIn(path, true);
  return isSeq(node) && node.items.length > 0;
}

/**
 * Appends `value` to the sequence at `path` (created when missing), after its last item
 * and at its indentation, so the items above stay byte for byte.
 */
export function appendIn(
  text: string,
  documentIndex: number,
  path: YamlPath,
  value: unknown,
): TextChange | null {
  const doc = parseDocuments(text)[documentIndex];
  if (!doc || doc.errors.length > 0 || path.length === 0) return null;
  const found = walk(doc, path);
  if (
    found.depth !== path.length ||
    found.node === null ||
    found.node === undefined ||
    isScalarNull(found.node)
  ) {
    return setIn(text, documentIndex, path, [value]);
  }
  const seq = found.node;
  if (!isSeq(seq)) return null;
  const style = documentStyle(text, doc);
  const last = seq.items[seq.items.length - 1] as Node | undefined;
  if (seq.flow || !last?.range) {
    return replaceNode(text, found.parentPair, seq, [...seq.toJSON(), value], style);
  }
  // The new item goes at the column of the last item's dash (which may stand alone on the
  // line above its content: `-` then an indented mapping).
  const dashColumn = dashColumnOf(text, last.range[0]);
  const at = endOfLine(text, trimEnd(text, last.range[1]));
  const isBlock = typeof value === 'object' && value !== null && !isEmptyCollection(value);
  const body = isBlock
    ? printBlock(value, dashColumn + 2, style).slice(dashColumn + 2)
    : printScalar(value, null);
  return { start: at, end: at, text: `\n${' '.repeat(dashColumn)}- ${body}` };
}

/** Removes the pair or sequence item at `path`. An emptied map or sequence becomes `{}` or `[]`. */
export function deleteIn(text: string, documentIndex: number, path: YamlPath): TextChange | null {
  const doc = parseDocuments(text)[documentIndex];
  if (!doc || doc.errors.length > 0 || path.length === 0) return null;
  const parentFound = walk(doc, path.slice(0, -1));
  if (parentFound.depth !== path.length - 1) return null;
  const parent = parentFound.node;
  const last = path[path.length - 1];
  if (!isCollection(parent)) return null;
  const index = isMap(parent)
    ? parent.items.findIndex((p) => isScalar(p.key) && p.key.value === last)
    : typeof last === 'number' && last < parent.items.length
      ? last
      : -1;
  if (index < 0) return null;
  if (parent.items.length === 1 || parent.flow) {
    const remaining = parent.toJSON() as Record<string, unknown> | unknown[];
    if (Array.isArray(remaining)) remaining.splice(index, 1);
    else delete remaining[String(last)];
    return replaceNode(text, parentFound.parentPair, parent, remaining, documentStyle(text, doc));
  }
  const item = parent.items[index] as Pair | Node;
  const [start, end] = itemSpan(item);
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const lineEnd = endOfLine(text, trimEnd(text, end));
  return { start: lineStart, end: Math.min(text.length, lineEnd + 1), text: '' };
}

/** Appends a new document holding `value`, after a `---` separator when needed. */
export function appendDocument(text: string, value: unknown, comment?: string): TextChange {
  return appendYaml(text, stringify(value, STRINGIFY), comment);
}

/**
 * Appends YAML already printed (one or more documents) after the last document, under
 * `comment` (each line prefixed with `# `), with a `---` marker unless the text ends with one.
 */
export function appendYaml(text: string, yaml: string, comment?: string): TextChange {
  const body = yaml.endsWith('\n') ? yaml : `${yaml}\n`;
  const head = comment
    ? `${comment
        .split('\n')
        .map((l) => `# ${l}`)
        .join('\n')}\n`
    : '';
  if (text.trim() === '') return { start: 0, end: text.length, text: head + body };
  const sep = text.endsWith('\n') ? '' : '\n';
  const marker = /(^|\n)---\s*$/.test(text) ? '' : '---\n';
  return { start: text.length, end: text.length, text: `${sep}${marker}${head}${body}` };
}

/** Removes document `documentIndex` with its `---` marker; comments above the first document stay. */
export function removeDocument(text: string, documentIndex: number): TextChange | null {
  const docs = parseDocuments(text);
  const doc = docs[documentIndex];
  if (!doc) return null;
  const start = documentIndex === 0 ? doc.range[0] : lineStartOf(text, doc.range[0]);
  const next = docs[documentIndex + 1];
  const end = next ? lineStartOf(text, next.range[0]) : text.length;
  if (documentIndex === 0 && next) {
    // The next document keeps its own `---`; drop it so the first document stays marker-free.
    const markerEnd = text.startsWith('---', end) ? endOfLine(text, end) + 1 : end;
    return { start, end: markerEnd, text: '' };
  }
  if (!next && documentIndex > 0) {
    // Trailing document: also drop the newline that separated it from the previous one.
    return { start: Math.max(0, start), end, text: '' };
  }
  return { start, end, text: '' };
}

// ---------------------------------------------------------------------------------------

/**
 * How new nodes are printed. `aliasDuplicateObjects: false`: a command may pass the same
 * JS object twice (a Deployment's `selector.matchLabels` and its template labels), and
 * the `yaml` package would otherwise print it once as `&a1` and then as `*a1`, which
 * nobody writes in a manifest (and `kubectl` users would not expect).
 */
const STRINGIFY = {
  lineWidth: 0,
  minContentWidth: 0,
  flowCollectionPadding: false,
  aliasDuplicateObjects: false,
} as const;

interface Style {
  /** Whether block sequences are indented under their key (`key:\n  - a`) or not (`key:\n- a`). */
  indentSeq: boolean;
  indent: number;
}

interface Found {
  node: Node | null | undefined;
  parentPair: Pair | null;
  depth: number;
}

function walk(doc: Document.Parsed, path: YamlPath): Found {
  let node = doc.contents as Node | null;
  let parentPair: Pair | null = null;
  let depth = 0;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && p.key.value === key);
      if (!pair) break;
      parentPair = pair;
      node = pair.value as Node | null;
    } else if (isSeq(node) && typeof key === 'number' && key < node.items.length) {
      parentPair = null;
      node = node.items[key] as Node;
    } else {
      break;
    }
    depth++;
  }
  return { node, parentPair, depth };
}

function isScalarNull(node: unknown): boolean {
  return isScalar(node) && node.value === null;
}

function documentStyle(text: string, doc: Document.Parsed): Style {
  let indentSeq = true;
  let decided = false;
  const visit = (node: unknown, keyColumn: number): void => {
    if (decided) return;
    if (isMap(node)) {
      for (const pair of node.items) {
        const column = isScalar(pair.key) && pair.key.range ? columnOf(text, pair.key.range[0]) : keyColumn;
        const value = pair.value;
        if (isSeq(value) && !value.flow && value.range) {
          indentSeq = columnOf(text, value.range[0]) > column;
          decided = true;
          return;
        }
        visit(value, column);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) visit(item, keyColumn);
    }
  };
  visit(doc.contents, 0);
  return { indentSeq, indent: 2 };
}

function isEmptyCollection(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Object.keys(value).length === 0;
}

/** `value` printed as a block at `indent` spaces; each line but the first is indented. */
function printBlock(value: unknown, indent: number, style: Style): string {
  const printed = stringify(value, { ...STRINGIFY, indentSeq: style.indentSeq }).replace(/\n$/, '');
  const pad = ' '.repeat(indent);
  return printed
    .split('\n')
    .map((line) => (line === '' ? line : pad + line))
    .join('\n');
}

function printScalar(value: unknown, original: Node | null | undefined): string {
  if (typeof value === 'string' && isScalar(original)) {
    if (original.type === 'QUOTE_DOUBLE') return JSON.stringify(value);
    if (original.type === 'QUOTE_SINGLE') return `'${value.replace(/'/g, "''")}'`;
  }
  return stringify(value, STRINGIFY).replace(/\n$/, '');
}

/** Replaces the value of `pair` (or the sequence item `node`) with `value`. */
function replaceNode(
  text: string,
  pair: Pair | null,
  node: Node | null | undefined,
  value: unknown,
  style: Style,
): TextChange | null {
  const inline = typeof value !== 'object' || value === null || isEmptyCollection(value);
  if (pair && isScalar(pair.key) && pair.key.range) {
    const keyColumn = columnOf(text, pair.key.range[0]);
    const colon = text.indexOf(':', pair.key.range[1]);
    if (colon < 0) return null;
    // Keep a comment written after `key:` on the same line.
    const afterColon = text.slice(colon + 1, endOfLine(text, colon));
    const commentAt = afterColon.search(/\s#/);
    const valueStart = node?.range ? node.range[0] : colon + 1;
    const valueEnd = node?.range ? node.range[1] : colon + 1;
    const start =
      commentAt >= 0 && (!node?.range || valueStart > endOfLine(text, colon))
        ? endOfLine(text, colon)
        : colon + 1;
    const end = Math.max(start, trimEnd(text, valueEnd));
    if (inline) return { start, end, text: ` ${printScalar(value, node)}` };
    const childIndent = Array.isArray(value) && !style.indentSeq ? keyColumn : keyColumn + style.indent;
    return { start, end, text: `\n${printBlock(value, childIndent, style)}` };
  }
  if (node?.range) {
    const start = node.range[0];
    const end = trimEnd(text, node.range[1]);
    if (inline) return { start, end, text: printScalar(value, node) };
    const column = columnOf(text, start);
    const block = printBlock(value, column, style).slice(column);
    return { start, end, text: block };
  }
  return null;
}

/** Adds `key: value` as the last pair of a block map. */
function insertPair(
  text: string,
  map: YAMLMap,
  key: string,
  value: unknown,
  style: Style,
): TextChange | null {
  const first = map.items[0];
  const last = map.items[map.items.length - 1];
  if (!first || !isScalar(first.key) || !first.key.range || !last) return null;
  const column = keyColumnOf(text, first.key.range[0]);
  const [, lastEnd] = itemSpan(last);
  const at = endOfLine(text, trimEnd(text, lastEnd));
  const keyText = stringify(key, STRINGIFY).replace(/\n$/, '');
  const inline = typeof value !== 'object' || value === null || isEmptyCollection(value);
  const body = inline
    ? ` ${printScalar(value, null)}`
    : `\n${printBlock(value, Array.isArray(value) && !style.indentSeq ? column : column + style.indent, style)}`;
  return { start: at, end: at, text: `\n${' '.repeat(column)}${keyText}:${body}` };
}

/** Start and end offsets of a pair or sequence item, trailing blank space excluded. */
function itemSpan(item: Pair | Node | YAMLSeq): [number, number] {
  if (isPair(item)) {
    const key = item.key as Node | null;
    const value = item.value as Node | null;
    const start = key?.range?.[0] ?? value?.range?.[0] ?? 0;
    const end = value?.range?.[1] ?? key?.range?.[1] ?? start;
    return [start, end];
  }
  const range = item.range;
  return range ? [range[0], range[1]] : [0, 0];
}

/** The column of the `-` that introduces the sequence item starting at `itemStart`. */
function dashColumnOf(text: string, itemStart: number): number {
  let k = itemStart - 1;
  while (k >= 0 && /\s/.test(text[k] ?? '')) k--;
  if (text[k] === '-') return k - lineStartOf(text, k);
  return text.slice(lineStartOf(text, itemStart)).search(/\S/);
}

/**
 * The column of a block map's keys, from its first key: where that key's properties (a
 * tag such as `!!str`, an anchor) begin, since the key node's range starts after them.
 */
function keyColumnOf(text: string, keyStart: number): number {
  const prefix = text.slice(lineStartOf(text, keyStart), keyStart);
  const props = /(?:[!&]\S*\s+)+$/.exec(prefix);
  return prefix.length - (props?.[0].length ?? 0);
}
