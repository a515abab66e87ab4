import { describe, expect, it } from 'vitest';
import { checkImport, MAX_IMPORT_BYTES, mergeWorkspaceText, summarizeManifests } from './importText';

describe('checkImport', () => {
  it.each([
    ['kind: Namespace\n', true],
    ['{"kind":"List","items":[]}', true],
    ['', true],
    ['PNG\u0000\u0001binary', false],
    ['\u0001\u0002\u0003\u0004\u0005\u0006'.repeat(10), false],
  ])('%j -> ok=%s', (text, ok) => {
    expect(checkImport(text).ok).toBe(ok);
  });

  it('refuses a file over the limit with its size in the message', () => {
    const result = checkImport('a'.repeat(MAX_IMPORT_BYTES + 1), 'big.yaml');
    expect(result).toEqual({ ok: false, message: expect.stringContaining('big.yaml is 16.0 MB') as unknown });
  });
});

describe('mergeWorkspaceText', () => {
  it('appends after a separator and keeps both texts intact', () => {
    expect(mergeWorkspaceText('a: 1\n', 'b: 2\n')).toBe('a: 1\n---\nb: 2\n');
    expect(mergeWorkspaceText('a: 1', '---\nb: 2\n')).toBe('a: 1\n---\nb: 2\n');
  });

  it('takes the other side when one is empty', () => {
    expect(mergeWorkspaceText('', 'b: 2\n')).toBe('b: 2\n');
    expect(mergeWorkspaceText('a: 1\n', '  ')).toBe('a: 1\n');
  });
});

describe('summarizeManifests', () => {
  it('counts the items of a kubectl List, not its one document', () => {
    const items = Array.from({ length: 48 }, (_, i) => `- kind: Pod\n  metadata: {name: p${i}}\n`).join('');
    expect(summarizeManifests(`apiVersion: v1\nkind: List\nitems:\n${items}`)).toEqual({
      objects: 48,
      lists: 1,
      documents: 1,
    });
  });

  it('counts plain documents, nested Lists and JSON', () => {
    const text = [
      'kind: Namespace\nmetadata: {name: a}\n',
      '{"kind": "List", "items": [{"kind": "PodList", "items": [{"kind": "Pod"}, {"kind": "Pod"}]}, {"kind": "Service"}]}\n',
      'kind: NetworkPolicyList\nitems: []\n',
    ].join('---\n');
    expect(summarizeManifests(text)).toEqual({ objects: 4, lists: 2, documents: 3 });
  });

  it('counts nothing in empty text', () => {
    expect(summarizeManifests('')).toEqual({ objects: 0, lists: 0, documents: 0 });
  });
});
