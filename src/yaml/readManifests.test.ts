import { describe, expect, it } from 'vitest';
import { MAX_MANIFEST_CHARS, readManifests } from './readManifests';

describe('readManifests', () => {
  it('reads multi-document YAML, keeping document index and where each document is', () => {
    const text =
      'kind: Namespace\nmetadata: {name: a}\n---\n# only a comment\n---\nkind: Pod\nmetadata: {name: p}\n';
    const r = readManifests(text, 'f.yaml');
    expect(r.diagnostics).toEqual([]);
    expect(
      r.objects.map((o) => [(o.object as { kind: string }).kind, o.source.documentIndex, o.source.fileName]),
    ).toEqual([
      ['Namespace', 0, 'f.yaml'],
      ['Pod', 2, 'f.yaml'],
    ]);
    const pod = r.documents?.[2];
    const offset = r.documentOffsets?.[2] ?? 0;
    expect(text.slice(offset + (pod?.range[0] ?? 0), offset + (pod?.range[2] ?? 0))).toContain('kind: Pod');
  });

  it('reads JSON, a top-level array and List wrappers', () => {
    const json = JSON.stringify({
      kind: 'List',
      items: [
        { kind: 'Pod', metadata: { name: 'a' } },
        { kind: 'NetworkPolicyList', items: [{ kind: 'NetworkPolicy' }] },
      ],
    });
    expect(
      readManifests(json).objects.map((o) => [(o.object as { kind: string }).kind, o.source.objectPath]),
    ).toEqual([
      ['Pod', ['items', 0]],
      ['NetworkPolicy', ['items', 1, 'items', 0]],
    ]);
    expect(
      readManifests('[{"kind": "Pod"}, {"kind": "Node"}]').objects.map((o) => o.source.objectPath),
    ).toEqual([[0], [1]]);
  });

  it.each([
    ['unclosed flow mapping', 'kind: Pod\nmetadata: {name: a\n', undefined],
    ['bad indentation', 'kind: Pod\n metadata:\n   name: a\n  labels: x\n', undefined],
    ['duplicate keys', 'kind: Pod\nkind: Node\n', 2],
    ['tab indentation', 'kind: Pod\nmetadata:\n\tname: a\n', 3],
  ])('turns a syntax error (%s) into a diagnostic with line and column', (_d, text, line) => {
    const r = readManifests(text);
    const d = r.diagnostics.find((x) => x.code === 'yaml-syntax');
    expect(d).toBeDefined();
    expect(d?.location?.line).toBeGreaterThan(0);
    if (line !== undefined) expect(d?.location?.line).toBe(line);
    expect(r.objects).toEqual([]);
  });

  it('keeps the good documents when one document is broken', () => {
    const r = readManifests('kind: Pod\nmetadata: {name: a}\n---\nkind: [\n---\nkind: Node\n');
    expect(r.objects.map((o) => o.source.documentIndex)).toEqual([0, 2]);
    expect(r.diagnostics.every((d) => d.source?.documentIndex === 1)).toBe(true);
  });

  it.each([
    ['binary', 'abc\u0000def', 'input-binary'],
    ['huge', 'x'.repeat(MAX_MANIFEST_CHARS + 1), 'input-too-large'],
  ])('refuses %s input with one clear diagnostic', (_d, text, code) => {
    const r = readManifests(text);
    expect(r.objects).toEqual([]);
    expect(r.diagnostics.map((d) => d.code)).toEqual([code]);
  });

  it('guards against alias bombs', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
    ].join('\n');
    expect(() => readManifests(bomb)).not.toThrow();
    expect(readManifests(bomb).diagnostics.length).toBeGreaterThan(0);
  });

  it.each([[''], ['\n\n'], ['---\n---\n'], ['# nothing\n']])('reads empty input %j as no objects', (text) => {
    const { objects, diagnostics } = readManifests(text);
    expect({ objects, diagnostics }).toEqual({ objects: [], diagnostics: [] });
  });

  it('expands merge keys as Kubernetes does', () => {
    const text =
      'kind: List\nitems:\n- kind: Pod\n  metadata: {name: a, labels: &l {app: a}}\n- kind: Pod\n  metadata: {name: b, labels: {<<: *l, tier: x}}\n';
    const labels = readManifests(text).objects.map(
      (o) => (o.object as { metadata: { labels: unknown } }).metadata.labels,
    );
    expect(labels).toEqual([{ app: 'a' }, { app: 'a', tier: 'x' }]);
  });
});
