import { describe, expect, it } from 'vitest';
import { findLesson, findRecipe } from '../recipes';
import { GENERATED_FROM_FLOWS, SHOP_FLOWS } from '../recipes/synthesisRecipes';
import { analyzeText } from './analyzeText';
import { answer } from './questions';

const docs = (yaml: string) => yaml.split(/^---\n/m).map((d) => d.trim());

describe('the "lock down from traffic" recipe and lesson', () => {
  it('hold exactly what synthesis writes from their flows (and the recipe opens with them)', () => {
    const lesson = findLesson('lock-down-from-traffic');
    const first = lesson?.steps[0];
    if (!first) throw new Error('no lesson');
    const { workspace } = analyzeText(first.yaml, null);
    const reply = answer(workspace, { kind: 'synthesize', intent: { kind: 'flows', flowsText: SHOP_FLOWS } });
    if (reply.kind !== 'synthesize') throw new Error(JSON.stringify(reply));
    expect(reply.result.problems).toEqual([]);
    expect(docs(reply.result.yaml)).toEqual(GENERATED_FROM_FLOWS.map((d) => d.trim()));
    expect(lesson?.flows).toBe(SHOP_FLOWS);
    expect(findRecipe('lock-down-from-traffic')?.flows).toBe(SHOP_FLOWS);
  });

  it('every observed connection is allowed by the generated policies, and the dropped one stays blocked', () => {
    const recipe = findRecipe('lock-down-from-traffic');
    if (!recipe) throw new Error('no recipe');
    const { workspace } = analyzeText(recipe.yaml, null);
    const reply = answer(workspace, { kind: 'flows', flowsText: SHOP_FLOWS });
    if (reply.kind !== 'flows') throw new Error(JSON.stringify(reply));
    expect(reply.result.summary).toMatchObject({ observedAllowed: 4, observedBlocked: 0, dropped: 1 });
    expect(reply.result.flows.find((f) => f.class === 'dropped')?.policy).toBe('blocked');
  });
});
