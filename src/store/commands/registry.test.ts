import { describe, expect, it } from 'vitest';
import { NAMESPACE_ACTIONS } from './policyTemplates';
import { COMMANDS, commandById } from './registry';

describe('the command registry', () => {
  it('lists every command under its own id', () => {
    for (const [id, command] of Object.entries(COMMANDS)) expect(command.id).toBe(id);
    expect(commandById('addPod')).toBe(COMMANDS.addPod);
  });

  it('holds every namespace quick action the panels offer', () => {
    for (const action of NAMESPACE_ACTIONS) expect(commandById(action.id)).toBe(action);
  });
});
