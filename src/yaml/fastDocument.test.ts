/**
 * The fast reader against `yaml`: on every document it accepts, both must give the same
 * value, ranges and no errors or warnings. The corpus is the project's own manifests (the
 * conformance cases' policies, the examples, the browser tests' fixture) and many damaged
 * copies of their documents, the text a person has on the way to a valid document.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { readFast } from './fastDocument';
import { trimEnd } from './textOffsets';

const OPTIONS = { uniqueKeys: true, prettyErrors: false, merge: true };
const ROOT = path.resolve(__dirname, '../..');

function corpus(): string[] {
  const texts: string[] = [];
  for (const dir of ['conformance/cases/np-guard', 'conformance/cases/np-guard-tiers']) {
    for (const file of readdirSync(path.join(ROOT, dir)).filter((f) => f.endsWith('.json'))) {
      const c = JSON.parse(readFileSync(path.join(ROOT, dir, file), 'utf8')) as { policies?: string };
      if (c.policies) texts.push(c.policies);
    }
  }
  for (const file of [
    'examples/synth/shop.yaml',
    'examples/synth/intent.yaml',
    'e2e/fixtures/microservices.yaml',
  ])
    texts.push(readFileSync(path.join(ROOT, file), 'utf8'));
  // The same documents as one-line JSON, as generators and `kubectl -o json | ...` write them.
  const asJson = texts.flatMap((text) =>
    parseAllDocuments(text)
      .map((doc) => doc.toJS() as unknown)
      .filter((value) => value !== null && typeof value === 'object' && !Array.isArray(value))
      .map((value) => `---\n${JSON.stringify(value)}\n`),
  );
  return [...texts, asJson.join('')];
}

/** The chunks `parseIncrementally` gives a text to read: one per `---` line. */
function chunks(text: string): string[] {
  return text.split(/^(?=---(?:[ \t]|\r?\n|$))/m).filter((c) => c.length > 0);
}

/** Checks one chunk; returns whether the fast reader took it. */
function agrees(chunk: string): boolean {
  const fast = readFast(chunk);
  if (!fast) return false;
  const parsed = parseAllDocuments(chunk, OPTIONS);
  const docs = Array.isArray(parsed) ? parsed : [];
  expect(docs.length, chunk).toBe(1);
  const doc = docs[0];
  if (!doc) throw new Error('no document');
  expect(
    doc.errors.map((e) => e.message),
    chunk,
  ).toEqual([]);
  expect(
    doc.warnings.map((e) => e.message),
    chunk,
  ).toEqual([]);
  expect(fast.value, chunk).toStrictEqual(doc.toJS());
  expect(fast.contentStart, chunk).toBe(doc.contents?.range?.[0]);
  if (fast.range) {
    expect(fast.range[0], chunk).toBe(doc.range[0]);
    expect(fast.range[2], chunk).toBe(doc.range[2]);
    // Callers use the value's end with trailing whitespace trimmed (`SourceMap.documentRange`).
    expect(trimEnd(chunk, fast.range[1]), chunk).toBe(trimEnd(chunk, doc.range[1]));
  }
  return true;
}

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NOISE = [
  ' ',
  ':',
  '-',
  '#',
  "'",
  '"',
  '[',
  ']',
  '{',
  '}',
  ',',
  '\n',
  '|',
  '>',
  '?',
  '0',
  '.',
  'x',
  '  ',
  ': ',
  '- ',
  '\n  ',
  '"\\',
  'e5',
  '~',
  '@',
  '`',
  '%',
  '\r\n',
  '1_0',
  '0x1F',
  '.5',
  '+1',
  'null',
  'True',
  'no',
];

function damage(chunk: string, next: () => number): string {
  const at = Math.floor(next() * (chunk.length + 1));
  const lines = chunk.split('\n');
  const line = Math.floor(next() * lines.length);
  switch (Math.floor(next() * 6)) {
    case 0:
      return chunk.slice(0, at) + chunk.slice(at + 1 + Math.floor(next() * 3));
    case 1:
    case 2:
      return chunk.slice(0, at) + (NOISE[Math.floor(next() * NOISE.length)] ?? '') + chunk.slice(at);
    case 3:
      lines.splice(line, 0, lines[line] ?? '');
      return lines.join('\n');
    case 4:
      lines[line] = `  ${lines[line] ?? ''}`;
      return lines.join('\n');
    default:
      lines[line] = (lines[line] ?? '').replace(/^ {1,2}/, '');
      return lines.join('\n');
  }
}

