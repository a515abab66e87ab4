/**
 * Whether two lists hold the same items (`===`) in the same order; two absent lists are the
 * same, one absent list is not. For telling an unchanged answer, row or list by identity.
 */
export function sameItems<T>(a: ArrayLike<T> | undefined, b: ArrayLike<T> | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
