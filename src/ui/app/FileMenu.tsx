import { useRef, useState } from 'react';
import { downloadText, readFiles } from './download';
import { useAppStore, useAppStoreApi } from './storeContext';

/** Open, paste, export and copy the workspace. */
export function FileMenu() {
  const store = useAppStoreApi();
  const offerImport = useAppStore((s) => s.offerImport);
  const input = useRef<HTMLInputElement>(null);
  const [notice, setNotice] = useState<string | null>(null);

  /** A short message; a `lasting` one (something was left out) stays until the next. */
  const flash = (message: string, lasting = false) => {
    setNotice(message);
    if (!lasting) setTimeout(() => setNotice((now) => (now === message ? null : now)), 2500);
  };

  return (
    <div className="file-menu">
      <input
        ref={input}
        type="file"
        multiple
        accept=".yaml,.yml,.json"
        hidden
        data-testid="file.input"
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          if (files.length > 0) void readFiles(files).then(({ text, sources }) => offerImport(text, sources));
        }}
      />
      <button type="button" data-testid="file.open" onClick={() => input.current?.click()}>
        Open…
      </button>
      <button
        type="button"
        data-testid="file.paste"
        onClick={() => {
          navigator.clipboard
            .readText()
            .then((text) => offerImport(text, ['clipboard']))
            .catch(() =>
              flash('The browser did not allow reading the clipboard: paste into the YAML pane instead.'),
            );
        }}
      >
        Paste
      </button>
      <button
        type="button"
        data-testid="file.export"
        onClick={() => downloadText('workspace.yaml', store.getState().text)}
      >
        Export
      </button>
      <button
        type="button"
        data-testid="file.export-policies"
        title="Only the NetworkPolicies, with server-set fields removed: ready for kubectl apply -f"
        onClick={() => {
          // Policies the API server would refuse are left out, and named.
          const exported = store.getState().exportPolicies();
          if (!exported) {
            flash('The workspace is still being checked: export again in a moment.');
            return;
          }
          const leftOut =
            exported.leftOut.length === 0
              ? ''
              : ` Left out ${exported.leftOut.length === 1 ? 'one policy' : `${exported.leftOut.length} policies`} that kubectl would refuse: ${exported.leftOut.join(', ')}.`;
          if (exported.text === '')
            flash(`There is no valid NetworkPolicy to export.${leftOut}`, leftOut !== '');
          else {
            downloadText('networkpolicies.yaml', exported.text);
            if (leftOut) flash(`Exported the valid policies.${leftOut}`, true);
          }
        }}
      >
        Export policies
      </button>
      <button
        type="button"
        data-testid="file.copy"
        onClick={() => {
          navigator.clipboard
            .writeText(store.getState().text)
            .then(() => flash('Copied the workspace YAML.'))
            .catch(() => flash('The browser did not allow writing to the clipboard.'));
        }}
      >
        Copy
      </button>
      {notice && (
        <span className="toast" role="status" data-testid="file.notice">
          {notice}{' '}
          <button type="button" aria-label="Dismiss" title="Dismiss" onClick={() => setNotice(null)}>
            ×
          </button>
        </span>
      )}
    </div>
  );
}
