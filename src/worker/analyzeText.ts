/**
 * Text -> objects -> workspace -> diagnostics with text ranges, off the main thread.
 * A document with a syntax error does not vanish: while the number of documents is
 * unchanged, its last good objects stand in for it and it is reported as stale, so the
 * canvas keeps its picture. Everything the UI needs to place things in the text
 * (diagnostic ranges, object ranges) is computed here, so the main thread never parses.
 */
import { LINT_CHECKS, loadWorkspace, objectKey } from '../engine';
import type { Diagnostic, EngineOptions, ManifestObject, Workspace, WorkspaceLoader } from '../engine';
import { rangeOfDiagnostic } from '../yaml/diagnosticRange';
import type { DocumentCache } from '../yaml/parseIncrementally';
import { readManifests } from '../yaml/readManifests';
import { ObjectRanges } from '../yaml/objectRanges';
import { SourceMap } from '../yaml/sourceMap';
import type { TextRange } from '../yaml/sourceMap';

/** What one analysis remembers for the next: the good objects of each document. */
export interface AnalysisMemory {
  readonly documentCount: number;
  /** Made when first asked (only an analysis with a broken document asks). */
  objectsByDocument(): ReadonlyMap<number, readonly ManifestObject[]>;
}

/** The objects by document index, once: a Map of 5,000 lists at every keystroke cost ~2 ms. */
function byDocumentOnce(objects: readonly ManifestObject[]): () => Map<number, ManifestObject[]> {
  let byDocument: Map<number, ManifestObject[]> | undefined;
  return () => {
    if (byDocument) return byDocument;
    byDocument = new Map();
    for (const object of objects) {
      const index = object.source.documentIndex;
      const list = byDocument.get(index);
      if (list) list.push(object);
      else byDocument.set(index, [object]);
    }
    return byDocument;
  };
}

/** A diagnostic with the text range it is about, when it has one. */
export type LocatedDiagnostic = Diagnostic & { range?: TextRange };

export interface Analysis {
  workspace: Workspace;
  /** Without the lint findings when the analysis was made with `lint: false` (see `lint`). */
  diagnostics: LocatedDiagnostic[];
  /** The lint findings, located; computed once, on demand. */
  lint: () => LocatedDiagnostic[];
  /** The findings of one check of `LINT_CHECKS`, located (the worker runs them one task each). */
  lintCheck: (index: number) => LocatedDiagnostic[];
  /** Documents shown from their last good version because they do not parse now. */
  staleDocuments: number[];
  /** Text range of every object, keyed by the engine's `objectKey`. */
  objectRanges: ObjectRanges;
  memory: AnalysisMemory;
  /** Where each field of this text is (kept in the worker for the editor's lookups). */
  map: SourceMap;
}

export function analyzeText(
  text: string,
  previous: AnalysisMemory | null,
  options: Partial<EngineOptions> = {},
  cache?: DocumentCache,
  {
    lint = true,
    load = loadWorkspace,
  }: {
    lint?: boolean;
    /** Loads the objects (the worker's remembers its last load: see `createWorkspaceLoader`). */
    load?: WorkspaceLoader;
  } = {},
): Analysis {
  // With a cache, only the documents whose text changed are parsed again.
  const read = readManifests(text, undefined, cache);
  const documentCount = read.documentCount ?? 0;
  const broken = new Set(
    read.diagnostics
      .filter((d) => d.code === 'yaml-syntax' && d.source)
      .map((d) => d.source?.documentIndex ?? -1),
  );
  const staleDocuments: number[] = [];
  let objects = read.objects;
  const stale: ManifestObject[] = [];
  if (previous && previous.documentCount === documentCount && broken.size > 0) {
    const present = new Set(read.objects.map((o) => o.source.documentIndex));
    const before = previous.objectsByDocument();
    for (const index of broken) {
      const last = before.get(index);
      if (!last || present.has(index)) continue;
      stale.push(...last);
      staleDocuments.push(index);
    }
    if (stale.length > 0) objects = [...read.objects, ...stale];
  }
  const loaded = load(objects, options);
  const staleSet = new Set(staleDocuments);
  const fresh = (d: Diagnostic) => !d.source || !staleSet.has(d.source.documentIndex);
  // Engine findings about stale stand-ins point at text that is no longer there.
  const found = [...read.diagnostics, ...loaded.diagnostics.filter(fresh)];
  const map = new SourceMap(text, read.documents, read.documentOffsets, read.documentChunks);
  const locate = (d: Diagnostic): LocatedDiagnostic => {
    const range = rangeOfDiagnostic(map, d);
    return range ? { ...d, range } : d;
  };
  // Lint looks at the whole workspace (a tenth of a second at 1,000 pods): the worker
  // answers a keystroke with the verdicts first and sends the lint findings after.
  const checked = new Map<number, LocatedDiagnostic[]>();
  const lintCheck = (index: number): LocatedDiagnostic[] => {
    let found = checked.get(index);
    if (!found) {
      found = (LINT_CHECKS[index]?.(loaded.workspace) ?? []).filter(fresh).map(locate);
      checked.set(index, found);
    }
    return found;
  };
  const lintFindings = (): LocatedDiagnostic[] => LINT_CHECKS.flatMap((_check, i) => lintCheck(i));
  const diagnostics = [...found.map(locate), ...(lint ? lintFindings() : [])];
  const keys: string[] = [];
  const bounds = new Int32Array(read.objects.length * 2);
  for (const object of read.objects) {
    const path = object.source.objectPath ?? [];
    const range =
      path.length > 0
        ? map.locate(object.source.documentIndex, path)
        : map.documentRange(object.source.documentIndex);
    if (!range) continue;
    bounds[2 * keys.length] = range.start;
    bounds[2 * keys.length + 1] = range.end;
    keys.push(objectKey(object.source));
  }
  const objectRanges = new ObjectRanges(keys, bounds.slice(0, 2 * keys.length));
  return {
    workspace: loaded.workspace,
    diagnostics,
    lint: lintFindings,
    lintCheck,
    staleDocuments: staleDocuments.sort((a, b) => a - b),
    objectRanges,
    memory: { documentCount, objectsByDocument: byDocumentOnce(objects) },
    map,
  };
}
