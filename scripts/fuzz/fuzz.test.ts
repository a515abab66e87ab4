import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzProperty } from './fuzzWorkspace';
import type { FuzzStats } from './fuzzWorkspace';

describe('fuzz: damaged text through parse, validation, evaluation and every canvas command', () => {
  it('never throws and never makes clean text unreadable (2,000 inputs)', () => {
    const stats: FuzzStats = { inputs: 0, commandsRun: 0, commandsRefused: 0, textsWithYamlErrors: 0 };
    fc.assert(fuzzProperty(stats), { numRuns: 2_000 });
    expect(stats.inputs).toBeGreaterThanOrEqual(2_000);
    // The generator reaches both sides: commands that run and refuse, broken and clean text.
    expect(stats.commandsRun).toBeGreaterThan(500);
    expect(stats.commandsRefused).toBeGreaterThan(100);
    expect(stats.textsWithYamlErrors).toBeGreaterThan(100);
  });
});
