/**
 * Inspect or open a CAR: the user types (browser mode) or is handed the CAR's path on the
 * host; the backend reads it as MI would and lists the application, its artifacts with
 * type, version and server role, and what MI would refuse. "Open as project" unpacks it
 * into a new project beside the CAR and opens that project.
 */
import { useCallback, useEffect, useState } from 'react';
import type { StudioClient } from '../connection.js';
import { errorMessage } from '../connection.js';
import { Dialog } from '../components/Dialog.js';
import type { CarReport, ProjectInfo } from '../../../src/contract/index.js';
import './export.css';

export interface CarDialogProps {
  client: StudioClient;
  /** A CAR to inspect straight away (the one just exported). */
  file?: string;
  onOpened: (project: ProjectInfo, notes: string[]) => void;
  onClose: () => void;
}

export function CarDialog({ client, file, onOpened, onClose }: CarDialogProps) {
  const [path, setPath] = useState(file ?? '');
  const [report, setReport] = useState<CarReport>();
  const [busy, setBusy] = useState<'inspect' | 'open'>();
  const [error, setError] = useState<string>();

  const inspect = useCallback(
    async (target: string) => {
      setBusy('inspect');
      setError(undefined);
      setReport(undefined);
      try {
        setReport(await client.service('export').inspectCar(target.trim()));
      } catch (e) {
        setError(errorMessage(e));
      } finally {
        setBusy(undefined);
      }
    },
    [client],
  );

  useEffect(() => {
    if (file) void inspect(file);
  }, [file, inspect]);

  async function open() {
    setBusy('open');
    setError(undefined);
    try {
      const imported = await client.service('export').importCar(path.trim());
      onOpened(await client.service('workspace').openFolder(imported.dir), imported.notes);
    } catch (e) {
      setError(errorMessage(e));
      setBusy(undefined);
    }
  }

  const errors = report?.issues.filter((i) => i.severity === 'error').length ?? 0;
  return (
    <Dialog title="CAR" onCancel={onClose} testId="car-dialog">
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          void inspect(path);
        }}
      >
        <label className="field">
          <span>CAR file on the studio's machine (absolute path)</span>
          <input data-testid="car-path" value={path} autoFocus={!file} placeholder="/path/to/App_1.0.0.car" onChange={(e) => setPath(e.target.value)} />
        </label>
        {busy && <div className="muted small">{busy === 'inspect' ? 'Reading the CAR…' : 'Unpacking into a new project…'}</div>}
        {report && (
          <div className="car-report" data-testid="car-report">
            <div>
              <strong data-testid="car-app">{report.name}</strong> {report.version} · {report.entryCount} entries ·{' '}
              <span data-testid="car-status" className={errors ? 'form-error' : 'export-ok'}>
                {errors ? `MI would refuse it (${errors} error${errors === 1 ? '' : 's'})` : 'MI would deploy it'}
              </span>
            </div>
            <table className="export-table">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Type</th>
                  <th>Version</th>
                  <th>Server role</th>
                </tr>
              </thead>
              <tbody>
                {report.artifacts.map((a) => (
                  <tr key={`${a.name}:${a.version}:${a.type}`} className={a.deployed ? '' : 'muted'} data-testid="car-artifact" title={a.deployed ? undefined : 'not a dependency of the application: MI does not deploy it'}>
                    <td>{a.name}</td>
                    <td>{a.type}</td>
                    <td>{a.version}</td>
                    <td>{a.serverRole}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {report.issues.map((issue, i) => (
              <div key={i} data-testid="car-issue" className={issue.severity === 'error' ? 'form-error' : 'muted small'}>
                {issue.severity}: {issue.message}
              </div>
            ))}
          </div>
        )}
        {error && (
          <div className="form-error" data-testid="car-error">
            {error}
          </div>
        )}
        <div className="dialog-buttons">
          <button type="button" onClick={onClose}>
            Close
          </button>
          <button type="button" data-testid="car-open-project" disabled={!!busy || !path.trim()} onClick={() => void open()} title="Unpack the CAR into a new project beside it and open that project">
            Open as project
          </button>
          <button type="submit" className="primary" data-testid="car-inspect" disabled={!!busy || !path.trim()}>
            Inspect
          </button>
        </div>
      </form>
    </Dialog>
  );
}
