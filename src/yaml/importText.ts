/**
 * Checks and combines imported text before it enters the workspace: binary files and
 * oversized files get a clear message instead of a frozen tab, and merging appends the
 * new documents after the current ones.
 */

import { looksBinary, MAX_MANIFEST_CHARS } from './readManifests';

/** Larger inputs are refused: the same limit as the manifest reader's. */
export const MAX_IMPORT_BYTES = MAX_MANIFEST_CHARS;

export type ImportCheck = { ok: true } | { ok: false; message: string };

/** Accepts YAML or JSON text; refuses binary content and files over `MAX_IMPORT_BYTES`. */
export function checkImport(text: string, fileName = 'input'): ImportCheck {
  if (text.length > MAX_IMPORT_BYTES) {
    const mb = (text.length / 1024 / 1024).toFixed(1);
    return {
      ok: false,
      message: `${fileName} is ${mb} MB; files over ${MAX_IMPORT_BYTES / 1024 / 1024} MB are not loaded.`,
    };
  }
  if (looksBinary(text))
    return { ok: false, message: `${fileName} looks like a binary file, not YAML or JSON.` };
  return { ok: true };
}

/** The current workspace followed by the imported documents. */
export function mergeWorkspaceText(current: string, incoming: string): string {
  if (current.trim() === '') return incoming;
  if (incoming.trim() === '') return current;
  const head = current.endsWith('\n') ? current : `${current}\n`;
  const body = incoming.replace(/^---\s*\n/, '');
  return `${head}---\n${body}`;
}
