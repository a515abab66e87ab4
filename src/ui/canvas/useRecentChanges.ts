import { useEffect, useRef, useState } from 'react';
import { diffMatrices } from '../../engine';
import type { MatrixResult } from '../../store/analysisTypes';
import { useAppStore } from '../app/storeContext';

export interface Changes {
  gained: ReadonlySet<string>;
  lost: ReadonlySet<string>;
}

/** How long the connections a gesture changed stay marked. */
const SHOWN_MS = 5000;
/** A gesture that changes more than this is shown by the canvas as a whole, not edge by edge. */
const MOST = 200;

const keyOf = (e: { from: string; to: string }) => `${e.from}->${e.to}`;

/**
 * The connections the last canvas gesture (a quick action, a drawn connection, a label
 * edit) gained and lost, for a few seconds: the service map draws them thick even where
 * it would draw nothing (a default-deny's new blocks), so a gesture always shows its effect.
 */
export function useRecentChanges(result: MatrixResult | null, text: string | null): Changes | null {
  const origin = useAppStore((s) => s.lastChange.origin);
  const previous = useRef<{ result: MatrixResult; text: string | null } | null>(null);
  const [recent, setRecent] = useState<Changes | null>(null);
  useEffect(() => {
    const before = previous.current;
    if (result) previous.current = { result, text };
    // Only an edit of the text by a gesture: not typing, not a port or plugin change.
    if (!before || !result || before.text === text || origin !== 'canvas') return undefined;
    const diff = diffMatrices(before.result, result);
    const count = diff.gained.length + diff.lost.length;
    if (count === 0 || count > MOST) return undefined;
    const changes = { gained: new Set(diff.gained.map(keyOf)), lost: new Set(diff.lost.map(keyOf)) };
    const show = setTimeout(() => setRecent(changes), 0);
    const hide = setTimeout(() => setRecent(null), SHOWN_MS);
    return () => {
      clearTimeout(show);
      clearTimeout(hide);
    };
  }, [result, text, origin]);
  return recent;
}
