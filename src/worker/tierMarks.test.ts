import { cellAllowed } from '../engine';
import { describe, expect, it } from 'vitest';
import { findRecipe } from '../recipes';
import { createAnalyzer } from './createAnalyzer';
import { TIER_ADMIN, TIER_BASELINE, TIER_NONE } from './tierMarks';

function marksOf(recipeId: string) {
  const text = findRecipe(recipeId)?.yaml ?? '';
  const result = createAnalyzer().analyze({
    type: 'analyze',
    seq: 1,
    text,
    options: {},
    port: 'any',
    enforced: true,
  });
  const { keys, tiers, cells } = result.matrix;
  const at = (from: string, to: string) => {
    const i = keys.indexOf(from);
    const j = keys.indexOf(to);
    expect(i >= 0 && j >= 0, `${from} -> ${to}`).toBe(true);
    return { tier: tiers?.[i * keys.length + j], allowed: cellAllowed(cells, i, j) };
  };
  return { at, tiers };
}

describe('tier marks', () => {
  it('mark what an admin rule decided, allowed or blocked, and nothing the admin policy does not touch', () => {
    const { at } = marksOf('admin-deny-namespace-cannot-override');
    expect(at('shop/web', 'sensitive/vault')).toEqual({ tier: TIER_ADMIN, allowed: false });
    expect(at('monitoring/prometheus', 'sensitive/vault')).toEqual({ tier: TIER_ADMIN, allowed: true });
    expect(at('sensitive/vault', 'shop/web')).toEqual({ tier: TIER_NONE, allowed: true });
  });

  it('mark what the baseline decided, not what a NetworkPolicy did', () => {
    const { at } = marksOf('baseline-default-deny');
    expect(at('shop/api', 'shop/db')).toEqual({ tier: TIER_BASELINE, allowed: false });
    expect(at('shop/web', 'shop/api')).toEqual({ tier: TIER_NONE, allowed: true });
  });

  it('are absent without admin policies', () => {
    expect(marksOf('default-deny-ingress').tiers).toBeUndefined();
  });
});
