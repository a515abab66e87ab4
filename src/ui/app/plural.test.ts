import { describe, expect, it } from 'vitest';
import { plural } from './plural';

describe('plural', () => {
  it.each([
    [0, 'pod', undefined, '0 pods'],
    [1, 'pod', undefined, '1 pod'],
    [2, 'pod', undefined, '2 pods'],
    [1, 'policy', 'policies', '1 policy'],
    [3, 'policy', 'policies', '3 policies'],
  ])('%i %s', (n, singular, pluralForm, expected) => {
    expect(plural(n, singular, pluralForm)).toBe(expected);
  });
});
