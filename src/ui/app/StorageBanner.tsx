import { downloadText } from './download';
import { useAppStore, useAppStoreApi } from './storeContext';

/**
 * What happened to the saved workspaces that the user must know: a save that failed (with
 * a download of what is only in this tab), a repair of damaged storage, a copy kept when
 * two tabs edited the same workspace.
 */
export function StorageBanner() {
  const saveError = useAppStore((s) => s.saveError);
  const notice = useAppStore((s) => s.notice);
  const dismiss = useAppStore((s) => s.dismissNotice);
  const store = useAppStoreApi();
  return (
    <>
      {saveError && (
        <div className="banner error" role="alert" data-testid="storage.error">
          {saveError}{' '}
          <button type="button" onClick={() => downloadText('workspace.yaml', store.getState().text)}>
            Download workspace.yaml
          </button>
        </div>
      )}
      {notice && (
        <div className="banner notice" role="status" data-testid="storage.notice">
          {notice}{' '}
          <button type="button" onClick={dismiss} data-testid="storage.notice-dismiss">
            Dismiss
          </button>
        </div>
      )}
    </>
  );
}
