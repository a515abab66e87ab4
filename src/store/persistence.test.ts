import { describe, expect, it } from 'vitest';
import type { AnalysisClient } from '../worker/client';
import { createAnalyzer } from '../worker/createAnalyzer';
import { createAppStore } from './appStore';
import { memoryChannels, memoryStorage, recoverText, WorkspaceLibrary } from './persistence';
import type { KeyValueStorage } from './persistence';

function inlineClient(): AnalysisClient {
  const analyzer = createAnalyzer();
  return {
    analyze: (request) => Promise.resolve({ seq: request.seq, result: analyzer.analyze(request), millis: 0 }),
    dispose: () => undefined,
  };
}

/** Lets queued microtasks (the channel, the evaluator) run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

const NS = (name: string) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n`;

function openTab(
  storage: KeyValueStorage,
  channel?: ReturnType<ReturnType<typeof memoryChannels>>,
  saveDelayMs = 0,
) {
  const store = createAppStore({
    client: inlineClient(),
    initialText: NS('demo'),
    storage,
    channel,
    saveDelayMs,
  });
  store.getState().start();
  return store;
}

/** A stored record's head: its first line, JSON. */
const headOf = (raw: string): Record<string, unknown> =>
  JSON.parse(raw.slice(0, raw.indexOf('\n'))) as Record<string, unknown>;

function savedTexts(storage: KeyValueStorage): string[] {
  const library = new WorkspaceLibrary(storage);
  return library.list().map((w) => {
    const loaded = library.load(w.id);
    return loaded?.ok ? loaded.saved.text : '';
  });
}

describe('two tabs', () => {
  it('a tab takes up what another saved, so edits made one after the other are all kept', async () => {
    const storage = memoryStorage();
    const channels = memoryChannels();
    const a = openTab(storage, channels());
    const b = openTab(storage, channels());
    expect(b.getState().workspaceId).toBe(a.getState().workspaceId);
    a.getState().setText(`${a.getState().text}# TAB-A-EDIT\n`, 'editor');
    await settle();
    expect(b.getState().text).toContain('# TAB-A-EDIT');
    b.getState().setText(`${b.getState().text}# TAB-B-EDIT\n`, 'editor');
    await settle();
    expect(a.getState().text).toContain('# TAB-B-EDIT');
    expect(savedTexts(storage)).toHaveLength(1);
    expect(savedTexts(storage)[0]).toContain('# TAB-A-EDIT');
    expect(savedTexts(storage)[0]).toContain('# TAB-B-EDIT');
    // A third tab opened now shows both.
    expect(openTab(storage).getState().text).toMatch(/TAB-A-EDIT[\s\S]*TAB-B-EDIT/);
  });

  it('a tab shown again takes up a newer save even with no message (no BroadcastChannel)', () => {
    const storage = memoryStorage();
    const a = openTab(storage);
    const b = openTab(storage);
    a.getState().setText(`${NS('demo')}# from A\n`, 'editor');
    expect(b.getState().text).not.toContain('# from A');
    b.getState().syncFromStorage();
    expect(b.getState().text).toContain('# from A');
  });

  it('a tab that only laid out or moved its view does not fork the edits typed meanwhile in another', async () => {
    const storage = memoryStorage();
    const channels = memoryChannels();
    const a = openTab(storage, channels(), 10_000);
    const b = openTab(storage, channels(), 10_000);
    // A types (not saved yet: a pause in typing is awaited); B, opened just now, lays out.
    a.getState().setText(`${NS('demo')}# TAB-A-EDIT\n`, 'editor');
    b.getState().mergePositions({ 'pod:demo/web': { x: 10, y: 20 } });
    b.getState().flushSave();
    await settle();
    // A's edits went to the same workspace, not to a copy; B takes them up.
    expect(savedTexts(storage)).toEqual([`${NS('demo')}# TAB-A-EDIT\n`]);
    expect(a.getState().notice).toBeNull();
    b.getState().syncFromStorage();
    expect(b.getState().text).toContain('# TAB-A-EDIT');
    expect(a.getState().workspaces).toHaveLength(1);
  });

  it('a tab whose own layout is still unsaved takes up the text another tab saved, without a copy', async () => {
    const storage = memoryStorage();
    const channels = memoryChannels();
    const a = openTab(storage, channels(), 10_000);
    const b = openTab(storage, channels(), 10_000);
    b.getState().mergePositions({ 'pod:demo/web': { x: 10, y: 20 } });
    a.getState().setText(`${NS('demo')}# TAB-A-EDIT\n`, 'editor');
    a.getState().flushSave();
    await settle();
    expect(b.getState().text).toContain('# TAB-A-EDIT');
    expect(b.getState().notice).toBeNull();
    b.getState().flushSave();
    expect(savedTexts(storage)).toEqual([`${NS('demo')}# TAB-A-EDIT\n`]);
  });

  it('edits made in two tabs at once are both kept: the later one as a copy, with a message', async () => {
    const storage = memoryStorage();
    const channels = memoryChannels();
    // Autosave waits for a pause in typing: both tabs type before either saves.
    const a = openTab(storage, channels(), 10_000);
    const b = openTab(storage, channels(), 10_000);
    a.getState().setText(`${NS('demo')}# TAB-A-EDIT\n`, 'editor');
    b.getState().setText(`${NS('demo')}# TAB-B-EDIT\n`, 'editor');
    a.getState().flushSave();
    await settle();
    // B had unsaved edits when A's save arrived: they went to a copy, opened in B.
    const texts = savedTexts(storage);
    expect(texts).toHaveLength(2);
    expect(texts.some((t) => t.includes('TAB-A-EDIT') && !t.includes('TAB-B-EDIT'))).toBe(true);
    expect(texts.some((t) => t.includes('TAB-B-EDIT'))).toBe(true);
    expect(b.getState().text).toContain('# TAB-B-EDIT');
    expect(b.getState().notice).toMatch(/changed in another tab.*Both versions are kept.*edited in two tabs/);
    expect(a.getState().workspaces.map((w) => w.name)).toEqual([
      'Demo workspace',
      'Demo workspace (edited in two tabs)',
    ]);
  });
});