describe('the fast reader', () => {
  const texts = corpus();

  it('reads the manifests of the project as yaml does, and takes nearly all of them', () => {
    let taken = 0;
    let total = 0;
    for (const text of texts)
      for (const chunk of chunks(text)) {
        total++;
        if (agrees(chunk)) taken++;
      }
    expect(total).toBeGreaterThan(400);
    expect(taken / total).toBeGreaterThan(0.9);
  });

  it('agrees with yaml on damaged documents, or leaves them to it', () => {
    const next = random(20261130);
    const all = texts.flatMap(chunks);
    let taken = 0;
    for (let i = 0; i < 6000; i++) {
      let chunk = all[Math.floor(next() * all.length)] ?? '';
      const times = 1 + Math.floor(next() * 3);
      for (let k = 0; k < times; k++) chunk = damage(chunk, next);
      if (agrees(chunk)) taken++;
    }
    // The comparison above is only worth something if many damaged documents are taken.
    expect(taken).toBeGreaterThan(1500);
  });

  it('resolves scalars with the YAML 1.2 core schema, as yaml does', () => {
    const scalars = [
      '1',
      '-1',
      '+1',
      '0o17',
      '0x1F',
      '017',
      '1_000',
      '0b101',
      '1e3',
      '1.5',
      '.5',
      '1.',
      '.inf',
      '-.Inf',
      '.nan',
      '.NaN',
      'null',
      'Null',
      '~',
      '',
      'true',
      'True',
      'TRUE',
      'yes',
      'no',
      'on',
      'off',
      'y',
      '2024-01-01',
      '1:20',
      '12:30:45',
      '0.1e-2',
      '9007199254740993',
      '-0',
      '0x',
      '00',
      '+.5',
      '1e',
      'NaN',
      '.NAN',
    ];
    for (const s of scalars) expect(agrees(`a: ${s}\nb: [${s}]\n`), s).toBe(true);
  });

  it('reads one-line JSON objects as yaml does', () => {
    for (const json of [
      '{"a":-0,"b":1e400,"c":1.0,"d":"\\u00e9\\/\\n","e":[null,true,false,{}],"f":-1.5e-3}',
      '{}',
      '{ "a" : [ 1 , 2 ] }',
    ])
      for (const text of [`${json}\n`, `---\n${json}\n`, `---\n# note\n${json}\n`, json])
        expect(agrees(text), text).toBe(true);
  });

  it('leaves the ends of a document to the syntax tree where the last line does not settle them', () => {
    for (const text of [
      'a:\n  b: 1\n  # trailing comment\n',
      'a:\n  b:\n# c\n',
      'a:\n  - \n',
      'a: 1\n  ',
      'a: 1',
    ])
      expect(readFast(text)?.range, text).toBeNull();
    expect(readFast('---\na: 1\n')?.range).toEqual([0, 9, 9]);
  });

  it('leaves to yaml what it cannot vouch for', () => {
    for (const text of [
      'a: &x 1\nb: *x\n',
      'a: !!str 1\n',
      'base: &b {x: 1}\nc:\n  <<: *b\n',
      '- a\n- b\n',
      'just a string\n',
      '---\n',
      '# only a comment\n',
      '--- {a: 1}\n',
      'a:\n\tb: 1\n',
      'a: [1,\n]\n',
      '? complex\n: key\n',
      'a: 1\na: 2\n',
      'null: 1\n',
      'a: {~: 1}\n',
      'a: [: ]\n',
      'a: {null}\n',
      'a: {b: 1, }\n',
      'a: {:}\n',
      'a: []#\n',
      '---#\na: 1\n',
      'a: "b\nc"\n',
      "a: 'b\nc'\n",
      'a:\n  - {}: 1\n',
      'a: b:\n',
      'a: b: c\n',
      'a: [\nb]\n',
      'a:\n   b: 1\n',
      'a:\n  - #b\n',
      'a:\r  b: 1\n',
      '{"a": 1, [b]}\n',
      '{"a":,[1]}\n',
      'a: {[b]: 1}\n',
      'a: [{b: 1}: 2]\n',
      'a: {"b",: 1}\n',
      '{"a": 1, "a": 2}\n',
      '{"a": {"b": 1, "b": 1}}\n',
      '{"a": 1}\n# c\n{"b": 2}\n',
    ])
      expect(readFast(text), text).toBeNull();
  });
});
