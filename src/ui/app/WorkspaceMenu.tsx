import { useAppStore, useAppStoreApi } from './storeContext';

/** Named workspaces: switch, new, rename, duplicate, delete (with undo). */
export function WorkspaceMenu() {
  const workspaces = useAppStore((s) => s.workspaces);
  const workspaceId = useAppStore((s) => s.workspaceId);
  const deleted = useAppStore((s) => s.deletedWorkspace);
  // The actions are read when clicked: subscribing to the whole store re-rendered this menu
  // at every keystroke and answer.
  const actions = useAppStoreApi().getState;
  const current = workspaces.find((w) => w.id === workspaceId);
  return (
    <div className="workspace-menu">
      <select
        aria-label="Workspace"
        data-testid="workspace.select"
        value={workspaceId}
        onChange={(e) => actions().switchWorkspace(e.target.value)}
      >
        {workspaces.map((w) => (
          <option key={w.id} value={w.id}>
            {w.name}
          </option>
        ))}
      </select>
      <button type="button" data-testid="workspace.new" onClick={() => actions().newWorkspace('Untitled')}>
        New
      </button>
      <button
        type="button"
        data-testid="workspace.rename"
        onClick={() => {
          const name = window.prompt('Rename workspace', current?.name ?? '');
          if (name) actions().renameWorkspace(workspaceId, name);
        }}
      >
        Rename
      </button>
      <button
        type="button"
        data-testid="workspace.duplicate"
        onClick={() => actions().duplicateWorkspace(workspaceId)}
      >
        Duplicate
      </button>
      <button
        type="button"
        data-testid="workspace.delete"
        onClick={() => actions().deleteWorkspace(workspaceId)}
      >
        Delete
      </button>
      {deleted && (
        <span className="toast" role="status" data-testid="workspace.deleted">
          Deleted “{deleted.entry.name}”.{' '}
          <button type="button" className="link" onClick={() => actions().undoDeleteWorkspace()}>
            Undo
          </button>
        </span>
      )}
    </div>
  );
}
