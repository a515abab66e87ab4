/**
 * The application store: a vanilla zustand store built by a factory, so every test
 * and every mounted app gets its own. The YAML text is the source of truth; the
 * parsed model and the evaluation are derived from it. Every change is autosaved.
 */
import { createStore } from 'zustand/vanilla';
import { LINT_CODES, objectKey } from '../engine';
import type { PortQuery } from '../engine';
import type { AnalysisClient } from '../worker/client';
import type { LocatedDiagnostic } from '../worker/analyzeText';
import type { AnalyzePhase, MatrixResult } from '../worker/protocol';
import { delayedPhases, DRAWN_LATER_PODS, requestFor, waitsForPause } from './evaluationRequests';
import type { PluginProfile } from './evaluationRequests';
export { DRAWN_LATER_PODS, PHASE_SHOWN_AFTER_MS, requestFor, waitsForPause } from './evaluationRequests';
export type { PluginProfile } from './evaluationRequests';
import { exportPolicies } from '../yaml/exportPolicies';
import type { PolicyExport } from '../yaml/exportPolicies';
import { applyChanges, changeBetween } from '../yaml/textEdits';
import { createKeptTracker } from './keptEnds';
import { createIdleFlattener } from './idleFlatten';
import type { TextChange } from '../yaml/textEdits';
import type { CommandOutcome } from './commands/command';
import { createCommandRunner } from './commandRunner';
import type { CommandArgs, CommandId } from './commands/registry';
import { emptyAnalysis, steadyMatrix, steadyModel } from './workspaceAnalysis';
import type { WorkspaceAnalysis } from './workspaceAnalysis';
import { attachAutosave, WorkspaceSession } from './autosave';
import { memoryStorage, WorkspaceLibrary } from './persistence';
import type { KeyValueStorage, SavedWorkspace, SyncChannel, WorkspaceEntry } from './persistence';
import { createLessonActions } from './lessonSlice';
import { createCompareSlice } from './compareSlice';
import type { CompareSlice } from './compareSlice';
import { createImportSlice } from './importSlice';
import type { ImportSlice } from './importSlice';
import { createWorkspaceActions } from './workspaceActions';
import type { WorkspaceActions } from './workspaceActions';
export type { SharedState } from './workspaceActions';
import type { LessonActions, LessonState } from './lessonSlice';
import { createLayoutPlanner, createLayoutSlice, gridLayout, withLayout } from './layoutSlice';
import type { FullLayout, LayoutSlice } from './layoutSlice';
import { BEFORE_GENERATED, createSynthesisSlice } from './synthesisSlice';
import type { SynthesisSlice } from './synthesisSlice';
import { createViewSlice, loadTheme, saveTheme } from './viewSlice';
import type { ViewSlice } from './viewSlice';

/** Who produced a text change; the editor applies only text it did not produce. */
export type TextOrigin = 'init' | 'editor' | 'canvas' | 'import';

/**
 * The last change of the text, published as an event: its changes (applied in order) and
 * who made them. The editor applies exactly these changes unless it made them itself.
 */
export interface TextChangeEvent {
  /** Bumped by every change. */
  readonly seq: number;
  readonly origin: TextOrigin;
  readonly changes: readonly TextChange[];
}

/** Where the evaluation of the latest text stands. */
export type EvaluationStatus =
  /** A request is in flight (the last result, if any, is of older text); the worker's phase. */
  | { readonly kind: 'running'; readonly progress: AnalyzePhase | null }
  | { readonly kind: 'done'; readonly millis: number }
  | { readonly kind: 'failed'; readonly message: string };

export interface EvaluationState {
  /** Sequence number of the latest request sent. */
  seq: number;
  status: EvaluationStatus;
  /** The last truth table received (of the text `parsed` was read from). */
  result: MatrixResult | null;
}

/** Whether a newer evaluation than the one shown is on its way. */
export function isStale(evaluation: EvaluationState): boolean {
  return evaluation.status.kind === 'running';
}

/** The evaluation marked as running, keeping the phase of one already running. */
function running(evaluation: EvaluationState): EvaluationState {
  const progress = evaluation.status.kind === 'running' ? evaluation.status.progress : null;
  return { ...evaluation, status: { kind: 'running', progress } };
}

/** Canvas node positions (layout state, not document): defined with the layout. */
export type { Positions } from './layout/computeLayout';

