import { LESSONS, RECIPE_CATEGORY_TITLES, RECIPES } from '../../recipes';
import type { Recipe } from '../../recipes';
import { plural } from './plural';
import { useAppStore } from './storeContext';
import { useEscapeKey } from './useEscapeKey';

/** The recipes (each opens as a workspace) and the guided lessons. */
export function RecipeGallery({ onClose }: { onClose: () => void }) {
  useEscapeKey(onClose);
  const openRecipe = useAppStore((s) => s.openRecipe);
  const startLesson = useAppStore((s) => s.startLesson);
  const categories = [...new Set(RECIPES.map((r) => r.category))];
  const open = (recipe: Recipe) => {
    openRecipe(recipe);
    onClose();
  };
  return (
    <div className="dialog-backdrop">
      <div
        className="dialog gallery"
        role="dialog"
        aria-modal="true"
        aria-labelledby="gallery-title"
        data-testid="gallery"
      >
        <h2 id="gallery-title">Recipes and lessons</h2>
        <h3>Guided lessons (predict, then reveal)</h3>
        <div className="gallery-grid">
          {LESSONS.map((lesson) => (
            <button
              key={lesson.id}
              type="button"
              className="gallery-card lesson"
              data-lesson={lesson.id}
              onClick={() => {
                startLesson(lesson);
                onClose();
              }}
            >
              <b>{lesson.title}</b>
              <span>{plural(lesson.steps.length, 'step')}</span>
            </button>
          ))}
        </div>
        {categories.map((category) => (
          <section key={category}>
            <h3>{RECIPE_CATEGORY_TITLES[category]}</h3>
            <div className="gallery-grid">
              {RECIPES.filter((r) => r.category === category).map((recipe) => (
                <button
                  key={recipe.id}
                  type="button"
                  className="gallery-card"
                  data-recipe={recipe.id}
                  onClick={() => open(recipe)}
                >
                  <b>{recipe.title}</b>
                  <span>{recipe.summary}</span>
                </button>
              ))}
            </div>
          </section>
        ))}
        <div className="dialog-actions">
          <button type="button" className="secondary" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </div>
  );
}
