import { useRef } from 'react';
import type { ChangeEvent } from 'react';
import { useAppStore } from '../app/storeContext';
import { plural } from '../app/plural';

/** Larger flows files than this are refused (a day of `hubble observe` at full rate is far less). */
const MAX_FLOWS_BYTES = 50 * 1024 * 1024;

/**
 * The canvas toolbar's part in synthesis: load a Hubble flows file (`hubble observe -o json`),
 * and, while connections are marked "should be allowed", generate the policies for them.
 */
export function SynthesisControls() {
  const marked = useAppStore((s) => s.marked);
  const generate = useAppStore((s) => s.generatePolicies);
  const clearMarked = useAppStore((s) => s.clearMarked);
  const loadFlows = useAppStore((s) => s.loadFlows);
  const input = useRef<HTMLInputElement>(null);
  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    if (file.size > MAX_FLOWS_BYTES) {
      loadFlows(file.name, '');
      return;
    }
    void file.text().then((text) => loadFlows(file.name, text));
  };
  return (
    <>
      <button
        type="button"
        data-testid="flows.open"
        title="Load Hubble flows (hubble observe -o json) to see observed traffic against the policies"
        onClick={() => input.current?.click()}
      >
        Flows…
      </button>
      <input
        ref={input}
        type="file"
        accept=".json,.jsonl,.ndjson,.txt,application/json"
        hidden
        onChange={onFile}
        data-testid="flows.input"
      />
      {marked.length > 0 && (
        <span className="marked-bar" data-testid="synth.marked">
          {plural(marked.length, 'connection')} marked
          <button
            type="button"
            className="primary"
            onClick={() => generate('marked')}
            data-testid="synth.from-marked"
          >
            Generate policies
          </button>
          <button type="button" className="secondary" onClick={clearMarked} data-testid="synth.clear-marked">
            Clear
          </button>
        </span>
      )}
    </>
  );
}
