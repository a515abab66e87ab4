/**
 * Editor insights drawn from the live model: hovering a `podSelector` or
 * `namespaceSelector` lists what it selects right now, and a code lens above each
 * NetworkPolicy says how many pods it applies to and which directions it isolates.
 */
import { objectKey, podsSelectedBy, selectionAt } from '../../engine';
import type { CompiledPolicy } from '../../engine';
import type { AppStore } from '../../store/appStore';
import { plural } from '../app/plural';
import { monaco } from './monacoSetup';

const MAX_LISTED = 12;
const NOOP_COMMAND = 'netpol.noop';
let noopRegistered = false;

/**
 * User text in a Markdown hover, shown as it is: a code span when it holds no backtick
 * (nothing is interpreted inside one), else every Markdown character escaped. A pod named
 * like a Markdown link must not become a link.
 */
export function markdownLiteral(text: string): string {
  return text.includes('`') || text.includes('\n') ? markdownEscape(text) : `\`${text}\``;
}

/**
 * Text with every Markdown character escaped (and line breaks as spaces); `:` and `/` too,
 * or GFM would still turn a bare `https://...` into a link.
 */
export function markdownEscape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~&:/\n]/g, (c) => (c === '\n' ? ' ' : `\\${c}`));
}

function listed(items: readonly string[]): string {
  if (items.length === 0) return 'nothing';
  const shown = items.slice(0, MAX_LISTED).map(markdownLiteral).join(', ');
  return items.length > MAX_LISTED ? `${shown} and ${items.length - MAX_LISTED} more` : shown;
}

function policyInDocument(
  policies: readonly CompiledPolicy[],
  documentIndex: number,
): CompiledPolicy | undefined {
  return policies.find(
    (p) => p.source?.documentIndex === documentIndex && (p.source.objectPath ?? []).length === 0,
  );
}

/**
 * With more policies than this, only the lenses near the view are listed (and listed again as
 * the view scrolls): Monaco checks every lens's place after every edit (~10 ms a keystroke
 * with 500 policies).
 */
const LENS_WINDOW_ABOVE = 100;
/** Lines listed above and below the view. */
const LENS_MARGIN = 300;
/**
 * At most this many, the nearest the view: with a policy per line (one-line JSON documents),
 * 300 lines each way were up to 600 lenses, whose view zones Monaco moves at each keystroke
 * (~25 ms; ~12 ms with 60).
 */
const LENS_MOST = 40;

/**
 * How long after a listing (or a request for one) it is checked that the lenses in view are
 * listed and titled.
 */
const RELIST_CHECK_MS = 1000;
/** Listings again for lenses in view that stay untitled, until the view or the text moves. */
const UNTITLED_RETRIES = 3;

