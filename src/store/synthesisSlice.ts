/**
 * From intent and from observed traffic to policies. The intent is the workspace's
 * connectivity checks, the connections marked on the canvas ("should be allowed"), or the
 * forwarded connections of a Hubble flows file; the worker synthesizes the policies and
 * verifies them with the engine (`engine/synthesize`). The proposal is reviewed as a YAML
 * diff and applied as one undoable change. A loaded flows file is classed against the
 * policies again whenever the text changes (`engine/flows`), for the canvas overlay.
 */
import type { FlowAnalysis, FlowClass, PortQuery } from '../engine';
import type { AnalysisClient } from '../worker/client';
import type { IntentSource, SynthesisAnswer } from '../worker/questions';
import type { AppState } from './appStore';
import type { EdgeRef } from './viewSlice';

export type ProposalSource = 'checks' | 'marked' | 'flows';

/** A synthesis on its way, its answer, or why there is none. */
export type Proposal =
  | { status: 'running'; source: ProposalSource }
  | { status: 'ready'; source: ProposalSource; answer: SynthesisAnswer; text: string }
  | { status: 'failed'; source: ProposalSource; message: string };

/** A Hubble flows file and what it says against the current policies. */
export interface LoadedFlows {
  name: string;
  text: string;
  analysis: FlowAnalysis | null;
  error: string | null;
}

export interface SynthesisSlice {
  /** Connections marked on the canvas as "should be allowed" (endpoint keys). */
  marked: EdgeRef[];
  toggleMarked: (edge: EdgeRef) => void;
  clearMarked: () => void;
  proposal: Proposal | null;
  /** Asks the worker for the policies that make the intent true (and only it). */
  generatePolicies: (source: ProposalSource) => void;
  /** Adds the proposed policies to the text: one change, undone by one undo. */
  applyProposal: () => boolean;
  dismissProposal: () => void;
  flows: LoadedFlows | null;
  /** Which flow classes the canvas draws. */
  flowFilter: Record<FlowClass, boolean>;
  loadFlows: (name: string, text: string) => void;
  clearFlows: () => void;
  setFlowFilter: (flowClass: FlowClass, on: boolean) => void;
  /** Classes the loaded flows again (the policies they are judged by changed). */
  refreshFlows: () => void;
}

type Get = () => AppState;
type Set = (partial: Partial<AppState> | ((state: AppState) => Partial<AppState>)) => void;

/** Every class but "allowed, never observed" (many, and a question for later). */
const DEFAULT_FLOW_FILTER: Record<FlowClass, boolean> = {
  observedAllowed: true,
  observedBlocked: true,
  dropped: true,
  allowedUnobserved: false,
};

/** The label of the comparison Apply starts (and an undo back to its text ends). */
export const BEFORE_GENERATED = 'before the generated policies';

const NO_ENGINE = 'The engine cannot be asked here (no evaluation worker).';

