import { describe, expect, it } from 'vitest';
import { loadWorkspace } from '../normalize/loadWorkspace';
import { netpol, ns, pod } from '../testing/builders';
import { podsSelectedBy, selectedPodCounts } from './selectionAt';

describe('selectedPodCounts', () => {
  it('counts the pods each policy applies to, as podsSelectedBy lists them', () => {
    const ws = loadWorkspace([
      ns('a'),
      ns('b'),
      pod('a', 'web', { app: 'web' }),
      pod('a', 'db', { app: 'db' }),
      pod('a', 'host', { app: 'web' }, { hostNetwork: true }),
      pod('b', 'web', { app: 'web' }),
      netpol('a', 'all', { podSelector: {} }),
      netpol('a', 'web', { podSelector: { matchLabels: { app: 'web' } } }),
      netpol('b', 'db', { podSelector: { matchLabels: { app: 'db' } } }),
      netpol('c', 'empty', { podSelector: {} }),
    ]).workspace;
    const counts = selectedPodCounts(ws);
    expect(Object.fromEntries(counts)).toEqual({ 'a/all': 2, 'a/web': 1, 'b/db': 0, 'c/empty': 0 });
    for (const policy of ws.policies) expect(counts.get(policy.key)).toBe(podsSelectedBy(ws, policy).length);
  });
});
