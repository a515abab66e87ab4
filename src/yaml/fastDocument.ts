/**
 * A fast reader for the plain block-mapping documents that make up nearly every manifest.
 *
 * The `yaml` package keeps a syntax tree with the position of every node, which edits,
 * hovers and diagnostics need; it reads about 1 MB/s. js-yaml builds only the values, 10 to
 * 15 times faster (5,000 pods: ~0.2 s instead of ~2.5 s). So a document is read with js-yaml
 * first, and its tree is built with `yaml` only when something asks where a field is.
 *
 * The fast reader must give what `yaml` gives, or nothing. It takes a block mapping at
 * column 0 whose text it can vouch for (the patterns below are where the two readers' values,
 * errors or warnings were found to differ), read with the YAML 1.2 core schema exactly as
 * `yaml` resolves scalars, or a one-line JSON object (`JSON.parse`). Everything else, and
 * any document js-yaml refuses, goes to `yaml`, which then reports the errors.
 * `fastDocument.test.ts` checks both readers against each other on the project's manifests
 * and on thousands of damaged copies of them; callers use it only for many new documents at
 * once (see `parseIncrementally`), never for what a person types.
 */
import jsYaml from 'js-yaml';

/** What `yaml` would say about a document: its ranges (relative to its chunk) and its value. */
export interface FastDocument {
  /**
   * As `yaml`'s `Document.range`: [start, end of the value, end of the document]; null
   * where the text does not settle them (ask the syntax tree).
   */
  readonly range: readonly [number, number, number] | null;
  /** Where the content starts (`yaml`'s `contents.range[0]`). */
  readonly contentStart: number;
  readonly value: Record<string, unknown>;
}

/** A scalar type of the YAML 1.2 core schema, matching exactly what `yaml` matches. */
function coreScalar(tag: string, test: RegExp, construct: (source: string) => unknown): jsYaml.Type {
  return new jsYaml.Type(`tag:yaml.org,2002:${tag}`, {
    kind: 'scalar',
    resolve: (source: string | null) => source !== null && test.test(source),
    construct,
  });
}

const CORE_SCHEMA = jsYaml.FAILSAFE_SCHEMA.extend({
  implicit: [
    coreScalar('null', /^(?:~|[Nn]ull|NULL)?$/, () => null),
    coreScalar('bool', /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/, (s) => s[0] === 't' || s[0] === 'T'),
    coreScalar('int', /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/, (s) =>
      s.startsWith('0o')
        ? parseInt(s.slice(2), 8)
        : s.startsWith('0x')
          ? parseInt(s.slice(2), 16)
          : Number(s),
    ),
    coreScalar(
      'float',
      /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+|[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*))$/,
      (s) => (/nan/i.test(s) ? NaN : /inf/i.test(s) ? (s.startsWith('-') ? -Infinity : Infinity) : Number(s)),
    ),
  ],
});

/**
 * Where the two readers may differ: tags, anchors, aliases and merge keys (`!`, `&`, `*`,
 * `<<`), tabs, a carriage return alone (a line break for js-yaml only), `__proto__` keys,
 * complex keys (`? `), and a flow collection closed at the start of a line (`yaml` warns
 * when it is not indented more than its parent).
 */
const UNVOUCHED = /[!&*\t]|\r(?!\n)|<<|__proto__|^[ ]*(?:[\]}]|\?(?:[ ]|$))/m;
/** A key that is null or empty (`yaml` turns it into "", js-yaml into "null"). */
const NULL_KEY =
  /(?:^|[\s[{,])(?:~|null|Null|NULL)?[ ]*:(?:[ \r\n,\]}]|$)|[{,][ ]*(?:~|null|Null|NULL)[ ]*[},]|,[ ]*[},]/m;
/**
 * Other places where `yaml` reports an error and js-yaml reads on: a comment right after a
 * flow collection or a quoted scalar (`yaml` wants a space before it), a flow collection as
 * a key, and a second `key: ` on a line (a mapping nested in a compact one).
 */
const STRICTER = /[\]}"']#|[\]}][ ]*:(?:[ \r\n]|$)|^[^#\n]*?:[ ]+[^\s#"'[{][^\n]*?:(?:[ \r]|$)/m;

/** A line indented by an odd number of spaces. */
const ODD_INDENT = /^(?: {2})* [^ \r\n]/m;
/** An empty sequence item before a comment. */
const EMPTY_ITEM = /^[ ]*-[ ]+#/m;

/**
 * Lines where the readers' tolerance differs: a quoted scalar or a flow collection that goes
 * on to the next line, an odd indentation (js-yaml accepts some that `yaml` refuses), an
 * empty sequence item before a comment. One pass over the characters (a 9 MB file has
 * 300,000 lines).
 */
function hasUnevenLine(chunk: string): boolean {
  if (ODD_INDENT.test(chunk) || EMPTY_ITEM.test(chunk)) return true;
  // Per line: double quotes not escaped, single quotes, and bracket balances.
  let double = 0;
  let single = 0;
  let square = 0;
  let curly = 0;
  for (let i = 0; i <= chunk.length; i++) {
    const c = i < chunk.length ? chunk.charCodeAt(i) : 10;
    if (c === 10 /* \n */) {
      if (double % 2 === 1 || single % 2 === 1 || square !== 0 || curly !== 0) return true;
      double = single = square = curly = 0;
    } else if (c === 92 /* \\ */) {
      // An escaped character never ends a double-quoted scalar.
      const next = chunk.charCodeAt(i + 1);
      if (i + 1 < chunk.length && next !== 10 && next !== 13) {
        i++;
        if (next === 39) single++;
        else if (next === 91) square++;
        else if (next === 93) square--;
        else if (next === 123) curly++;
        else if (next === 125) curly--;
      }
    } else if (c === 34 /* " */) double++;
    else if (c === 39 /* ' */) single++;
    else if (c === 91 /* [ */) square++;
    else if (c === 93 /* ] */) square--;
    else if (c === 123 /* { */) curly++;
    else if (c === 125 /* } */) curly--;
  }
  return false;
}

