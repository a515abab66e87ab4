/**
 * Canvas gestures are commands, not state edits: each turns the current text and model
 * into one minimal `TextChange`, which the store applies with origin `canvas` so it
 * reaches Monaco as an undoable edit. Commands are registered objects (id, label,
 * perform) that a toolbar, a context menu or a shortcut can all read.
 */
import type { PodInfo, Workspace } from '../../engine';
import type { TextChange, YamlPath } from '../../yaml/textEdits';

export interface CommandContext {
  readonly text: string;
  readonly workspace: Workspace;
}

/**
 * What a command produces: one minimal change, the whole new text (for edits that touch
 * several places; the editor still receives only the changed span), or why it cannot run.
 */
export type CommandOutcome = TextChange | { text: string } | { error: string };

/** A user intent that produces a text change, or a message saying why it cannot. */
export interface Command<Args> {
  readonly id: string;
  readonly label: string;
  perform(context: CommandContext, args: Args): CommandOutcome;
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
