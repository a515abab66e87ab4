import type { ObjectOrigin } from './resources';

/**
 * One object read from manifest text, with where it came from. The yaml layer produces these;
 * {@link loadWorkspace} also accepts bare objects (then the array index is the document index).
 */
export type ManifestObject = {
  readonly object: unknown;
  readonly source: ObjectOrigin;
};
