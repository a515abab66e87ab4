import { loadWorkspace } from '../engine';
import type { Diagnostic, Workspace } from '../engine';
import { readManifests } from '../yaml/readManifests';

/** What the store keeps of a parse: the objects (sent to the worker), the model and its diagnostics. */
export interface ParsedWorkspace {
  objects: unknown[];
  workspace: Workspace;
  diagnostics: Diagnostic[];
}

/** Text -> manifest objects -> workspace model, never throwing on user input. */
export function parseWorkspace(text: string): ParsedWorkspace {
  const read = readManifests(text);
  const loaded = loadWorkspace(read.objects);
  return {
    objects: read.objects,
    workspace: loaded.workspace,
    diagnostics: [...read.diagnostics, ...loaded.diagnostics],
  };
}
