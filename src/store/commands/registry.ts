/**
 * Every command by its id: the toolbar, the panels, the shortcuts and the dialogs run a
 * command by naming it (`runCommand('addPod', args)`), so what a gesture does is looked up
 * in one place, and an id that names no command does not compile.
 */
import { addExpectation } from './addExpectation';
import { addNamespace } from './addNamespace';
import { addPod } from './addPod';
import { adminOnlyFromMonitoring } from './adminTemplates';
import { allowTraffic } from './allowTraffic';
import { appendManifests } from './appendManifests';
import type { Command } from './command';
import { deleteObject } from './deleteObject';
import { allowDnsEgress, allowSameNamespace, denyEgress, denyIngress } from './policyTemplates';
import { setContainerPorts } from './setContainerPorts';
import { setPodLabels } from './setPodLabels';

export const COMMANDS = {
  addExpectation,
  addNamespace,
  addPod,
  adminOnlyFromMonitoring,
  allowDnsEgress,
  allowSameNamespace,
  allowTraffic,
  appendManifests,
  deleteObject,
  denyEgress,
  denyIngress,
  setContainerPorts,
  setPodLabels,
} as const;

export type CommandId = keyof typeof COMMANDS;

/** The arguments the command `Id` takes. */
export type CommandArgs<Id extends CommandId> =
  (typeof COMMANDS)[Id] extends Command<infer Args> ? Args : never;

/** The command registered under `id`. */
export function commandById<Id extends CommandId>(id: Id): Command<CommandArgs<Id>> {
  return COMMANDS[id] as unknown as Command<CommandArgs<Id>>;
}
