/**
 * Monaco, fully offline: the core, the editor features a YAML editor uses (monacoFeatures.ts), YAML syntax and the
 * monaco-yaml language service with our inline schema. Imported lazily (it is ~3 MB)
 * after the canvas has painted.
 */
import * as monaco from 'monaco-editor/editor';
import './monacoFeatures';
import 'monaco-editor/languages/definitions/yaml/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import { configureMonacoYaml } from 'monaco-yaml';
import type { MonacoYaml } from 'monaco-yaml';
// eslint-disable-next-line boundaries/dependencies -- Vite's `?worker` import of this folder's own file: the lint cannot resolve it.
import YamlWorker from './yaml.worker?worker';
import { workspaceSchema } from './workspaceSchema';

type WorkerOptions = Parameters<typeof monaco.editor.createWebWorker>[0];

declare global {
  interface Window {
    MonacoEnvironment?: { getWorker(moduleId: string, label: string): Worker };
  }
}

let configured = false;
let yamlService: MonacoYaml | null = null;
let validating = true;

/** Past this many lines, monaco-yaml's schema validation is paused: it re-validates the whole
 * text on every keystroke in a worker that competes for the same cores as the evaluation.
 * Our own markers (validation and lint from the engine) stay on. */
export const SCHEMA_VALIDATION_MAX_LINES = 2000;

/** Turns monaco-yaml's schema validation on or off (completion and hover stay). */
export function setSchemaValidation(on: boolean): void {
  if (!yamlService || on === validating) return;
  validating = on;
  void yamlService.update({ validate: on });
}

/** The schema URI is never fetched (`enableSchemaRequest: false`); it only names the schema in hovers. */
export const SCHEMA_URI = 'inmemory://netpol-canvas/workspace.schema.json';
export const WORKSPACE_MODEL_URI = monaco.Uri.parse('inmemory://netpol-canvas/workspace.yaml');

export function setupMonaco(): typeof monaco {
  if (configured) return monaco;
  configured = true;
  window.MonacoEnvironment = {
    getWorker(_moduleId: string, label: string): Worker {
      return label === 'yaml' ? new YamlWorker() : new EditorWorker();
    },
  };
  shimCreateWebWorker();
  yamlService = configureMonacoYaml(monaco, {
    enableSchemaRequest: false,
    validate: true,
    hover: true,
    completion: true,
    format: { enable: true },
    isKubernetes: true,
    schemas: [{ uri: SCHEMA_URI, fileMatch: ['**/*.yaml'], schema: workspaceSchema }],
  });
  return monaco;
}

/**
 * monaco-yaml 5.5.1 calls `createWebWorker({ moduleId, label, createData })`, the
 * pre-0.55 signature; Monaco >= 0.55 needs an actual `worker`, so without this shim the
 * YAML worker never starts and no schema marker ever appears (STACK.md pitfall 3).
 * The worker protocol of monaco-worker-manager: a first message initialises the
 * editor worker, the second carries `createData`.
 */
function shimCreateWebWorker(): void {
  const original = monaco.editor.createWebWorker.bind(monaco.editor);
  type LegacyOptions = { moduleId?: string; label?: string; createData?: unknown };
  monaco.editor.createWebWorker = (opts: WorkerOptions & LegacyOptions) => {
    if (opts.worker !== undefined) return original(opts);
    const env = window.MonacoEnvironment;
    if (!env) throw new Error('MonacoEnvironment.getWorker is not set up');
    const worker = env.getWorker(opts.moduleId ?? 'yaml', opts.label ?? 'yaml');
    worker.postMessage('ignore');
    worker.postMessage(opts.createData);
    return original({ worker, host: opts.host, keepIdleModels: opts.keepIdleModels });
  };
}

export { monaco };
