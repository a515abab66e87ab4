/**
 * Canvas gestures are commands, not state edits: each turns the current text and model
 * into one minimal `TextChange`, which the store applies with origin `canvas` so it
 * reaches Monaco as an undoable edit. Commands are registered objects (id, label,
 * perform) that a toolbar, a context menu or a shortcut can all read.
 */
import type { PodInfo, Workspace } from '../../engine';
import { applyChanges, documentProblem } from '../../yaml/textEdits';
import type { TextChange, YamlPath } from '../../yaml/textEdits';

export interface CommandContext {
  readonly text: string;
  readonly workspace: Workspace;
}

/**
 * What a command produces, tagged: the changes to make (applied in order, each to the
 * text the previous one left: `applyChanges`), or why it cannot run. The store applies
 * the changes and publishes them; the editor applies exactly those.
 */
export type CommandOutcome =
  | { readonly kind: 'edit'; readonly changes: readonly TextChange[] }
  | { readonly kind: 'error'; readonly message: string };

/** An outcome that makes these changes. */
export function edit(...changes: TextChange[]): CommandOutcome {
  return { kind: 'edit', changes };
}

/** An outcome that changes nothing and says why. */
export function refuse(message: string): CommandOutcome {
  return { kind: 'error', message };
}

/** The text after an outcome's changes (null when the command refused). */
export function textAfter(text: string, outcome: CommandOutcome): string | null {
  return outcome.kind === 'edit' ? applyChanges(text, outcome.changes) : null;
}

/** One change, or `message` when there is none to make. */
export function editOr(change: TextChange | null, message: string): CommandOutcome {
  return change ? edit(change) : refuse(message);
}

/** A user intent that produces a text change, or a message saying why it cannot. */
export interface Command<Args> {
  readonly id: string;
  readonly label: string;
  perform(context: CommandContext, args: Args): CommandOutcome;
}

/**
 * The pod a gesture edits and its document, or the refusal: it is not in the workspace, or
 * its document has a YAML error (the model shows its last good version, whose paths the
 * text no longer has).
 */
export function podToEdit(
  text: string,
  workspace: Workspace,
  podKey: string,
): { pod: PodInfo; documentIndex: number } | { refused: CommandOutcome } {
  const pod = workspace.pods.find((p) => p.key === podKey);
  if (!pod?.source) return { refused: refuse(`${podKey} is not in the workspace`) };
  const problem = documentProblem(text, pod.source.documentIndex);
  if (problem) {
    return {
      refused: refuse(`the YAML of ${podKey} has an error (${problem}): fix it in the YAML pane first`),
    };
  }
  return { pod, documentIndex: pod.source.documentIndex };
}

/** Where a pod's (or workload's pod template's) labels live in its object. */
export function labelsPathOf(pod: PodInfo): YamlPath {
  const prefix = pod.source?.objectPath ?? [];
  switch (pod.kind) {
    case 'Pod':
      return [...prefix, 'metadata', 'labels'];
    case 'CronJob':
      return [...prefix, 'spec', 'jobTemplate', 'spec', 'template', 'metadata', 'labels'];
    default:
      return [...prefix, 'spec', 'template', 'metadata', 'labels'];
  }
}

/** A DNS-1123 label, as namespaces and most object names must be. */
export function isDnsLabel(name: string): boolean {
  return /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(name);
}
