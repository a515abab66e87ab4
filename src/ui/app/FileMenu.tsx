import { useRef, useState } from 'react';
import { exportPolicies } from '../../yaml/exportPolicies';
import { downloadText, readFiles } from './download';
import { useAppStore, useAppStoreApi } from './storeContext';

/** Open, paste, export and copy the workspace. */
export function FileMenu() {
  const store = useAppStoreApi();
  const offerImport = useAppStore((s) => s.offerImport);
  const input = useRef<HTMLInputElement>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const flash = (message: string) => {
    setNotice(message);
    setTimeout(() => setNotice(null), 2500);
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
          const text = exportPolicies(store.getState().text);
          if (text === '') flash('There is no NetworkPolicy to export.');
          else downloadText('networkpolicies.yaml', text);
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
        <span className="toast" role="status">
          {notice}
        </span>
      )}
    </div>
  );
}
