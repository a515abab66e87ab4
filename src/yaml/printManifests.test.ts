import { describe, expect, it } from 'vitest';
import { printManifests } from './printManifests';

describe('printManifests', () => {
  it('prints documents separated by ---, strings that look like numbers quoted', () => {
    expect(printManifests([{ a: 1 }, { b: { c: '5432' } }])).toBe('a: 1\n---\nb:\n  c: "5432"\n');
    expect(printManifests([])).toBe('');
  });
});
