/** Severity of a diagnostic: `error` means the API server would reject the object. */
export type Severity = 'error' | 'warning' | 'info';

/**
 * A path to a field inside one object, in the API server's field-path spirit:
 * `['spec', 'ingress', 0, 'from', 1, 'ipBlock', 'except', 0]`.
 */
export type FieldPath = readonly (string | number)[];

/** Where the object a diagnostic is about came from. */
/**
 * The key of an object of the text: its document and, inside a \`List\`, its path (the key of
 * \`objectRanges\`, and how invalid objects are named to the export).
 */
export function objectKey(source: {
  documentIndex: number;
  objectPath?: readonly (string | number)[];
}): string {
  return `${source.documentIndex}:${(source.objectPath ?? []).join('.')}`;
}

export type DiagnosticSource = {
  /** Index of the YAML/JSON document within the input text (0-based). */
  readonly documentIndex: number;
  /** Path from the document root to the object, e.g. `['items', 3]` inside a `List`; `[]` otherwise. */
  readonly objectPath?: FieldPath;
  readonly fileName?: string;
  readonly kind?: string;
  readonly namespace?: string;
  readonly name?: string;
};

/** A text position (1-based line and column, 0-based character offset), for syntax errors. */
export type TextLocation = {
  readonly line: number;
  readonly column: number;
  readonly offset: number;
  readonly length?: number;
};

/**
 * A finding about the input: a validation error (what the API server would reject), a
 * defaulting or lint warning, or an informational note. `path` is relative to the object
 * named by `source` (prefix it with `source.objectPath` to address the document).
 */
export type Diagnostic = {
  readonly severity: Severity;
  readonly code: string;
  readonly message: string;
  readonly path: FieldPath;
  readonly source?: DiagnosticSource;
  readonly location?: TextLocation;
};

/** The engine's answer to user input: never a throw, always a value plus what went wrong. */
export type Result<T> = { readonly value: T; readonly diagnostics: Diagnostic[] };

/** Collects diagnostics for one object, stamping each with the object's source. */
export class DiagnosticSink {
  readonly diagnostics: Diagnostic[] = [];
  constructor(private readonly source?: DiagnosticSource) {}

  /** Records a diagnostic at `path` within the current object. */
  add(severity: Severity, code: string, path: FieldPath, message: string): void {
    const d: Diagnostic = this.source
      ? { severity, code, message, path, source: this.source }
      : { severity, code, message, path };
    this.diagnostics.push(d);
  }

  error(code: string, path: FieldPath, message: string): void {
    this.add('error', code, path, message);
  }

  warning(code: string, path: FieldPath, message: string): void {
    this.add('warning', code, path, message);
  }

  info(code: string, path: FieldPath, message: string): void {
    this.add('info', code, path, message);
  }

  /** True when an error was recorded since `mark` (an earlier `diagnostics.length`). */
  hasErrorsSince(mark: number): boolean {
    return this.diagnostics.slice(mark).some((d) => d.severity === 'error');
  }
}

/** Validation codes, named after the API server's field error types. */
export const ValidationCode = {
  required: 'field-required',
  invalid: 'field-invalid',
  notSupported: 'field-not-supported',
  type: 'field-type',
  duplicate: 'duplicate-object',
  unknownKind: 'unknown-kind',
  defaulted: 'field-defaulted',
  ignored: 'field-ignored',
} as const;