export interface AppState
  extends ViewSlice, LayoutSlice, LessonActions, WorkspaceActions, ImportSlice, CompareSlice, SynthesisSlice {
  text: string;
  lastChange: TextChangeEvent;
  parsed: WorkspaceAnalysis;
  evaluation: EvaluationState;
  port: PortQuery;
  plugin: PluginProfile;
  lesson: LessonState | null;
  /**
   * Bumped whenever the canvas should fit its pods into view once laid out: another
   * workspace, an import or paste, a lesson step, _Auto layout_.
   */
  fitRequest: number;
  /** Presentation mode: large type, keyboard-driven steps. */
  presenting: boolean;
  canvasOnly: boolean;
  setPresenting: (on: boolean) => void;
  setCanvasOnly: (on: boolean) => void;
  setPlugin: (plugin: PluginProfile) => void;
  /**
   * Whether the canvas draws namespace bundles (the service map at scale, no pod in focus).
   * When it does not, answers come without their bundle counts, which follow off the
   * keystroke's path and are kept aside until the canvas draws bundles again.
   */
  bundlesDrawn: boolean;
  setBundlesDrawn: (drawn: boolean) => void;
  /** Bundle counts that followed the answer `for` while the canvas drew none. */
  laterBundles: { for: MatrixResult; bundles: NonNullable<MatrixResult['bundles']> } | null;
  /** The message of the last command that could not run, until the next one runs. */
  commandError: string | null;
  /** Named workspaces and the one being edited. */
  workspaces: WorkspaceEntry[];
  workspaceId: string;
  /** The last deleted workspace, kept so it can be restored. */
  deletedWorkspace: { entry: WorkspaceEntry; saved: SavedWorkspace } | null;
  saveError: string | null;
  /** Something the app did on the user's behalf that they should know (a repair, a fork). */
  notice: string | null;
  dismissNotice: () => void;
  /** A background write failed (IndexedDB reports it after the fact). */
  reportSaveError: (message: string) => void;
  /** Evaluates the text again (after the worker failed: a new one is started). */
  retryEvaluation: () => void;
  /**
   * Sends the opened text to the worker for its first evaluation. The factory has no side
   * effect of its own: whoever creates the store starts it (the page, once it is wired up).
   */
  start: () => void;
  /** Takes up a newer revision of the open workspace saved by another tab (on focus). */
  syncFromStorage: () => void;
  /** Replaces the whole text (an import, a lesson step): published as the one change between them. */
  setText: (text: string, origin: TextOrigin) => void;
  /** Applies changes made in the editor (each to the text the previous one left). */
  applyEdits: (changes: readonly TextChange[], origin: TextOrigin) => void;
  /** Runs a canvas command: its text change is applied with origin `canvas` and parsed at once. */
  /** Runs the command registered under `id`; false (and `commandError` says why) when it refuses. */
  runCommand: <Id extends CommandId>(id: Id, args: CommandArgs<Id>) => boolean;
  /**
   * What a command would do to the current text (its outcome, not applied), or null while
   * the worker has not read the current text yet.
   */
  previewCommand: <Id extends CommandId>(id: Id, args: CommandArgs<Id>) => CommandOutcome | null;
  setPort: (port: PortQuery) => void;
  /** Writes a pending autosave now. */
  flushSave: () => void;
  /**
   * The policies for `kubectl apply -f`, leaving out those the API server would refuse;
   * null while the text is still being checked.
   */
  exportPolicies: () => PolicyExport | null;
  /** The field at `offset` of `text`, from the worker's parse (null: none, or no worker to ask). */
  fieldAt: (text: string, offset: number) => Promise<FieldAt | null>;
  /** Where a field of `text` is, from the worker's parse (null: it is not there). */
  fieldRange: (
    text: string,
    documentIndex: number,
    path: readonly (string | number)[],
  ) => Promise<{ start: number; end: number } | null>;
}

/** A field of the text: its document and path. */
export type FieldAt = { documentIndex: number; path: (string | number)[] };

