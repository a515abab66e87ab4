import { useCallback } from 'react';
import type { Command } from '../../store/commands/command';
import { useAppStoreApi } from './storeContext';

/** Runs a command; returns null on success, or the message saying why it could not run. */
export function useRunCommand(): <Args>(command: Command<Args>, args: Args) => string | null {
  const store = useAppStoreApi();
  return useCallback(
    <Args>(command: Command<Args>, args: Args) =>
      store.getState().runCommand(command, args)
        ? null
        : (store.getState().commandError ?? 'The command could not run.'),
    [store],
  );
}
