/**
 * Running commands (gestures → commands → changes): a command acts on the worker's model of
 * the exact text it edits. One asked for before the worker has read the latest keystroke
 * waits for that answer, in order (a refusal then is a notice); a preview is null meanwhile.
 */
import type { AppState, TextOrigin } from './appStore';
import type { Command, CommandOutcome } from './commands/command';
import { commandById } from './commands/registry';
import type { CommandArgs, CommandId } from './commands/registry';
import type { TextChange } from './analysisTypes';

type Get = () => AppState;
type Set = (partial: Partial<AppState>) => void;

export interface CommandRunner {
  runCommand: <Id extends CommandId>(id: Id, args: CommandArgs<Id>) => boolean;
  previewCommand: <Id extends CommandId>(id: Id, args: CommandArgs<Id>) => CommandOutcome | null;
  /** The worker has answered: run what waited for the current text's model. */
  modelArrived: () => void;
  /** The worker could not read the text: what waited is dropped, and the user told. */
  modelFailed: (message: string) => void;
  /** The text was replaced (another workspace, an import): what waited was meant for the old one. */
  textReplaced: () => void;
}

export function createCommandRunner(
  set: Set,
  get: Get,
  commit: (changes: readonly TextChange[], origin: TextOrigin) => void,
  /** Asks the worker to read the current text now, unless it has been asked already. */
  readNow: () => void,
): CommandRunner {
  const waiting: { id: CommandId; args: unknown }[] = [];
  const current = () => get().parsed.text === get().text;
  const outcomeOf = (id: CommandId, args: unknown): CommandOutcome => {
    const { text, parsed } = get();
    return (commandById(id) as Command<unknown>).perform({ text, workspace: parsed.workspace }, args);
  };
  /** Performs a command on the current text and its model, and commits its changes. */
  const perform = (id: CommandId, args: unknown): CommandOutcome => {
    const outcome = outcomeOf(id, args);
    if (outcome.kind === 'error') set({ commandError: outcome.message });
    else {
      set({ commandError: null });
      commit(outcome.changes, 'canvas');
    }
    return outcome;
  };
  return {
    runCommand(id, args) {
      if (!current()) {
        waiting.push({ id, args });
        set({ commandError: null });
        readNow();
        return true;
      }
      return perform(id, args).kind === 'edit';
    },
    previewCommand(id, args) {
      return current() ? outcomeOf(id, args) : null;
    },
    modelArrived() {
      // Each command's change makes the model stale again: the rest wait for the next answer.
      while (waiting.length > 0 && current()) {
        const next = waiting.shift();
        if (!next) return;
        const outcome = perform(next.id, next.args);
        if (outcome.kind === 'error')
          set({ commandError: outcome.message, notice: `${commandById(next.id).label}: ${outcome.message}` });
      }
    },
    modelFailed(message) {
      const dropped = waiting.splice(0).map((c) => commandById(c.id).label);
      if (dropped.length > 0)
        set({
          commandError: message,
          notice: `Not done (${dropped.join(', ')}): the YAML could not be read (${message}).`,
        });
    },
    textReplaced() {
      waiting.length = 0;
    },
  };
}
