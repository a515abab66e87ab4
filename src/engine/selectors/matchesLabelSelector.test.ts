import { describe, expect, it } from 'vitest';
import { DiagnosticSink } from '../model/diagnostics';
import type { LabelSelector } from '../model/policy';
import { normalizeSelector } from '../normalize/normalizeSelector';
import { formatLabelSelector, matchesLabelSelector } from './matchesLabelSelector';

function sel(raw: unknown): LabelSelector {
  const sink = new DiagnosticSink();
  const s = normalizeSelector(raw, ['sel'], sink);
  if (!s) throw new Error(JSON.stringify(sink.diagnostics));
  return s;
}

describe('matchesLabelSelector (apimachinery semantics)', () => {
  it.each([
    // [description, selector, labels, expected]
    ['{} matches everything', {}, { a: '1' }, true],
    ['{} matches no labels', {}, {}, true],
    ['null selector is {}', null, {}, true],
    ['matchLabels equal', { matchLabels: { app: 'web' } }, { app: 'web', x: 'y' }, true],
    ['matchLabels different value', { matchLabels: { app: 'web' } }, { app: 'db' }, false],
    ['matchLabels missing key', { matchLabels: { app: 'web' } }, {}, false],
    ['matchLabels is AND', { matchLabels: { app: 'web', tier: 'fe' } }, { app: 'web' }, false],
    [
      'In: value in set',
      { matchExpressions: [{ key: 'env', operator: 'In', values: ['a', 'b'] }] },
      { env: 'b' },
      true,
    ],
    [
      'In: value not in set',
      { matchExpressions: [{ key: 'env', operator: 'In', values: ['a'] }] },
      { env: 'c' },
      false,
    ],
    ['In: missing key', { matchExpressions: [{ key: 'env', operator: 'In', values: ['a'] }] }, {}, false],
    [
      'NotIn: value in set',
      { matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['a'] }] },
      { env: 'a' },
      false,
    ],
    [
      'NotIn: value not in set',
      { matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['a'] }] },
      { env: 'b' },
      true,
    ],
    [
      'NotIn: MISSING KEY MATCHES',
      { matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['a'] }] },
      {},
      true,
    ],
    [
      'Exists: present (empty value)',
      { matchExpressions: [{ key: 'env', operator: 'Exists' }] },
      { env: '' },
      true,
    ],
    ['Exists: missing', { matchExpressions: [{ key: 'env', operator: 'Exists' }] }, {}, false],
    ['DoesNotExist: missing', { matchExpressions: [{ key: 'env', operator: 'DoesNotExist' }] }, {}, true],
    [
      'DoesNotExist: present',
      { matchExpressions: [{ key: 'env', operator: 'DoesNotExist' }] },
      { env: 'x' },
      false,
    ],
    [
      'matchLabels AND matchExpressions: both hold',
      { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'env', operator: 'In', values: ['prod'] }] },
      { app: 'web', env: 'prod' },
      true,
    ],
    [
      'matchLabels AND matchExpressions: only labels hold',
      { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'env', operator: 'In', values: ['prod'] }] },
      { app: 'web', env: 'dev' },
      false,
    ],
    [
      'matchLabels AND matchExpressions: only expression holds',
      { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'env', operator: 'In', values: ['prod'] }] },
      { app: 'db', env: 'prod' },
      false,
    ],
    [
      'several expressions are AND',
      {
        matchExpressions: [
          { key: 'a', operator: 'Exists' },
          { key: 'b', operator: 'DoesNotExist' },
        ],
      },
      { a: '1', b: '2' },
      false,
    ],
  ] as const)('%s', (_d, raw, labels, expected) => {
    expect(matchesLabelSelector(sel(raw), labels)).toBe(expected);
  });

  it.each([
    [{}, '<all>'],
    [{ matchLabels: { app: 'web' } }, 'app=web'],
    [
      {
        matchExpressions: [
          { key: 'e', operator: 'In', values: ['a', 'b'] },
          { key: 'x', operator: 'DoesNotExist' },
        ],
      },
      'e in (a,b),!x',
    ],
  ])('formats %j as %s', (raw, text) => {
    expect(formatLabelSelector(sel(raw))).toBe(text);
  });
});

describe('normalizeSelector validation', () => {
  it.each([
    [
      'In without values',
      { matchExpressions: [{ key: 'a', operator: 'In' }] },
      ['sel', 'matchExpressions', 0, 'values'],
    ],
    [
      'NotIn with empty values',
      { matchExpressions: [{ key: 'a', operator: 'NotIn', values: [] }] },
      ['sel', 'matchExpressions', 0, 'values'],
    ],
    [
      'Exists with values',
      { matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] },
      ['sel', 'matchExpressions', 0, 'values'],
    ],
    [
      'DoesNotExist with values',
      { matchExpressions: [{ key: 'a', operator: 'DoesNotExist', values: ['x'] }] },
      ['sel', 'matchExpressions', 0, 'values'],
    ],
    [
      'unknown operator',
      { matchExpressions: [{ key: 'a', operator: 'Equals', values: ['x'] }] },
      ['sel', 'matchExpressions', 0, 'operator'],
    ],
    ['missing key', { matchExpressions: [{ operator: 'Exists' }] }, ['sel', 'matchExpressions', 0, 'key']],
    ['bad label key', { matchLabels: { 'bad key': 'x' } }, ['sel', 'matchLabels', 'bad key']],
    ['bad label value', { matchLabels: { app: 'has space' } }, ['sel', 'matchLabels', 'app']],
    ['non-string label value', { matchLabels: { replicas: 3 } }, ['sel', 'matchLabels', 'replicas']],
    ['label value too long', { matchLabels: { app: 'a'.repeat(64) } }, ['sel', 'matchLabels', 'app']],
    [
      'bad expression value',
      { matchExpressions: [{ key: 'a', operator: 'In', values: ['-x'] }] },
      ['sel', 'matchExpressions', 0, 'values', 0],
    ],
    ['matchLabels not a mapping', { matchLabels: ['a'] }, ['sel', 'matchLabels']],
  ])('%s is an error at its field path', (_d, raw, path) => {
    const sink = new DiagnosticSink();
    expect(normalizeSelector(raw, ['sel'], sink)).toBeUndefined();
    expect(sink.diagnostics.filter((d) => d.severity === 'error').map((d) => d.path)).toContainEqual(path);
  });

  it.each([['example.com/app'], ['app.kubernetes.io/name'], ['a_b.c-d']])(
    'accepts the qualified key %s',
    (key) => {
      const sink = new DiagnosticSink();
      expect(normalizeSelector({ matchLabels: { [key]: 'v' } }, [], sink)).toBeDefined();
      expect(sink.diagnostics).toEqual([]);
    },
  );
});
