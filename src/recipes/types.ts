/** Gallery sections, in display order. */
export type RecipeCategory =
  'isolation' | 'namespaces' | 'ports' | 'outside' | 'traps' | 'admin' | 'synthesis';

/**
 * A recipe: a small workspace teaching one NetworkPolicy construct. `id` is kebab-case (it
 * becomes a `?recipe=ID` link); `summary` is two lines (`\n`-separated) teaching the construct;
 * `yaml` is a complete workspace (Namespaces, Pods/Deployments, NetworkPolicies) ending with a
 * `ConnectivityTest` whose expectations prove the construct.
 */
export type Recipe = {
  readonly id: string;
  readonly title: string;
  readonly category: RecipeCategory;
  readonly summary: string;
  readonly yaml: string;
  /** Hubble flows (`hubble observe -o json` lines) loaded with the recipe, for the flows overlay. */
  readonly flows?: string;
};

/**
 * A guided lesson: steps over a workspace. Each step's `yaml` is the FULL workspace text after
 * the step (step 0 is the starting point); between steps, learners predict which connections
 * change before the step is applied.
 */
export type Lesson = {
  readonly id: string;
  readonly title: string;
  /** The recipe the lesson builds on, if any. */
  readonly recipe?: string;
  /** Hubble flows loaded with the lesson, for the flows overlay. */
  readonly flows?: string;
  readonly steps: readonly LessonStep[];
};

/** One lesson step: what changes and why, and the whole workspace after it. */
export type LessonStep = {
  readonly title: string;
  readonly explanation: string;
  readonly yaml: string;
};