export interface AppStoreDeps {
  client: AnalysisClient;
  /** Text of the first workspace when storage holds none. */
  initialText: string;
  storage?: KeyValueStorage;
  /** Messages to and from the other tabs of the app (a `BroadcastChannel` in the browser). */
  channel?: SyncChannel;
  /** Debounce between a keystroke and the re-parse, in ms. */
  parseDelayMs?: number;
  /**
   * Autosave writes once this many ms pass without a change (0: on every change), and at
   * least every `SAVE_MAX_WAIT_MS` while changes keep coming; `flushSave` writes at once
   * (the page calls it when it is hidden or unloaded).
   */
  saveDelayMs?: number;
  /** The full layout of a workspace with no positions yet (ELK in the page; a grid when absent). */
  fullLayout?: FullLayout;
}

export type AppStore = ReturnType<typeof createAppStore>;

export function createAppStore({
  client,
  initialText,
  storage = memoryStorage(),
  channel,
  parseDelayMs = 150,
  saveDelayMs = 400,
  fullLayout = gridLayout,
}: AppStoreDeps) {
  const library = new WorkspaceLibrary(storage, channel);
  let parseTimer: ReturnType<typeof setTimeout> | undefined;
  let lastEdit = -Infinity;
  /** The text of the latest request to the worker. */
  let requestedText: string | null = null;
  /** What the commits since kept of the text last sent (the worker's sender need not compare them). */
  const kept = createKeptTracker();
  /** The latest request's `seq` until its answer (or failure) arrives. */
  let inFlight: number | null = null;
  /** What drawing the last answer cost this thread (ms), from its arrival to the next task. */
  let lastAnswerCost = 0;

  const session = new WorkspaceSession(library);
  const opened = session.open(initialText);
  const start = opened.saved;
  const startId = opened.id;

  const planner = createLayoutPlanner();
  const store = createStore<AppState>()(
    withLayout(
      fullLayout,
      planner,
    )((set, get) => {
      /**
       * Sends the text (the current one unless given: a commit sends the text it is about to
       * set) to the worker; only the answer to the latest request is kept. `typed`: an edit
       * in place, whose answer the canvas draws as it draws the last (a file opened may
       * change what it draws, so its answer brings everything).
       */
      const analyze = (text: string = get().text, typed = false): void => {
        clearTimeout(parseTimer);
        const seq = get().evaluation.seq + 1;
        set((s) => ({ evaluation: { ...running(s.evaluation), seq } }));
        const { port, plugin } = get();
        const known = kept.sending(text);
        requestedText = text;
        inFlight = seq;
        const phases = delayedPhases((progress) => {
          if (get().evaluation.seq === seq)
            set((s) => ({ evaluation: { ...s.evaluation, status: { kind: 'running', progress } } }));
        });
        const settled = () => {
          phases.stop();
          if (inFlight === seq) inFlight = null;
        };
        const request = {
          ...requestFor(text, port, plugin),
          ...(known ? { kept: known } : {}),
          ...(typed && !get().bundlesDrawn ? { bundles: 'later' as const } : {}),
        };
        const onBundles = (bundles: NonNullable<MatrixResult['bundles']>) => {
          const result = get().evaluation.result;
          if (get().evaluation.seq !== seq || !result) return;
          if (get().bundlesDrawn && !result.bundles)
            set((s) => ({ evaluation: { ...s.evaluation, result: { ...result, bundles } } }));
          else set({ laterBundles: { for: result, bundles } });
        };
        /** Set once the answer is in the store (lint findings wait for it). */
        let applied = false;
        let lintBeforeAnswer: LocatedDiagnostic[] | null = null;
        // Lint findings come after the verdicts; until then the last ones stay (no flicker).
        const onLint = (lint: LocatedDiagnostic[]) => {
          if (get().evaluation.seq !== seq) return;
          if (!applied) {
            lintBeforeAnswer = lint;
            return;
          }
          set((s) => ({
            parsed: {
              ...s.parsed,
              diagnostics: [...s.parsed.diagnostics.filter((d) => !isLint(d)), ...lint],
              lintPending: false,
            },
          }));
        };
        client
          .analyze({ ...request, seq }, phases.report, onLint, onBundles)
          .then(async (answer) => {
            // A large whole text's answer (a file opened, a workspace switched to) is drawn in
            // a task of its own: the task that receives it decodes it (25-55 ms at 10,000 pods)
            // and lays it out (~55 ms), the next draws it (85-140 ms). A typed edit's answer is
            // drawn at once.
            if (!typed && answer.result.workspace.pods.length > DRAWN_LATER_PODS) {
              if (get().evaluation.seq === seq) planner.ahead(answer.result, get());
              await new Promise((resolve) => setTimeout(resolve, 0));
            }
            return answer;
          })
          .then(({ result, millis }) => {
            settled();
            if (get().evaluation.seq !== seq) return;
            const received = Date.now();
            const { matrix, ...model } = result;
            const lastLint = model.lintPending ? get().parsed.diagnostics.filter(isLint) : [];
            set({
              parsed: {
                text,
                ...steadyModel(get().parsed, model),
                diagnostics: [...model.diagnostics, ...lastLint],
              },
              evaluation: {
                seq,
                status: { kind: 'done', millis },
                result: steadyMatrix(get().evaluation.result, matrix),
              },
            });
            applied = true;
            if (lintBeforeAnswer) onLint(lintBeforeAnswer);
            commands.modelArrived();
            // React renders and commits the answer in a microtask queued by the update, so this
            // one runs once it is drawn. (A timer's task measured more: timers waited ~300 ms
            // after some answers, until the lint's message came, and every key then waited for
            // a pause.)
            queueMicrotask(() => {
              lastAnswerCost = Date.now() - received;
            });
          })
          .catch((error: unknown) => {
            settled();
            if (get().evaluation.seq !== seq) return;
            const message = error instanceof Error ? error.message : String(error);
            set((s) => ({ evaluation: { ...s.evaluation, status: { kind: 'failed', message } } }));
            commands.modelFailed(message);
          });
      };

      /** Replaces the whole document (workspace switch, import) and evaluates at once. */
      const load = (workspaceId: string, saved: SavedWorkspace, rev: number): void => {
        commands.textReplaced();
        session.based(rev, saved.text);
        // One `set`, so autosave never sees the new id with the old text.
        set({
          workspaceId,
          workspaces: library.list(),
          text: saved.text,
          lastChange: {
            seq: get().lastChange.seq + 1,
            origin: 'import',
            changes: [changeBetween(get().text, saved.text)],
          },
          selectedPod: saved.selectedPod,
          positions: saved.positions ?? {},
          routes: saved.routes ?? {},
          collapsed: saved.collapsed ?? [],
          fitRequest: get().fitRequest + 1,
          // Flows, marks and proposals were about the workspace being left.
          flows: null,
          marked: [],
          proposal: null,
        });
        analyze();
      };

      /**
       * Every change of the text goes through here: the new text and the event that carries
       * the changes and their origin, in one `set`; then the analysis (debounced for typing).
       * `text`: the text the changes make, when the caller has it (the same string, not a copy).
       */
      const flattenSoon = createIdleFlattener(() => get().text);
      const commit = (
        changes: readonly TextChange[],
        origin: TextOrigin,
        text = applyChanges(get().text, changes),
      ): void => {
        kept.committed(get().text, changes, text);
        clearTimeout(parseTimer);
        const now = Date.now();
        const waits =
          origin === 'editor' &&
          waitsForPause({
            sinceLastEdit: now - lastEdit,
            answerPending: inFlight !== null,
            lastAnswerCost,
            parseDelayMs,
          });
        lastEdit = now;
        // The worker is asked before the store takes the text: taking it makes the editor
        // apply it (~0.6 s for a 9 MB file opened), which the worker's reading now overlaps.
        if (!waits) analyze(text, origin === 'editor' || origin === 'canvas');
        set((s) => ({
          text,
          lastChange: { seq: s.lastChange.seq + 1, origin, changes },
          evaluation: running(s.evaluation),
          // New text from outside the editor (a file, a paste, a lesson step): show all of it.
          fitRequest: origin === 'import' ? s.fitRequest + 1 : s.fitRequest,
        }));
        if (waits) parseTimer = setTimeout(() => analyze(undefined, true), parseDelayMs);
        flattenSoon(text);
      };

      const workspaceActions = createWorkspaceActions(set, get, session, load);
      // Typing paused for less than the debounce: a command reads the text now.
      const commands = createCommandRunner(set, get, commit, () => {
        if (requestedText !== get().text) analyze();
      });

      return {
        text: start.text,
        lastChange: { seq: 0, origin: 'init', changes: [] },
        parsed: emptyAnalysis(),
        evaluation: { seq: 0, status: { kind: 'running', progress: null }, result: null },
        port: 'any',
        ...createViewSlice(set, { selectedPod: start.selectedPod, theme: loadTheme(storage) }),
        commandError: null,
        ...createLayoutSlice(set, start),
        plugin: 'generic',
        ...createCompareSlice(set, get, client, requestFor),
        ...createSynthesisSlice(set, get, client),
        lesson: null,
        fitRequest: 0,
        presenting: false,
        canvasOnly: false,
        ...createLessonActions(set, get),
        ...workspaceActions,
        runCommand: commands.runCommand,
        previewCommand: commands.previewCommand,
        setPresenting(presenting) {
          // The canvas takes the screen; C brings the YAML beside it.
          set({ presenting, canvasOnly: presenting });
        },
        setCanvasOnly(canvasOnly) {
          set({ canvasOnly });
        },
        setPlugin(plugin) {
          set({ plugin });
          analyze();
          get().refreshBaseline();
        },
        bundlesDrawn: true,
        laterBundles: null,
        setBundlesDrawn(drawn) {
          if (drawn === get().bundlesDrawn) return;
          set({ bundlesDrawn: drawn });
          const { result } = get().evaluation;
          if (!drawn || !result || result.bundles) return;
          // The counts that followed this answer; else (not come yet) asked for again.
          const later = get().laterBundles;
          if (later?.for === result)
            set((s) => ({ evaluation: { ...s.evaluation, result: { ...result, bundles: later.bundles } } }));
          else if (get().plugin !== 'none') analyze();
        },
        workspaces: library.list(),
        workspaceId: startId,
        deletedWorkspace: null,
        saveError: opened.error,
        notice: opened.notice,
        dismissNotice() {
          set({ notice: null });
        },
        async fieldAt(text, offset) {
          const answer = await client.lookup?.(text, { kind: 'pathAt', offset }).catch(() => null);
          return answer && 'path' in answer ? answer : null;
        },
        async fieldRange(text, documentIndex, path) {
          const answer = await client
            .lookup?.(text, { kind: 'locate', documentIndex, path: [...path] })
            .catch(() => null);
          return answer && 'start' in answer ? answer : null;
        },
        exportPolicies() {
          const { text, parsed } = get();
          if (parsed.text !== text) return null;
          const invalid = parsed.diagnostics
            .filter((d) => d.severity === 'error' && d.source?.kind === 'NetworkPolicy')
            .map((d) =>
              objectKey({ documentIndex: d.source?.documentIndex ?? -1, objectPath: d.source?.objectPath }),
            );
          return exportPolicies(text, new Set(invalid));
        },
        retryEvaluation() {
          analyze();
        },
        start() {
          analyze();
        },
        reportSaveError(message) {
          set({
            saveError: `Not saved: ${message}. Your latest changes are only in this tab: download them (Export) or delete a workspace to make room.`,
            workspaces: library.list(),
          });
        },
        // Replaced below, once the autosave exists.
        syncFromStorage: () => undefined,
        // Replaced below, once the autosave exists.
        flushSave: () => undefined,
        ...createImportSlice(set, get, client),
        setText(text, origin) {
          if (text === get().text) return;
          // The text itself, not the change applied (a copy that the worker's sender, Monaco and
          // the autosave would each flatten, and compare with the text summarised: ~60 ms at 9 MB).
          commit([changeBetween(get().text, text)], origin, text);
        },
        applyEdits(changes, origin) {
          if (changes.length > 0) commit(changes, origin);
        },
        setPort(port) {
          set({ port });
          analyze();
          get().refreshBaseline();
        },
      };
    }),
  );

  store.subscribe((state, previous) => {
    if (state.theme !== previous.theme) saveTheme(storage, state.theme);
    // Loaded flows are judged by the policies: again when they change.
    if (state.flows && state.parsed.workspace !== previous.parsed.workspace) state.refreshFlows();
    // Undone back to the text before the generated policies: nothing left to compare.
    if (
      state.text !== previous.text &&
      state.baseline?.label === BEFORE_GENERATED &&
      state.text === state.baseline.text
    )
      state.clearBaseline();
  });

  attachAutosave(store, session, saveDelayMs, channel);

  return store;
}

/** A lint finding (NP001...), as opposed to a syntax or validation diagnostic. */
function isLint(d: { code: string }): boolean {
  return d.code in LINT_CODES;
}
