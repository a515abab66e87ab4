import { describe, expect, it } from 'vitest';
import { formatLabels, parseLabels } from './labelText';

describe('label text', () => {
  it.each([
    ['app=web, tier=frontend', { app: 'web', tier: 'frontend' }],
    ['app=web tier=frontend', { app: 'web', tier: 'frontend' }],
    ['example.com/team=a', { 'example.com/team': 'a' }],
    ['app=', { app: '' }],
    ['', {}],
  ])('parses %j', (text, labels) => {
    expect(parseLabels(text)).toEqual({ labels });
  });

  it.each(['app', '=web', 'app=we b!', 'Bad Key=x', `app=${'x'.repeat(64)}`])(
    'refuses %j with a message',
    (text) => {
      expect(parseLabels(text)).toEqual({ error: expect.any(String) as unknown });
    },
  );

  it('formats labels back the way it reads them', () => {
    const labels = { app: 'web', tier: 'frontend' };
    expect(parseLabels(formatLabels(labels))).toEqual({ labels });
  });
});