describe('damaged storage', () => {
  it('rebuilds a damaged index from the saved workspaces and says so', () => {
    const storage = memoryStorage();
    const first = openTab(storage);
    first.getState().newWorkspace('Shop', NS('shop'));
    first.getState().newWorkspace('Bank', NS('bank'));
    const index = storage.getItem('netpol-canvas:workspaces') ?? '';
    storage.setItem('netpol-canvas:workspaces', index.slice(0, index.length / 2));
    const reopened = openTab(storage);
    expect(
      reopened
        .getState()
        .workspaces.map((w) => w.name)
        .sort(),
    ).toEqual(['Bank', 'Demo workspace', 'Shop']);
    expect(reopened.getState().notice).toMatch(/could not be read; it was rebuilt from the 3 workspaces/);
    expect(reopened.getState().text).toBe(NS('bank'));
  });

  it('lists a saved workspace missing from the index again', () => {
    const storage = memoryStorage();
    openTab(storage).getState().newWorkspace('Shop', NS('shop'));
    const index = JSON.parse(storage.getItem('netpol-canvas:workspaces') ?? '[]') as { name: string }[];
    storage.setItem('netpol-canvas:workspaces', JSON.stringify(index.filter((w) => w.name !== 'Shop')));
    const reopened = openTab(storage);
    expect(reopened.getState().workspaces.map((w) => w.name)).toEqual(['Demo workspace', 'Shop']);
    expect(reopened.getState().notice).toMatch(
      /1 saved workspace missing from the list was listed again: “Shop”/,
    );
  });

  it('opens an unreadable workspace with the text found in it, keeping the raw record', () => {
    const storage = memoryStorage();
    const first = openTab(storage);
    first.getState().newWorkspace('Shop', `${NS('shop')}# my notes\n`);
    const key = `netpol-canvas:workspace:${first.getState().workspaceId}`;
    const raw = storage.getItem(key) ?? '';
    const truncated = raw.slice(0, raw.indexOf('# my notes') + 6);
    storage.setItem(key, truncated);
    const reopened = openTab(storage);
    expect(reopened.getState().workspaceId).toBe(first.getState().workspaceId);
    expect(reopened.getState().text).toBe(`${NS('shop')}# my n`);
    expect(reopened.getState().notice).toMatch(
      /“Shop” could not be read \(it is cut short\): the text found in it is shown/,
    );
    expect(storage.getItem(`netpol-canvas:unreadable:${first.getState().workspaceId}`)).toBe(truncated);
    expect(reopened.getState().workspaces.map((w) => w.name)).toEqual(['Demo workspace', 'Shop']);
  });

  it('opens a cut-short version 2 record (all JSON) with the text found in it', () => {
    const storage = memoryStorage();
    const first = openTab(storage);
    const id = first.getState().workspaceId;
    const record = {
      v: 2,
      name: 'Demo workspace',
      rev: 3,
      tab: 't',
      savedAt: 1,
      text: `${NS('v2')}# "notes"\n`,
    };
    const raw = JSON.stringify(record);
    storage.setItem(`netpol-canvas:workspace:${id}`, raw);
    expect(openTab(storage).getState().text).toBe(record.text);
    storage.setItem(`netpol-canvas:workspace:${id}`, raw.slice(0, raw.indexOf('notes') + 5));
    const reopened = openTab(storage);
    expect(reopened.getState().text).toBe(`${NS('v2')}# "notes`);
    expect(reopened.getState().notice).toMatch(/could not be read \(it is not complete JSON\)/);
  });

  it('keeps any text exactly, after a head of one line', () => {
    const storage = memoryStorage();
    const library = new WorkspaceLibrary(storage);
    const text = `{"v":3,"length":1}\n"quoted" \\ back\r\nCRLF \u2028 é 🙂\n\n`;
    const created = library.create('Odd', { text, selectedPod: 'a/b', collapsed: ['x'] });
    if ('error' in created) throw new Error(created.error);
    const raw = storage.getItem(`netpol-canvas:workspace:${created.entry.id}`) ?? '';
    // The text as it is after the head's line, not as a JSON string.
    expect(raw.slice(raw.indexOf('\n') + 1)).toBe(text);
    expect(library.load(created.entry.id)).toMatchObject({
      ok: true,
      saved: { text, selectedPod: 'a/b', collapsed: ['x'] },
    });
    library.rename(created.entry.id, 'Renamed');
    expect(library.load(created.entry.id)).toMatchObject({
      ok: true,
      name: 'Renamed',
      rev: 1,
      saved: { text },
    });
  });

  it('opens a wrong-typed workspace as its raw text instead of creating a new one', () => {
    const storage = memoryStorage();
    const first = openTab(storage);
    storage.setItem(`netpol-canvas:workspace:${first.getState().workspaceId}`, '{"text": 42}');
    const reopened = openTab(storage);
    expect(reopened.getState().workspaces).toHaveLength(1);
    expect(reopened.getState().text).toBe('{"text": 42}');
    expect(reopened.getState().notice).toMatch(
      /could not be read \(it has no text\): its raw saved content is shown/,
    );
  });

  it('opens the workspace saved last when the pointer to the open one is garbage', () => {
    const storage = memoryStorage();
    const first = openTab(storage);
    first.getState().newWorkspace('Shop', NS('shop'));
    first.getState().setText(`${NS('shop')}# latest\n`, 'editor');
    first.getState().switchWorkspace(first.getState().workspaces[0]?.id ?? '');
    storage.setItem('netpol-canvas:current', '\u0000garbage');
    const reopened = openTab(storage);
    expect(reopened.getState().workspaces).toHaveLength(2);
    expect(reopened.getState().text).toBe(NS('demo'));
    expect(reopened.getState().notice).toMatch(
      /workspace last open could not be read; “Demo workspace”, saved last, is open/,
    );
  });

  it('reads version 1 records (name only in the index) and rewrites them as version 2', () => {
    const storage = memoryStorage();
    storage.setItem('netpol-canvas:workspaces', JSON.stringify([{ id: 'old', name: 'Old one' }]));
    storage.setItem('netpol-canvas:current', 'old');
    storage.setItem('netpol-canvas:workspace:old', JSON.stringify({ text: NS('old'), selectedPod: null }));
    const store = openTab(storage);
    expect(store.getState().text).toBe(NS('old'));
    expect(store.getState().notice).toBeNull();
    store.getState().setText(`${NS('old')}# edited\n`, 'editor');
    const raw = storage.getItem('netpol-canvas:workspace:old') ?? '';
    expect(headOf(raw)).toMatchObject({ v: 2, name: 'Old one', rev: 1 });
    expect(new WorkspaceLibrary(storage).load('old')).toMatchObject({
      ok: true,
      saved: { text: `${NS('old')}# edited\n` },
    });
  });
});

