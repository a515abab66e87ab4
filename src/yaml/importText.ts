/**
 * Checks and combines imported text before it enters the workspace: binary files and
 * oversized files get a clear message instead of a frozen tab, and merging appends the
 * new documents after the current ones.
 */

/** Larger inputs are refused: Monaco and the parser stay usable well below this. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

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
  const sample = text.slice(0, 8192);
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const code = sample.charCodeAt(i);
    if (code === 0) return { ok: false, message: `${fileName} looks like a binary file, not YAML or JSON.` };
    if ((code < 32 && code !== 9 && code !== 10 && code !== 13) || code === 0xfffd) control++;
  }
  if (sample.length > 0 && control / sample.length > 0.05) {
    return { ok: false, message: `${fileName} looks like a binary file, not YAML or JSON.` };
  }
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
