/**
 * The recipe gallery and guided lessons: small workspaces written by us, each teaching one
 * NetworkPolicy construct and proving it with a ConnectivityTest (see docs/recipes.md).
 */
import { ADMIN_TIER_RECIPES } from './adminTierRecipes';
import { ISOLATION_RECIPES } from './isolationRecipes';
import { NAMESPACE_RECIPES } from './namespaceRecipes';
import { OUTSIDE_RECIPES } from './outsideRecipes';
import { PORT_RECIPES } from './portRecipes';
import { SYNTHESIS_RECIPES } from './synthesisRecipes';
import { TRAP_RECIPES } from './trapRecipes';
import type { Recipe } from './types';

export type { Lesson, LessonStep, Recipe, RecipeCategory } from './types';
export { LESSONS, findLesson } from './lessons';

/** Every recipe, in gallery order. */
export const RECIPES: readonly Recipe[] = [
  ...ISOLATION_RECIPES,
  ...NAMESPACE_RECIPES,
  ...PORT_RECIPES,
  ...OUTSIDE_RECIPES,
  ...TRAP_RECIPES,
  ...ADMIN_TIER_RECIPES,
  ...SYNTHESIS_RECIPES,
];

/** Titles of the gallery sections. */
export const RECIPE_CATEGORY_TITLES: Readonly<Record<Recipe['category'], string>> = {
  isolation: 'Default deny and allow all',
  namespaces: 'Namespaces and selectors',
  ports: 'Ports',
  outside: 'Outside the cluster and DNS',
  traps: 'Traps',
  admin: 'Admin tiers (AdminNetworkPolicy, baseline)',
  synthesis: 'From traffic to policies',
};

/** The recipe with this id (the `?recipe=ID` link), or undefined. */
export function findRecipe(id: string): Recipe | undefined {
  return RECIPES.find((r) => r.id === id);
}
