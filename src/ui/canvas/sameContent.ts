/**
 * Whether two node or edge objects hold the same content, compared field by field without
 * serialising them (a string per node per render at 1,000 nodes): as JSON would compare them
 * (a field holding `undefined` or a function counts as absent), except that a value that is
 * not plain data (a Set, a Map, a class instance) is the same only when it is the same object.
 */
export function sameContent(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameContent(a[i], b[i])) return false;
    return true;
  }
  if (Object.getPrototypeOf(a) !== Object.prototype || Object.getPrototypeOf(b) !== Object.prototype)
    return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const ka = fieldsOf(ra);
  const kb = fieldsOf(rb);
  if (ka.length !== kb.length) return false;
  for (const k of ka) if (!sameContent(ra[k], rb[k])) return false;
  return true;
}

/** The fields JSON would write: neither `undefined` nor a function. */
function fieldsOf(record: Record<string, unknown>): string[] {
  return Object.keys(record).filter((k) => record[k] !== undefined && typeof record[k] !== 'function');
}
