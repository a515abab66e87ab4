import { describe, expect, it, vi } from 'vitest';
import { createAnalyzer } from './createAnalyzer';

// Counts the documents read (an opened file's documents are read by the fast reader).
const reads = vi.hoisted(() => ({ count: 0 }));
vi.mock('../yaml/fastDocument', async (importOriginal) => {
  const original = await importOriginal<typeof import('../yaml/fastDocument')>();
  return {
    ...original,
    readFast: (chunk: string) => {
      reads.count++;
      return original.readFast(chunk);
    },
  };
});

const pods = (from: number, to: number) =>
  Array.from(
    { length: to - from },
    (_, i) => `---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p${from + i}\n  namespace: bulk\n`,
  ).join('');

const request = (text: string, seq: number) =>
  ({ type: 'analyze', seq, text, options: {}, port: 'any', enforced: true }) as const;

describe('the analyzer', () => {
  it('reads a file once: its summary (the import dialog) keeps what it parsed for its analysis', () => {
    const analyzer = createAnalyzer();
    const edited = pods(0, 40);
    analyzer.analyze(request(edited, 1));
    const opened = pods(100, 140);
    reads.count = 0;
    expect(analyzer.summarize(opened)).toMatchObject({ objects: 40, documents: 40 });
    expect(reads.count).toBe(40);
    // Merged into the edited text: neither its documents nor the file's are read again.
    const merged = analyzer.analyze(request(edited + opened, 2));
    expect(merged.workspace.pods).toHaveLength(80);
    expect(reads.count).toBe(40);
  });

  it('a summary that is never imported changes nothing for the edited text', () => {
    const analyzer = createAnalyzer();
    const edited = pods(0, 40);
    analyzer.analyze(request(edited, 1));
    analyzer.summarize(pods(100, 140));
    reads.count = 0;
    const again = analyzer.analyze(request(`${edited}# a comment\n`, 2));
    expect(again.workspace.pods).toHaveLength(40);
    // Only the edited (last) document is read again, by the yaml package (typing is never bulk).
    expect(reads.count).toBe(0);
  });
});
