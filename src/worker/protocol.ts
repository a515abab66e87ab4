/**
 * The typed contract between the main thread and the evaluation worker. The main thread
 * imports its types, and the text's sender (`createTextSender`, no engine code).
 *
 * The request carries the YAML text itself: parsing a large file (10 MB) takes seconds,
 * so it happens here, off the main thread. A text the worker holds is not posted again, and
 * a changed one goes as the edit from the one before; the truth table comes back in a
 * transferred buffer.
 */
import { keptEnds } from '../yaml/textOffsets';
import type { KeptEnds } from '../yaml/textOffsets';

export type { KeptEnds };
import type {
  CellMatrix,
  CompiledAdminPolicy,
  CompiledPolicy,
  ConnectivityTest,
  ConnectivityTestResult,
  EngineOptions,
  ExternalPeer,
  NamespaceInfo,
  NodeInfo,
  PodInfo,
  PortQuery,
  Workspace,
} from '../engine';
import type { ImportSummary } from '../yaml/importText';
import type { ObjectRanges } from '../yaml/objectRanges';
import type { TextRange } from '../yaml/sourceMap';
import type { LocatedDiagnostic } from './analyzeText';
import type { Answer, Question } from './questions';

/** Parse `text` (reusing the last parse when it is unchanged) and evaluate it for `port`. */
export interface AnalyzeRequest {
  type: 'analyze';
  /** Increasing per request; results of an older `seq` are dropped by the store. */
  seq: number;
  text: string;
  options: Partial<EngineOptions>;
  port: PortQuery;
  /** False for the "no enforcement" plugin profile: policies exist but nothing enforces them. */
  enforced: boolean;
  /** Analyse without touching the worker's memory of the edited text (a baseline for a diff). */
  ephemeral?: boolean;
  /**
   * When the page draws no namespace bundles (a pod in focus at scale), `later`: the bundle
   * counts follow the result in a message of their own (`bundles`), off the keystroke's path
   * (~20 ms of the worker's ~45 a key at 5,000 pods), once the typing pauses
   * (`LINT_DELAY_MS`). Absent: with the result.
   */
  bundles?: 'later';
  /**
   * What is known of how `text` differs from an earlier one: the store's changes (never
   * posted), or the edit the worker received (for its incremental parse).
   */
  kept?: KeptEnds;
}

/** The truth table over pods (and workloads), row = source, column = destination. */
export interface MatrixResult {
  keys: string[];
  /**
   * The cells over row groups with the per-row exceptions (`cellAllowed(cells, i, j)`: row i
   * may reach column j). Transferred, not copied; a few MB where a byte per pair was 25 MB at
   * 5,000 pods.
   */
  cells: CellMatrix;
  /**
   * Per key: 1 when every other key may reach it (`openIn`) / it may reach every other key
   * (`openOut`). Computed where the table is (a pass over all pairs); absent in tables made
   * elsewhere (tests, baselines read back), where the canvas computes them itself.
   */
  ends?: { openIn: Uint8Array; openOut: Uint8Array };
  /**
   * Per cell (row-major, `keys.length` squared), which admin tier decided the pair: 0 none (NetworkPolicy or the
   * default), 1 an AdminNetworkPolicy, 2 the baseline (`tierMarks.ts`). Absent without admin
   * policies, or past the number of pairs worth evaluating one by one.
   */
  tiers?: Uint8Array;
  /**
   * Allowed pairs per pair of blocks (each namespace's pods, each outside address), for the
   * service map's bundles (`bundleSums.ts`): all of them, those whose source the map draws
   * connections of (isolated for egress and not open to everyone), and those whose
   * destination it does (for ingress). Row-major `blocks x blocks`; absent where the canvas
   * counts from the cells itself. Transferred.
   */
  bundles?: {
    blockOf: Int32Array;
    blocks: number;
    allowed: Float64Array;
    fromShaped: Float64Array;
    toShaped: Float64Array;
    /** The pairs with `fromShaped` or `toShaped` above 0, ascending. */
    shaped: Int32Array;
  };
}

