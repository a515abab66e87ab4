/**
 * Checks and combines imported text before it enters the workspace: binary files and
 * oversized files get a clear message instead of a frozen tab, and merging appends the
 * new documents after the current ones.
 */

import type { DocumentCache } from './parseIncrementally';
import { looksBinary, MAX_MANIFEST_CHARS, readManifests } from './readManifests';

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

/** What imported text holds, counted the way the workspace reads it. */
export interface ImportSummary {
  /** Objects after unwrapping `List`s (`kubectl get -o yaml` prints one List of many items). */
  objects: number;
  /** `*List` wrappers holding at least one object (nested ones included). */
  lists: number;
  /** YAML documents in the text. */
  documents: number;
}

/**
 * Counts the objects of imported text as {@link readManifests} reads them. It parses the
 * whole text (seconds for megabytes), so the app calls it in the worker, not on the main thread,
 * with a `cache` that the analysis of the text, once imported, reads again from.
 */
export function summarizeManifests(text: string, cache?: DocumentCache): ImportSummary {
  const { objects, documentCount = 0 } = readManifests(text, undefined, cache);
  const lists = new Set<string>();
  for (const { source } of objects) {
    const path = source.objectPath ?? [];
    // Every `items`, i step in an object's path is one List around it.
    path.forEach((step, i) => {
      if (step === 'items') lists.add(`${source.documentIndex}:${path.slice(0, i).join('.')}`);
    });
  }
  return { objects: objects.length, lists: lists.size, documents: documentCount };
}
