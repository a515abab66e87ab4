/** How the store asks the worker for an analysis: the request, when a keystroke waits, and its phases. */
import type { PortQuery } from '../engine';
import type { AnalyzePhase } from '../worker/protocol';

/**
 * Which network plugin enforces the policies: none (Flannel alone: policies have no
 * effect), a generic enforcing plugin, or a Cilium-like one whose ipBlocks never match
 * pod IPs.
 */
export type PluginProfile = 'none' | 'generic' | 'cilium';

/**
 * Whether a keystroke waits for a pause in the typing before it is analysed (a debounce
 * with a leading edge). A keystroke after a pause of `parseDelayMs` recolours at once, and
 * so does one in a burst of typing once the last answer is in, when drawing an answer cost
 * this thread less than `parseDelayMs`. Otherwise (an answer on its way, or a large
 * workspace whose answers take long to draw) it waits, so that answers do not hold the
 * typing up.
 */
export function waitsForPause({
  sinceLastEdit,
  answerPending,
  lastAnswerCost,
  parseDelayMs,
}: {
  sinceLastEdit: number;
  answerPending: boolean;
  lastAnswerCost: number;
  parseDelayMs: number;
}): boolean {
  return sinceLastEdit < parseDelayMs && (answerPending || lastAnswerCost >= parseDelayMs);
}

/** A run's phase ("Reading the YAML…") shows once the run has taken this long. */
export const PHASE_SHOWN_AFTER_MS = 300;

/**
 * A run's phases, shown once it has taken `PHASE_SHOWN_AFTER_MS`: a keystroke's answer comes
 * sooner, and each phase shown redrew the canvas (twice a key, ~10 ms each at 5,000 pods).
 */
export function delayedPhases(show: (phase: AnalyzePhase) => void): {
  report: (phase: AnalyzePhase) => void;
  stop: () => void;
} {
  let phase: AnalyzePhase | null = null;
  let shown = false;
  const timer = setTimeout(() => {
    shown = true;
    if (phase) show(phase);
  }, PHASE_SHOWN_AFTER_MS);
  return {
    report(next) {
      phase = next;
      if (shown) show(next);
    },
    stop: () => clearTimeout(timer),
  };
}

function pluginOptions(plugin: PluginProfile): { ipBlockMatchesPodIPs?: boolean } {
  return plugin === 'cilium' ? { ipBlockMatchesPodIPs: false } : {};
}

/** An analysis request of the edited text (or a baseline) for a port and plugin profile. */
export function requestFor(text: string, port: PortQuery, plugin: PluginProfile) {
  return {
    type: 'analyze' as const,
    text,
    port,
    enforced: plugin !== 'none',
    options: pluginOptions(plugin),
  };
}

/** A whole text's answer with more pods than this is drawn in a task after the one that decoded it. */
export const DRAWN_LATER_PODS = 500;
