/** A JSON/YAML mapping, as read from a manifest. */
export type RawRecord = Readonly<Record<string, unknown>>;

/** True for a mapping (not null, not an array). */
export function isRecord(value: unknown): value is RawRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Describes a value's JSON type for messages ("a number", "a list", ...). */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'number') return 'a number';
  if (typeof value === 'boolean') return 'a boolean';
  return typeof value;
}

/** True for an integer value (YAML `80`, not `"80"`). */
export function isInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value);
}

/** Reads a mapping's string field, or undefined. */
export function stringField(record: RawRecord | undefined, key: string): string | undefined {
  const v = record?.[key];
  return typeof v === 'string' ? v : undefined;
}

/** Reads a mapping's mapping field, or undefined. */
export function recordField(record: RawRecord | undefined, key: string): RawRecord | undefined {
  const v = record?.[key];
  return isRecord(v) ? v : undefined;
}

/** Reads a mapping's list field, or undefined. */
export function listField(record: RawRecord | undefined, key: string): readonly unknown[] | undefined {
  const v = record?.[key];
  return Array.isArray(v) ? v : undefined;
}

/** Strings longer than this are cut in messages (a 1 MB label value made a 1 MB message). */
const QUOTE_MAX = 80;

/** JSON-quotes a value for a message (control characters escaped; long strings cut, with their length). */
export function quote(value: unknown): string {
  if (typeof value !== 'string') return String(value);
  if (value.length <= QUOTE_MAX) return JSON.stringify(value);
  return `${JSON.stringify(value.slice(0, QUOTE_MAX - 20))}… (${value.length} characters)`;
}