/** Everything the UI shows about one version of the text. */
export interface AnalyzeResult {
  workspace: Workspace;
  diagnostics: LocatedDiagnostic[];
  /** Documents that do not parse now and are shown from their last good version. */
  staleDocuments: number[];
  /** Text range of every object, keyed by the engine's `objectKey`. */
  objectRanges: ObjectRanges;
  /** Outside endpoints (ipBlocks of the policies, and "outside the cluster"), last in the matrix. */
  externals: ExternalPeer[];
  /** The workspace's ConnectivityTest expectations, run against it. */
  tests: ConnectivityTestResult[];
  /**
   * Per `workspace.pods` entry, the directions a policy isolates (bits `ISOLATED_INGRESS`,
   * `ISOLATED_EGRESS`), so the canvas needs no selector matching of its own. Transferred.
   */
  podIsolation: Uint8Array;
  /** The lint findings are not in `diagnostics` yet: a `lint` message with this `seq` brings them. */
  lintPending: boolean;
  matrix: MatrixResult;
}

/** Count the objects of imported text (for the import dialog), without touching the edited text's state. */
export interface SummarizeRequest {
  type: 'summarize';
  /** Its own sequence, apart from the analysis requests'. */
  seq: number;
  text: string;
}

/**
 * Where a field is in some text, asked by the editor (hovers, "show in YAML"): the worker
 * has the text parsed already, so the main thread never parses it.
 */
export type LookupQuery =
  { kind: 'pathAt'; offset: number } | { kind: 'locate'; documentIndex: number; path: (string | number)[] };

/** The field path at an offset (`pathAt`), or a field's text range (`locate`); null when none. */
export type LookupAnswer = { documentIndex: number; path: (string | number)[] } | TextRange | null;

export interface LookupRequest {
  type: 'lookup';
  /** Its own sequence, like the summaries'. */
  seq: number;
  text: string;
  query: LookupQuery;
}

/** A question about the workspace of `text` that needs the engine (`questions.ts`). */
export interface AskRequest {
  type: 'ask';
  /** Its own sequence, like the lookups'. */
  seq: number;
  text: string;
  question: Question;
}

export type WorkerRequest = AnalyzeRequest | SummarizeRequest | LookupRequest | AskRequest;

/** Where a text differs from the one before: `before.slice(0, start) + insert + before.slice(end)`. */
export interface TextEdit {
  start: number;
  end: number;
  insert: string;
}

/**
 * A request as posted: its text left out when the worker holds it already (`sameText`: the
 * text the request before carried), or sent as the edit from that text (`edit`). An import
 * is summarised, then analysed, and hovers look fields up in the analysed text: each posted
 * the whole text again (9 MB cost ~35-70 ms of the page's thread to copy, and as long again
 * to read in the worker); a keystroke at 5,000 pods posted 2 MB for one character.
 */
export type PostedRequest =
  | WorkerRequest
  | (Omit<WorkerRequest, 'text'> & { text: ''; sameText: true })
  | (Omit<WorkerRequest, 'text'> & { text: ''; edit: TextEdit });

/** The other end of {@link PostedRequest}s: each request with its text. */
export function createTextReceiver(): (posted: PostedRequest) => WorkerRequest {
  let last = '';
  return (posted) => {
    if (!('sameText' in posted) && !('edit' in posted)) {
      last = posted.text;
      return posted;
    }
    let kept: KeptEnds | undefined;
    if ('edit' in posted) {
      const { start, end, insert } = posted.edit;
      kept = { from: last, prefix: start, suffix: last.length - end, insert };
      last = last.slice(0, start) + insert + last.slice(end);
    }
    const request: Record<string, unknown> = { ...posted, text: last, ...(kept ? { kept } : {}) };
    delete request.sameText;
    delete request.edit;
    return request as unknown as WorkerRequest;
  };
}

