import { diffLines } from 'diff';
import { useMemo } from 'react';

/** Lines of unchanged text kept around each change. */
const CONTEXT = 2;

/** What a change does to the text, as a unified diff of lines (unchanged runs shortened). */
export function TextDiff({ before, after, testId }: { before: string; after: string; testId: string }) {
  const parts = useMemo(() => diffLines(before, after), [before, after]);
  return (
    <pre className="diff" data-testid={testId}>
      {parts.map((part, i) => {
        const lines = part.value.replace(/\n$/, '').split('\n');
        if (!part.added && !part.removed) {
          const shown =
            lines.length > CONTEXT * 2
              ? [...lines.slice(0, i === 0 ? 0 : CONTEXT), '⋯', ...lines.slice(-CONTEXT)]
              : lines;
          return shown.map((line, j) => (
            <div key={`${i}-${j}`} className="diff-line">
              {'  '}
              {line}
            </div>
          ));
        }
        return lines.map((line, j) => (
          <div key={`${i}-${j}`} className={part.added ? 'diff-line added' : 'diff-line removed'}>
            {part.added ? '+ ' : '- '}
            {line}
          </div>
        ));
      })}
    </pre>
  );
}