describe('full storage', () => {
  it('a workspace that cannot be created leaves the list as it was and says why', () => {
    const storage = memoryStorage(2_000);
    const store = openTab(storage);
    const before = storage.keys().sort();
    expect(store.getState().newWorkspace('Big', NS('big') + '#'.repeat(3_000))).toBe(false);
    expect(storage.keys().sort()).toEqual(before);
    expect(store.getState().workspaces.map((w) => w.name)).toEqual(['Demo workspace']);
    expect(store.getState().saveError).toMatch(
      /Could not create “Big”: browser storage is full.*Nothing was changed/,
    );
    expect(store.getState().text).toBe(NS('demo'));
    expect(openTab(storage).getState().text).toBe(NS('demo'));
  });

  it('a failed save says what was not saved; the next successful one clears it', () => {
    const storage = memoryStorage(2_000);
    const store = openTab(storage);
    store.getState().setText(NS('demo') + '#'.repeat(3_000), 'editor');
    expect(store.getState().saveError).toMatch(/Not saved: browser storage is full.*only in this tab/);
    store.getState().setText(`${NS('demo')}# short\n`, 'editor');
    expect(store.getState().saveError).toBeNull();
    expect(savedTexts(storage)).toEqual([`${NS('demo')}# short\n`]);
  });
});

