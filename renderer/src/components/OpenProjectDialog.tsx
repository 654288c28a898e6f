/** Open a project folder or create a new one (browser mode has no native folder picker: paths are typed). */
import { useEffect, useState } from 'react';
import { Dialog } from './Dialog.js';
import type { StudioClient } from '../connection.js';
import { errorMessage } from '../connection.js';
import type { ProjectInfo } from '../../../src/contract/index.js';

export function OpenProjectDialog({ client, mode, onOpened, onCancel }: { client: StudioClient; mode: 'open' | 'create'; onOpened: (p: ProjectInfo) => void; onCancel: () => void }) {
  const [recent, setRecent] = useState<string[]>([]);
  const [folder, setFolder] = useState('');
  const [name, setName] = useState('');
  const [error, setError] = useState<string>();

  useEffect(() => {
    void client.service('workspace').recentProjects().then(setRecent, () => setRecent([]));
  }, [client]);

  async function submit(target = folder) {
    setError(undefined);
    try {
      const ws = client.service('workspace');
      onOpened(mode === 'open' ? await ws.openFolder(target) : await ws.createProject(target, name));
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  return (
    <Dialog title={mode === 'open' ? 'Open project' : 'New project'} onCancel={onCancel} testId="project-dialog">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label className="field">
          <span>{mode === 'open' ? 'Project folder' : 'Parent folder'}</span>
          <input data-testid="project-folder" autoFocus value={folder} onChange={(e) => setFolder(e.target.value)} placeholder="/home/me/projects/Orders" spellCheck={false} />
        </label>
        {mode === 'create' && (
          <label className="field">
            <span>Project name</span>
            <input data-testid="project-name" value={name} onChange={(e) => setName(e.target.value)} placeholder="Orders" />
          </label>
        )}
        {mode === 'open' && recent.length > 0 && (
          <div className="recent">
            <div className="muted small">Recent projects</div>
            {recent.map((r) => (
              <div key={r} className="recent-item" data-testid="recent-project" onClick={() => void submit(r)}>
                {r}
              </div>
            ))}
          </div>
        )}
        {error && <div className="form-error">{error}</div>}
        <div className="dialog-buttons">
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="primary">
            {mode === 'open' ? 'Open' : 'Create'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