export function registerPolicyInsights(
  model: monaco.editor.ITextModel,
  store: AppStore,
  editor: monaco.editor.ICodeEditor,
): monaco.IDisposable {
  // The model for the text in the editor, or null while it is on its way. The store's text is
  // the editor's (the binding passes each change on at once); `model.getValue` would join the
  // whole text (2 MB at 5,000 pods) for every lens and hover.
  const current = () => {
    const { parsed, text } = store.getState();
    return parsed.text === text && model.getValueLength() === text.length
      ? (parsed as typeof parsed & { text: string })
      : null;
  };

  const hover = monaco.languages.registerHoverProvider('yaml', {
    async provideHover(target, position) {
      if (target !== model) return null;
      const parsed = current();
      if (!parsed) return null;
      // The worker has this text parsed: it says which field the pointer is on.
      const at = await store.getState().fieldAt(parsed.text, model.getOffsetAt(position));
      if (!at || current() !== parsed) return null;
      const k = at.path.findLastIndex(
        (segment) => segment === 'podSelector' || segment === 'namespaceSelector',
      );
      const policy = k >= 0 ? policyInDocument(parsed.workspace.policies, at.documentIndex) : undefined;
      if (!policy) return null;
      const selection = selectionAt(parsed.workspace, policy, at.path.slice(0, k + 1));
      if (!selection) return null;
      const noun = selection.kind === 'pods' ? 'pod' : 'namespace';
      const count = plural(selection.matches.length, noun);
      const note = selection.note ? `\n\n_${markdownEscape(selection.note)}_` : '';
      return { contents: [{ value: `**Selects ${count} now:** ${listed(selection.matches)}${note}` }] };
    },
  });

  if (!noopRegistered) {
    monaco.editor.registerCommand(NOOP_COMMAND, () => undefined);
    noopRegistered = true;
  }
  const changed = new monaco.Emitter<monaco.languages.CodeLensProvider>();
  // Lenses are listed cheaply (a range each) and titled only when Monaco shows them
  // (`resolveCodeLens` runs for the lenses in view): 500 policies cost no selector matching.
  /** A lens was titled while the analysis was behind the text (left empty). */
  let untitled = false;
  /** The middle line of the view when the lenses were last listed for it (null: all listed). */
  let listedAround: number | null = null;
  /** How far from `listedAround` the listed lenses reach (lines). */
  let listedReach = LENS_MARGIN;
  /** The lenses of the last listing, and those Monaco has asked titles for since. */
  let listedLenses: readonly { line: number; key: string }[] = [];
  const titled = new Set<string>();
  const viewMiddle = (): number | null => {
    const ranges = editor.getVisibleRanges();
    const first = ranges[0];
    const last = ranges[ranges.length - 1];
    return first && last ? Math.round((first.startLineNumber + last.endLineNumber) / 2) : null;
  };
  const byKey = new WeakMap<object, Map<string, CompiledPolicy>>();
  const policyByKey = (policies: readonly CompiledPolicy[], key: string | undefined) => {
    let map = byKey.get(policies);
    if (!map) byKey.set(policies, (map = new Map(policies.map((p) => [p.key, p]))));
    return key === undefined ? undefined : map.get(key);
  };
  const lenses = monaco.languages.registerCodeLensProvider('yaml', {
    onDidChange: changed.event,
    provideCodeLenses(target) {
      const parsed = target === model ? current() : null;
      if (!parsed) return { lenses: [], dispose: () => undefined };
      const { policies } = parsed.workspace;
      const middle = policies.length > LENS_WINDOW_ABOVE ? viewMiddle() : null;
      listedAround = middle;
      const near: { line: number; key: string }[] = [];
      for (const policy of policies) {
        if (!policy.source || (policy.source.objectPath ?? []).length > 0) continue;
        const range = parsed.objectRanges.get(objectKey(policy.source));
        if (!range) continue;
        const line = model.getPositionAt(range.start).lineNumber;
        if (middle !== null && Math.abs(line - middle) > LENS_MARGIN) continue;
        near.push({ line, key: policy.key });
      }
      listedReach = LENS_MARGIN;
      if (middle !== null && near.length > LENS_MOST) {
        near.sort((a, b) => Math.abs(a.line - middle) - Math.abs(b.line - middle));
        near.length = LENS_MOST;
        listedReach = Math.max(...near.map(({ line }) => Math.abs(line - middle)));
        near.sort((a, b) => a.line - b.line);
      }
      listedLenses = near;
      titled.clear();
      scheduleCheck();
      const lenses = near.map(({ line, key }) => ({ range: new monaco.Range(line, 1, line, 1), id: key }));
      return { lenses, dispose: () => undefined };
    },
    resolveCodeLens(_target, lens) {
      if (lens.id !== undefined) titled.add(lens.id);
      const parsed = current();
      const policy = parsed && policyByKey(parsed.workspace.policies, lens.id);
      // Asked while the analysis is behind the text: Monaco keeps the empty title, so the
      // lenses are listed again as soon as the analysis is current.
      if (!parsed) untitled = true;
      if (!parsed || !policy) return { ...lens, command: { id: NOOP_COMMAND, title: '' } };
      const pods = podsSelectedBy(parsed.workspace, policy);
      const isolates =
        policy.policyTypes.length > 0 ? ` · isolates ${policy.policyTypes.join(' and ').toLowerCase()}` : '';
      const title = `applies to ${plural(pods.length, 'pod')}${pods.length > 0 ? `: ${pods.slice(0, 4).join(', ')}${pods.length > 4 ? ', …' : ''}` : ''}${isolates}`;
      return { ...lens, command: { id: NOOP_COMMAND, title } };
    },
  });
  const relist = () => {
    untitled = false;
    changed.fire(undefined as unknown as monaco.languages.CodeLensProvider);
  };
  const unsubscribe = store.subscribe((state, previous) => {
    if (state.parsed !== previous.parsed) retries = 0;
    if (state.parsed !== previous.parsed || (untitled && current())) relist();
  });
  // Monaco titles the lenses whose places are on screen a moment after it lists them, but only
  // those it has drawn by then: when the frame that draws them comes later than that moment (a
  // busy page), they stay untitled until the view moves. And it drops a listing it has scheduled
  // when the editor loses focus (`onDidBlurEditorText`). So after each listing, and after each
  // request for one, the view is checked a moment later: lenses listed far from it, or listed in
  // it but never titled, are listed again (the second listing finds their places drawn).
  const farFromListed = (): boolean => {
    const middle = listedAround === null ? null : viewMiddle();
    return middle !== null && listedAround !== null && Math.abs(middle - listedAround) > listedReach / 2;
  };
  const untitledInView = (): boolean =>
    editor
      .getVisibleRanges()
      .some((range) =>
        listedLenses.some(
          ({ line, key }) => line >= range.startLineNumber && line <= range.endLineNumber && !titled.has(key),
        ),
      );
  let recheck: ReturnType<typeof setTimeout> | undefined;
  /**
   * Listings in a row for untitled lenses in view, at most {@link UNTITLED_RETRIES} until the
   * view or the text moves (an editor never drawn, such as a hidden one, never titles any).
   */
  let retries = 0;
  function scheduleCheck(): void {
    clearTimeout(recheck);
    recheck = setTimeout(() => {
      if (farFromListed()) relistSoon();
      else if (retries < UNTITLED_RETRIES && untitledInView()) {
        retries++;
        relistSoon();
      }
    }, RELIST_CHECK_MS);
  }
  function relistSoon(): void {
    relist();
    scheduleCheck();
  }
  // Scrolled far from where the lenses were listed: list those near the view.
  const listNearView = (): void => {
    retries = 0;
    if (farFromListed()) relistSoon();
  };
  const scrolled = editor.onDidScrollChange(listNearView);

  return {
    dispose() {
      clearTimeout(recheck);
      unsubscribe();
      scrolled.dispose();
      hover.dispose();
      lenses.dispose();
      changed.dispose();
    },
  };
}
