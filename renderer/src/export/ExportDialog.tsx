/**
 * Export a CAR: pick the artifacts (all by default), the version (pom.xml's by
 * default), the folder and OpenAPI; the backend validates first and refuses on
 * errors (listed, each opening its file) unless the user exports anyway; then
 * shows the written file with a download link (browser mode) or Open folder.
 */
import { useEffect, useMemo, useState } from 'react';
import type { StudioClient } from '../connection.js';
import { errorMessage } from '../connection.js';
import { Dialog } from '../components/Dialog.js';
import type { CarInspection, ExportPlan, ExportProgress, ExportResult, Problem } from '../../../src/contract/index.js';
import './export.css';

const STEPS: ExportProgress['step'][] = ['scanning', 'validating', 'writing', 'inspecting', 'done'];

export interface ExportDialogProps {
  client: StudioClient;
  /** Project files with unsaved edits (the export reads the saved files). */
  unsaved: string[];
  onSaveAll: () => Promise<void>;
  onOpenProblem: (problem: Problem) => void;
  onClose: () => void;
  /** Opens the CAR inspector on the written file. */
  onInspect?: (file: string) => void;
}

export function ExportDialog({ client, unsaved, onSaveAll, onOpenProblem, onClose, onInspect }: ExportDialogProps) {
  const [plan, setPlan] = useState<ExportPlan>();
  const [excluded, setExcluded] = useState<Set<string>>(new Set());
  const [version, setVersion] = useState('');
  const [folder, setFolder] = useState('');
  const [openapi, setOpenapi] = useState(false);
  const [progress, setProgress] = useState<ExportProgress>();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ExportResult>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    client
      .service('export')
      .plan()
      .then((p) => {
        setPlan(p);
        setVersion(p.version);
      })
      .catch((e) => setError(errorMessage(e)));
    return client.on('export.progress', setProgress);
  }, [client]);

  const chosen = useMemo(() => plan?.artifacts.filter((a) => !excluded.has(a.id)) ?? [], [plan, excluded]);
  const allChosen = !!plan && chosen.length === plan.artifacts.length;
  const errors = result?.problems.filter((p) => p.severity === 'error') ?? [];

  function toggle(id: string) {
    const next = new Set(excluded);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setExcluded(next);
    setResult(undefined);
  }

  async function run(force: boolean) {
    if (!plan) return;
    setBusy(true);
    setError(undefined);
    setResult(undefined);
    try {
      setResult(
        await client.service('export').exportCar({
          artifacts: allChosen ? undefined : chosen.map((a) => a.id),
          version: version.trim() || undefined,
          folder: folder.trim() || undefined,
          openapi,
          force,
        }),
      );
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  const stepIndex = progress ? STEPS.indexOf(progress.step) : -1;

  return (
    <Dialog title="Export CAR" onCancel={onClose} testId="export-dialog">
      <form
        className="export-form"
        onSubmit={(e) => {
          e.preventDefault();
          void run(false);
        }}
      >
        {!plan && !error && <div className="muted">Reading the project…</div>}
        {plan && (
          <>
            <div className="export-row">
              <label className="field">
                <span>Version</span>
                <input data-testid="export-version" value={version} placeholder={plan.version} onChange={(e) => setVersion(e.target.value)} />
              </label>
              <label className="field export-grow">
                <span>Folder</span>
                <input data-testid="export-folder" value={folder} placeholder={plan.defaultFolder} onChange={(e) => setFolder(e.target.value)} />
              </label>
            </div>
            <div className="muted small" data-testid="export-file-name">
              Writes {plan.name}_{version.trim() || plan.version}.car
            </div>
            <fieldset className="export-artifacts">
              <legend>
                <label>
                  <input type="checkbox" data-testid="export-all" checked={allChosen} onChange={() => setExcluded(allChosen ? new Set(plan.artifacts.map((a) => a.id)) : new Set())} /> Artifacts ({chosen.length}/{plan.artifacts.length})
                </label>
              </legend>
              <div className="export-list">
                {plan.artifacts.map((a) => (
                  <label key={a.id} className="export-artifact" title={a.file}>
                    <input type="checkbox" data-testid="export-artifact" data-id={a.id} checked={!excluded.has(a.id)} onChange={() => toggle(a.id)} />
                    <span className={`kind-badge kind-${a.kind}`}>{a.kind}</span>
                    <span className="item-name">{a.name}</span>
                  </label>
                ))}
              </div>
            </fieldset>
            <label className="export-check">
              <input type="checkbox" data-testid="export-openapi" checked={openapi} onChange={(e) => setOpenapi(e.target.checked)} /> Generate OpenAPI documents for APIs into metadata/
            </label>
          </>
        )}
        {unsaved.length > 0 && (
          <div className="banner warning export-banner" data-testid="export-unsaved">
            <span>
              {unsaved.length} file{unsaved.length === 1 ? ' has' : 's have'} unsaved edits; the export uses the saved files.
            </span>
            <button type="button" onClick={() => void onSaveAll()}>
              Save all
            </button>
          </div>
        )}
        {(busy || progress) && !result && !error && (
          <div className="export-progress" data-testid="export-progress">
            <progress max={STEPS.length - 1} value={Math.max(0, stepIndex)} />
            <span className="muted">{progress?.message ?? 'Starting…'}</span>
          </div>
        )}
        {result && !result.written && (
          <div className="export-refused" data-testid="export-refused">
            <div className="form-error">
              Export refused: {errors.length} error{errors.length === 1 ? '' : 's'}. Fix them, leave the artifact out, or export anyway.
            </div>
            <ProblemList problems={result.problems} onOpen={onOpenProblem} />
          </div>
        )}
        {result?.written && <ExportDone client={client} result={result} onInspect={onInspect} />}
        {error && <div className="form-error" data-testid="export-error">{error}</div>}
        <div className="dialog-buttons">
          <button type="button" onClick={onClose}>
            Close
          </button>
          {result && !result.written && (
            <button type="button" data-testid="export-force" disabled={busy} onClick={() => void run(true)}>
              Export anyway
            </button>
          )}
          <button type="submit" className="primary" data-testid="export-run" disabled={busy || !plan || chosen.length === 0}>
            {busy ? 'Exporting…' : 'Export'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function ProblemList({ problems, onOpen }: { problems: Problem[]; onOpen: (p: Problem) => void }) {
  return (
    <div className="export-problems">
      {problems.map((p, i) => (
        <div key={i} className={`problem-item severity-${p.severity}`} data-testid="export-problem" data-path={p.file} data-line={p.line} tabIndex={0} onClick={() => onOpen(p)} onKeyDown={(e) => e.key === 'Enter' && onOpen(p)}>
          <span className={`export-severity ${p.severity}`} title={p.severity} />
          <span className="problem-message">{p.message}</span>
          <span className="problem-location">
            {p.file.slice(p.file.lastIndexOf('/') + 1)}:{p.line}:{p.column}
          </span>
        </div>
      ))}
    </div>
  );
}

function ExportDone({ client, result, onInspect }: { client: StudioClient; result: ExportResult; onInspect?: (file: string) => void }) {
  const desktop = location.protocol === 'mediate:';
  const [note, setNote] = useState<string>();
  const token = new URLSearchParams(location.search).get('token');
  const href = result.downloadPath && `${result.downloadPath}${token ? `?token=${encodeURIComponent(token)}` : ''}`;
  const warnings = result.problems.filter((p) => p.severity === 'warning').length;
  return (
    <div className="export-done" data-testid="export-result">
      <div>
        <span className="export-ok">✔</span> Wrote {result.artifactCount} artifact{result.artifactCount === 1 ? '' : 's'}
        {warnings > 0 ? ` (${warnings} warning${warnings === 1 ? '' : 's'})` : ''} to
      </div>
      <code className="export-path" data-testid="export-result-path">
        {result.file}
      </code>
      {result.inspection && <CarContents inspection={result.inspection} />}
      {result.warnings.map((w, i) => (
        <div key={i} className="muted small">
          {w}
        </div>
      ))}
      <div className="export-actions">
        {href && !desktop && (
          <a className="button-link" data-testid="export-download" href={href} download>
            Download .car
          </a>
        )}
        {desktop && (
          <button type="button" data-testid="export-open-folder" onClick={() => void client.service('export').revealInFolder(result.file!).then((ok) => !ok && setNote('This host cannot open folders.'))}>
            Open folder
          </button>
        )}
        {onInspect && result.file && (
          <button type="button" data-testid="export-inspect" onClick={() => onInspect(result.file!)}>
            Inspect
          </button>
        )}
        <button type="button" onClick={() => void navigator.clipboard?.writeText(result.file ?? '').then(() => setNote('Path copied.'), () => setNote('Copy the path above.'))}>
          Copy path
        </button>
        {note && <span className="muted small">{note}</span>}
      </div>
    </div>
  );
}

/** The written CAR read back: its artifacts as MI will deploy them, and anything MI would object to. */
function CarContents({ inspection }: { inspection: CarInspection }) {
  return (
    <details className="export-contents" data-testid="export-contents">
      <summary>
        Contents: {inspection.artifacts.length} entr{inspection.artifacts.length === 1 ? 'y' : 'ies'},{' '}
        <span data-testid="export-inspection-status" className={inspection.issues.some((i) => i.severity === 'error') ? 'form-error' : 'export-ok'}>
          {inspection.issues.length === 0 ? 'no problems for MI' : `${inspection.issues.length} issue${inspection.issues.length === 1 ? '' : 's'}`}
        </span>
      </summary>
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
          {inspection.artifacts.map((a) => (
            <tr key={`${a.name}:${a.version}:${a.type}`} className={a.deployed ? '' : 'muted'}>
              <td>{a.name}</td>
              <td>{a.type}</td>
              <td>{a.version}</td>
              <td>{a.serverRole}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {inspection.issues.map((issue, i) => (
        <div key={i} className={issue.severity === 'error' ? 'form-error' : 'muted'}>
          {issue.severity}: {issue.message}
        </div>
      ))}
    </details>
  );
}
