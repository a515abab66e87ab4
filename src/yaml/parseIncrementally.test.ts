import { describe, expect, it } from 'vitest';
import { DocumentCache } from './parseIncrementally';
import { readManifests } from './readManifests';
import { SourceMap } from './sourceMap';

const DEMO_WORKSPACE = `# A small workspace.
apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
apiVersion: v1
kind: Namespace
metadata:
  name: data
---
apiVersion: v1
kind: Namespace
metadata:
  name: monitoring
---
# The storefront
apiVersion: v1
kind: Pod
metadata:
  name: api
  namespace: shop
  labels: {app: api}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-api-from-web
  namespace: shop
spec:
  podSelector:
    matchLabels:
      app: api
  ingress:
    - from:
        - podSelector:
            matchLabels:
              app: web
`;

/** Everything a caller can see of a read, with document ranges. */
function observable(text: string, cache?: DocumentCache) {
  const read = readManifests(text, undefined, cache);
  const map = new SourceMap(text, read.documents, read.documentOffsets, read.documentChunks);
  return {
    objects: read.objects,
    diagnostics: read.diagnostics,
    documentCount: read.documentCount,
    // A field near the end: its document's chunk starts far into the text.
    pathAtEnd: map.pathAt(text.lastIndexOf('app: web') + 6),
    ranges: (read.documents ?? []).map((d, i) => [
      d.range.map((x) => x + (read.documentOffsets?.[i] ?? 0)),
      map.documentRange(i),
      map.locate(i, ['metadata', 'name']),
    ]),
  };
}

const edits: ((t: string) => string)[] = [
  (t) => t,
  (t) => t.replace('  name: api\n', '  name: api2\n'),
  (t) =>
    t.replace(
      'kind: Namespace\nmetadata:\n  name: data\n',
      'kind: Namespace\nmetadata:\n  name: data\n  labels: {x: y}\n',
    ),
  (t) => `# a header comment\n${t}`,
  (t) =>
    t.replace(
      '---\n# The storefront',
      '---\nkind: Namespace\nmetadata:\n  name: inserted\n---\n# The storefront',
    ),
  (t) => t.replace('  name: allow-api-from-web\n', '  name: allow-api-from-web\n  : : [\n'),
  (t) => t.replace('  name: allow-api-from-web\n  : : [\n', '  name: allow-api-from-web\n'),
  (t) =>
    `${t}---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: data\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: data\n`,
  (t) => `${t}---\n`,
  (t) => t.replace(/---\napiVersion: v1\nkind: Namespace\nmetadata:\n {2}name: monitoring\n/, ''),
  (t) => t.replace(/\n/g, '\r\n'),
];

describe('parseIncrementally', () => {
  it('reads exactly what a whole-text parse reads, edit after edit, with one cache', () => {
    const cache = new DocumentCache();
    let text = DEMO_WORKSPACE;
    for (const edit of edits) {
      text = edit(text);
      expect(observable(text, cache)).toEqual(observable(text));
    }
  });

  it('parses only the document that changed', () => {
    const cache = new DocumentCache();
    const first = readManifests(DEMO_WORKSPACE, undefined, cache);
    const second = readManifests(DEMO_WORKSPACE.replace('  name: api\n', '  name: api2\n'), undefined, cache);
    const unchanged = second.objects.filter((o, i) => o.object === first.objects[i]?.object);
    expect(unchanged.length).toBe(first.objects.length - 1);
  });

  it('reads what a whole-text parse reads after random edits, markers and line breaks included', () => {
    let seed = 11;
    const next = (below: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return Math.floor((seed / 2147483648) * below);
    };
    const pieces = [
      '---\n',
      '--- # c\n',
      '---x\n',
      '\n',
      'a: 1\n',
      'kind: Pod\n',
      '  b: [1,\n',
      '- x\n',
      '...\n',
      '%',
      '#',
      ' ',
    ];
    const cache = new DocumentCache();
    // The same edits told to a second cache as the worker tells them (what each kept), and to a
    // third with what each inserted too (the parse then reads the edit, not the text).
    const told = new DocumentCache();
    const exact = new DocumentCache();
    let text = DEMO_WORKSPACE;
    for (let round = 0; round < 600; round++) {
      const before = text;
      const at = next(text.length + 1);
      let end = at;
      let insert = '';
      if (next(3) === 0 && text.length > 0) {
        end = Math.min(text.length, at + 1 + next(12));
        if (next(2) === 0) insert = pieces[next(pieces.length)] ?? '';
      } else insert = pieces[next(pieces.length)] ?? '';
      text = text.slice(0, at) + insert + text.slice(end);
      told.kept = { from: before, prefix: at, suffix: before.length - end };
      exact.kept = { ...told.kept, insert };
      // Now and then a fresh start, as when another file is opened (what is known then is
      // about another text, and must be left unused).
      if (round % 41 === 40) {
        text = DEMO_WORKSPACE;
        told.kept = { from: `${before}#`, prefix: 0, suffix: 0 };
        exact.kept = { ...told.kept, insert: text };
      }
      const whole = observable(text);
      expect(observable(text, cache)).toEqual(whole);
      expect(observable(text, told)).toEqual(whole);
      expect(observable(text, exact)).toEqual(whole);
    }
  });

  it('reads an edit it is told exactly from the last text and the insert, not from the edited text', () => {
    const cache = new DocumentCache();
    readManifests(DEMO_WORKSPACE, undefined, cache);
    const at = DEMO_WORKSPACE.indexOf('app: web') + 'app: web'.length;
    // The text says `webX`, the edit `webY`: what the parse saw is what it was told.
    const text = `${DEMO_WORKSPACE.slice(0, at)}X${DEMO_WORKSPACE.slice(at)}`;
    cache.kept = { from: DEMO_WORKSPACE, prefix: at, suffix: DEMO_WORKSPACE.length - at, insert: 'Y' };
    const read = readManifests(text, undefined, cache);
    expect(JSON.stringify(read.objects.at(-1)?.object)).toContain('"webY"');
    // Its line starts are the last text's, moved by the edit.
    cache.kept = { from: text, prefix: 0, suffix: text.length, insert: 'a: [\n\n' };
    const broken = readManifests(`a: [\n\n${text}`, undefined, cache);
    expect(broken.diagnostics[0]?.location?.line).toBeGreaterThan(1);
    expect(broken.diagnostics).toEqual(readManifests(`a: [\n\n${text}`).diagnostics);
  });

  it('reads the same text twice, an empty one too, and forgets documents the text no longer has', () => {
    const cache = new DocumentCache();
    for (const text of [DEMO_WORKSPACE, DEMO_WORKSPACE, '', '', 'a: 1\n', 'a: 1\n'])
      expect(observable(text, cache)).toEqual(observable(text));
    // Documents given ahead of a parse (an import's summary) that the text never used.
    for (let i = 0; i < 500; i++) cache.entries.set(`---\nunused: ${i}\n`, []);
    observable(`${DEMO_WORKSPACE}# edited\n`, cache);
    expect(cache.entries.size).toBeLessThan(20);
  });

  it('falls back to a whole parse for document-end markers and directives', () => {
    const text = '%YAML 1.2\n---\na: 1\n...\n---\nb: 2\n';
    expect(observable(text, new DocumentCache())).toEqual(observable(text));
  });
});