export function createSynthesisSlice(set: Set, get: Get, client: AnalysisClient): SynthesisSlice {
  const sameEdge = (a: EdgeRef, b: EdgeRef) => a.from === b.from && a.to === b.to;
  /** The port the marked connections are asked for: the port the colours mean. */
  const markedPort = (): PortQuery => get().port;

  const intentFor = (source: ProposalSource): IntentSource | string => {
    const { marked, flows, parsed } = get();
    switch (source) {
      case 'checks': {
        const count = parsed.workspace.tests.reduce((n, t) => n + t.expectations.length, 0);
        return count > 0 ? { kind: 'checks' } : 'The workspace has no connectivity checks to generate from.';
      }
      case 'marked':
        return marked.length > 0
          ? { kind: 'pairs', pairs: marked, port: markedPort() }
          : 'No connection is marked: select a connection and mark it “should be allowed”.';
      case 'flows':
        return flows ? { kind: 'flows', flowsText: flows.text } : 'No flows file is loaded.';
    }
  };

  let flowsSeq = 0;
  const classifyFlows = (): void => {
    const { flows, text } = get();
    if (!flows) return;
    const seq = ++flowsSeq;
    if (!client.ask) {
      set({ flows: { ...flows, error: NO_ENGINE } });
      return;
    }
    client
      .ask(text, { kind: 'flows', flowsText: flows.text })
      .then((answer) => {
        const now = get().flows;
        if (seq !== flowsSeq || !now) return;
        if (answer.kind === 'flows') set({ flows: { ...now, analysis: answer.result, error: null } });
        else
          set({ flows: { ...now, error: answer.kind === 'error' ? answer.message : 'unexpected answer' } });
      })
      .catch((error: unknown) => {
        const now = get().flows;
        if (seq === flowsSeq && now)
          set({ flows: { ...now, error: error instanceof Error ? error.message : String(error) } });
      });
  };

  return {
    marked: [],
    toggleMarked(edge) {
      set((s) => ({
        marked: s.marked.some((m) => sameEdge(m, edge))
          ? s.marked.filter((m) => !sameEdge(m, edge))
          : [...s.marked, edge],
      }));
    },
    clearMarked() {
      set({ marked: [] });
    },
    proposal: null,
    generatePolicies(source) {
      const intent = intentFor(source);
      if (typeof intent === 'string') {
        set({ proposal: { status: 'failed', source, message: intent } });
        return;
      }
      if (!client.ask) {
        set({ proposal: { status: 'failed', source, message: NO_ENGINE } });
        return;
      }
      const { text } = get();
      set({ proposal: { status: 'running', source } });
      client
        .ask(text, { kind: 'synthesize', intent })
        .then((answer) => {
          if (get().proposal?.status !== 'running') return;
          set({
            proposal:
              answer.kind === 'synthesize'
                ? { status: 'ready', source, answer: answer.result, text }
                : {
                    status: 'failed',
                    source,
                    message: answer.kind === 'error' ? answer.message : 'unexpected answer',
                  },
          });
        })
        .catch((error: unknown) => {
          if (get().proposal?.status === 'running')
            set({
              proposal: {
                status: 'failed',
                source,
                message: error instanceof Error ? error.message : String(error),
              },
            });
        });
    },
    applyProposal() {
      const { proposal } = get();
      if (proposal?.status !== 'ready' || proposal.answer.yaml === '') return false;
      // The canvas then draws what the policies changed, as Compare does, until Stop.
      const before = get().text;
      const done = get().runCommand('appendManifests', {
        yaml: proposal.answer.yaml,
        comment: generatedComment(proposal.source, proposal.answer),
      });
      if (done) {
        set({ proposal: null, ...(proposal.source === 'marked' ? { marked: [] } : {}) });
        get().setBaseline(BEFORE_GENERATED, before);
      }
      return done;
    },
    dismissProposal() {
      set({ proposal: null });
    },
    flows: null,
    flowFilter: DEFAULT_FLOW_FILTER,
    loadFlows(name, text) {
      set({ flows: { name, text, analysis: null, error: null }, flowFilter: DEFAULT_FLOW_FILTER });
      classifyFlows();
    },
    clearFlows() {
      flowsSeq++;
      set({ flows: null });
    },
    setFlowFilter(flowClass, on) {
      set((s) => ({ flowFilter: { ...s.flowFilter, [flowClass]: on } }));
    },
    refreshFlows: classifyFlows,
  };
}

/** The comment above generated policies: where they came from. */
export function generatedComment(source: ProposalSource, answer: SynthesisAnswer): string {
  return `Generated by NetPol Canvas from ${SOURCE_WORDS[source]}: ${answer.policyCount} policies, verified by its engine.`;
}

/** The intent's source in words, for the generated policies' comment. */
export const SOURCE_WORDS: Record<ProposalSource, string> = {
  checks: 'the connectivity checks',
  marked: 'the connections marked on the canvas',
  flows: 'the observed flows',
};