/**
 * Flow collections the readers read differently: a collection used as a key (`{[a]: 1}`,
 * `[{a: 1}: 2]`: `yaml` writes such keys as YAML text, js-yaml as `[object Object]` or
 * `a,b`), and an entry that starts with `:` or `,` (`{"a",: 1}`, `[:1]`).
 */
function hasOddFlow(chunk: string): boolean {
  if (!chunk.includes('{') && !chunk.includes('[')) return false;
  const open: string[] = [];
  let atEntry = false;
  for (let i = 0; i < chunk.length; i++) {
    const c = chunk[i];
    if (open.length > 0 && (c === '"' || c === "'")) {
      for (i++; i < chunk.length && chunk[i] !== c; i++) if (c === '"' && chunk[i] === '\\') i++;
      atEntry = false;
    } else if (c === '{' || c === '[') {
      if (atEntry && open[open.length - 1] === '{') return true;
      open.push(c);
      atEntry = true;
    } else if (c === '}' || c === ']') {
      open.pop();
      atEntry = false;
      if (/^[ ]*:/.test(chunk.slice(i + 1, i + 40))) return true;
    } else if (open.length > 0 && (c === ',' || c === ':')) {
      if (atEntry) return true;
      atEntry = c === ',';
    } else if (c !== ' ' && c !== '\n' && c !== '\r') {
      atEntry = false;
    }
  }
  return false;
}

/**
 * A one-line JSON object, read with `JSON.parse` (JSON is YAML; with the core schema `yaml`
 * reads it to the same value). Duplicate keys, an error for `yaml`, are found by counting:
 * in valid JSON every `:` outside a string separates a key from its value.
 */
function readJson(body: string): Record<string, unknown> | null {
  const text = body.trim();
  if (!text.startsWith('{') || /[\n\r]/.test(text) || text.includes('__proto__')) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  let colons = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      for (i++; text.charCodeAt(i) !== 34; i++) if (text.charCodeAt(i) === 92 /* \\ */) i++;
    } else if (c === 58 /* : */) {
      colons++;
    }
  }
  const keys = (v: unknown): number => {
    if (v === null || typeof v !== 'object') return 0;
    if (Array.isArray(v)) return v.reduce((n: number, item) => n + keys(item), 0);
    let n = 0;
    for (const [key, item] of Object.entries(v)) {
      // `yaml` refuses implicit keys longer than 1,024 characters.
      if (key.length > 1000) return Infinity;
      n += 1 + keys(item);
    }
    return n;
  };
  return keys(value) === colons ? (value as Record<string, unknown>) : null;
}

/** A document marker line with nothing after it but spaces or a comment. */
const MARKER_LINE = /^---(?:[ ]+(?:#[^\n]*)?)?(?:\r?\n|$)/;
/** The first content line of a mapping at column 0: a plain or quoted key, or a JSON object. */
const MAP_START = /^[A-Za-z0-9_"'/.{]/;

/** The line of `text` that starts at `start`, without its line break. */
function lineAt(text: string, start: number): { line: string; end: number } {
  const newline = text.indexOf('\n', start);
  const end = newline < 0 ? text.length : newline + 1;
  return { line: text.slice(start, newline < 0 ? text.length : newline).replace(/\r$/, ''), end };
}

/**
 * The value's and the document's end as `yaml` gives them, when the last line settles them:
 * it ends with a line break and holds a value (`yaml` ends a document differently after a
 * comment, a line of spaces, an empty value `key:` or `-`, depending on what precedes them).
 */
function knownEnds(chunk: string): [number, number] | null {
  if (!chunk.endsWith('\n')) return null;
  const lastStart = chunk.lastIndexOf('\n', chunk.length - 2) + 1;
  const last = chunk.slice(lastStart).trim();
  if (last === '' || last.startsWith('#') || /(?:^-|:)$/.test(last)) return null;
  return [chunk.length, chunk.length];
}

/** Reads one chunk (an optional `---` line, then one document) the fast way, or gives up. */
export function readFast(chunk: string): FastDocument | null {
  let at = 0;
  const marker = MARKER_LINE.exec(chunk);
  if (marker) at = marker[0].length;
  else if (chunk.startsWith('---')) return null;
  // Blank and comment lines up to the content.
  let contentStart = -1;
  while (at < chunk.length && contentStart < 0) {
    const { line, end } = lineAt(chunk, at);
    const trimmed = line.trimStart();
    if (trimmed !== '' && !trimmed.startsWith('#')) {
      if (!MAP_START.test(line)) return null;
      contentStart = at;
    }
    at = end;
  }
  if (contentStart < 0) return null;
  let value: Record<string, unknown> | null = null;
  if (chunk[contentStart] === '{') {
    value = readJson(chunk.slice(contentStart));
  } else if (
    !UNVOUCHED.test(chunk) &&
    !NULL_KEY.test(chunk) &&
    !STRICTER.test(chunk) &&
    !hasUnevenLine(chunk) &&
    !hasOddFlow(chunk)
  ) {
    try {
      const loaded = jsYaml.load(chunk, { schema: CORE_SCHEMA });
      if (loaded !== null && typeof loaded === 'object' && !Array.isArray(loaded))
        value = loaded as Record<string, unknown>;
    } catch {
      // Left to `yaml`, which reports the error.
    }
  }
  if (!value) return null;
  const ends = knownEnds(chunk);
  return { range: ends && [marker ? 0 : contentStart, ends[0], ends[1]], contentStart, value };
}