describe('recoverText', () => {
  it('finds the text of a truncated record, even cut inside an escape', () => {
    expect(recoverText('{"v":2,"text":"a: 1\\nb: \\u00')).toBe('a: 1\nb: ');
    expect(recoverText('{"text":"x\\"y","name":"n"}')).toBe('x"y');
    expect(recoverText('not json')).toBe('not json');
  });
});

describe('revisions', () => {
  it('are read from a record’s head as a full parse reads them, whatever its name holds', () => {
    const storage = memoryStorage();
    const library = new WorkspaceLibrary(storage);
    const created = library.create('a "quoted" \\ name, with "rev":99', {
      text: 'a: 1\n',
      selectedPod: null,
    });
    if ('error' in created) throw new Error(created.error);
    library.save(created.entry.id, { text: '"rev":42', selectedPod: null });
    const raw = storage.getItem(`netpol-canvas:workspace:${created.entry.id}`) ?? '';
    const parsed = headOf(raw) as { rev: number; tab: string };
    expect(library.revision(created.entry.id)).toEqual({ rev: parsed.rev, tab: parsed.tab });
    expect(parsed.rev).toBe(2);
    // A version 1 record (no head) is parsed in full; an unreadable one has no revision.
    storage.setItem('netpol-canvas:workspace:old', JSON.stringify({ text: 'x', rev: 7, tab: 't' }));
    expect(library.revision('old')).toEqual({ rev: 7, tab: 't' });
    storage.setItem('netpol-canvas:workspace:bad', '{"v":2,"na');
    expect(library.revision('bad')).toEqual({ rev: 0, tab: '' });
    // A name longer than the 4 KB the head is read from: the head line is parsed instead.
    const long = library.create('n'.repeat(5000), { text: 'a: 1\n', selectedPod: null });
    if ('error' in long) throw new Error(long.error);
    library.save(long.entry.id, { text: 'a: 2\n', selectedPod: null });
    expect(library.revision(long.entry.id)).toEqual({ rev: 2, tab: library.tab });
    // What a tab of the version before reads from a record (its pattern, its version): the revision.
    const before = /^\{"v":2,"name":"(?:[^"\\]|\\.)*","rev":(\d+),"tab":"([^"\\]*)","savedAt":(\d+)[,}]/;
    expect(before.exec(raw)?.slice(1, 3)).toEqual(['2', library.tab]);
  });
});