/** Posts requests to one worker, leaving out what it holds of their text (see {@link PostedRequest}). */
export function createTextSender(post: (request: PostedRequest) => void): (request: WorkerRequest) => void {
  let last: string | null = null;
  return (withKept) => {
    const { kept, ...request } = withKept as WorkerRequest & { kept?: KeptEnds };
    const before = last;
    last = request.text;
    if (request.text === before) return post({ ...request, text: '', sameText: true });
    if (before !== null && before.length > 0) {
      const { prefix, suffix } = keptEnds(kept, before, request.text);
      const exact = kept?.from === before ? kept.insert : undefined;
      const insert = exact ?? request.text.slice(prefix, request.text.length - suffix);
      // An edit when it is small next to the text (not a file opened in place of another).
      if (insert.length < request.text.length / 2)
        return post({ ...request, text: '', edit: { start: prefix, end: before.length - suffix, insert } });
    }
    post(request);
  };
}

/** What a long run is doing now, for the progress indicator. */
export type AnalyzePhase = 'parsing' | 'evaluating';

/**
 * A workspace on the wire (`workspaceWire.ts`): with `delta`, a number in a list is the
 * object at that index in the list of the workspace sent before (the last one with
 * `remember`). The lookup indexes are rebuilt on arrival.
 */
export interface WorkspaceWire {
  delta: boolean;
  /** This workspace is the base of the next delta (false for baselines). */
  remember: boolean;
  namespaces: (NamespaceInfo | number)[];
  pods: (PodInfo | number)[];
  nodes: (NodeInfo | number)[];
  policies: (CompiledPolicy | number)[];
  adminPolicies: (CompiledAdminPolicy | number)[];
  tests: (ConnectivityTest | number)[];
  options: EngineOptions;
}

/**
 * Object ranges on the wire (`rangesWire.ts`): `keys` null when they are those of the ranges
 * sent before (the last with `remember`); `bounds` holds start and end per key. Transferred.
 */
export interface RangesWire {
  keys: string[] | null;
  remember: boolean;
  bounds: Int32Array;
}

/**
 * Bundle sums on the wire (`bundlesWire.ts`): whole, or the block pairs changed since the
 * sums sent before (the last with `remember`), three numbers each in `values`. Transferred.
 */
export interface BundlesWire {
  blockOf: Int32Array;
  shaped: Int32Array;
  blocks: number;
  remember: boolean;
  whole: { allowed: Float64Array; fromShaped: Float64Array; toShaped: Float64Array } | null;
  delta: { at: Int32Array; values: Float64Array } | null;
}

/** An {@link AnalyzeResult} as the worker posts it. */
export type AnalyzeResultWire = Omit<AnalyzeResult, 'workspace' | 'objectRanges' | 'matrix'> & {
  workspace: WorkspaceWire;
  objectRanges: RangesWire;
  matrix: Omit<MatrixResult, 'bundles'> & { bundles?: BundlesWire };
};

export type WorkerResponse =
  | { type: 'result'; seq: number; result: AnalyzeResultWire; millis: number }
  | { type: 'progress'; seq: number; phase: AnalyzePhase }
  /** After a `result` with `lintPending`: its lint findings (the other diagnostics are in the result). */
  | { type: 'lint'; seq: number; diagnostics: LocatedDiagnostic[] }
  /** After a `result` asked with `bundles: 'later'`: its bundle counts. */
  | { type: 'bundles'; seq: number; bundles: BundlesWire }
  | { type: 'cancelled'; seq: number }
  | { type: 'error'; seq: number; message: string }
  | { type: 'summary'; seq: number; summary: ImportSummary }
  | { type: 'lookup'; seq: number; answer: LookupAnswer }
  | { type: 'answer'; seq: number; answer: Answer };
