import { useCallback } from 'react';
import type { CommandArgs, CommandId } from '../../store/commands/registry';
import { useAppStoreApi } from './storeContext';

/** Runs a command by id; returns null on success, or the message saying why it could not run. */
export function useRunCommand(): <Id extends CommandId>(id: Id, args: CommandArgs<Id>) => string | null {
  const store = useAppStoreApi();
  return useCallback(
    <Id extends CommandId>(id: Id, args: CommandArgs<Id>) =>
      store.getState().runCommand(id, args)
        ? null
        : (store.getState().commandError ?? 'The command could not run.'),
    [store],
  );
}
