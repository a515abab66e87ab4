import { loadWorkspace } from '../engine';
import type { Diagnostic, EngineOptions, ManifestObject, Workspace } from '../engine';
import { readManifests } from '../yaml/readManifests';
import { readInputs, type CliIo } from './io';

/** The workspace built from the command's input files, with every diagnostic. */
export type LoadedInputs = { workspace: Workspace; diagnostics: Diagnostic[]; objectCount: number };

/** Codes that mean the text itself could not be read: fatal for matrix and explain. */
export const UNREADABLE_CODES = ['yaml-syntax', 'input-binary', 'input-too-large'];

/** Reads files (or `-`), parses every document, and loads one workspace from all of them. */
export async function loadInputs(
  files: readonly string[],
  io: CliIo,
  options?: Partial<EngineOptions>,
): Promise<LoadedInputs> {
  const inputs = await readInputs(files, io);
  const objects: ManifestObject[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const { name, text } of inputs) {
    const read = readManifests(text, name);
    objects.push(...read.objects);
    diagnostics.push(...read.diagnostics);
  }
  const loaded = loadWorkspace(objects, options);
  return {
    workspace: loaded.workspace,
    diagnostics: [...diagnostics, ...loaded.diagnostics],
    objectCount: objects.length,
  };
}

/**
 * One diagnostic per line, compiler style:
 * `file:line:col: error field-invalid: message` or
 * `file: document 2 (NetworkPolicy ns/name) spec.ingress[0].from[1]: error ...`.
 */
export function formatDiagnostic(d: Diagnostic): string {
  const s = d.source;
  const file = s?.fileName ?? '<input>';
  const head = d.location
    ? `${file}:${d.location.line}:${d.location.column}`
    : `${file}: document ${(s?.documentIndex ?? 0) + 1}`;
  const obj = s?.kind ? ` (${s.kind} ${s.namespace ? `${s.namespace}/` : ''}${s.name ?? '?'})` : '';
  const path = formatPath([...(s?.objectPath ?? []), ...d.path]);
  return `${head}${obj}${path ? ` ${path}` : ''}: ${d.severity} ${d.code}: ${d.message}`;
}

/** `['spec','ingress',0,'from',1]` -> `spec.ingress[0].from[1]`. */
export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}
