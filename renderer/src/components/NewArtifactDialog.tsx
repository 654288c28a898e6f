/** The new-artifact wizard: pick a kind, answer its template's questions, create. */
import { useEffect, useState } from 'react';
import { Dialog } from './Dialog.js';
import type { StudioClient } from '../connection.js';
import { errorMessage } from '../connection.js';
import type { ArtifactEntry, ArtifactKind, ArtifactTemplate } from '../../../src/contract/index.js';

/** `onFromOpenApi`: offered beside the API kind, opens the OpenAPI import instead of the template. */
export function NewArtifactDialog({ client, initialKind, onCreated, onCancel, onFromOpenApi }: { client: StudioClient; initialKind?: ArtifactKind; onCreated: (entry: ArtifactEntry) => void; onCancel: () => void; onFromOpenApi?: () => void }) {
  const [templates, setTemplates] = useState<ArtifactTemplate[]>([]);
  const [kind, setKind] = useState<ArtifactKind | undefined>(initialKind);
  const [values, setValues] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void client
      .service('workspace')
      .templates()
      .then((list) => {
        setTemplates(list);
        setKind((k) => (k && list.some((t) => t.kind === k) ? k : list[0]?.kind));
      }, (e: unknown) => setError(errorMessage(e)));
  }, [client]);

  const template = templates.find((t) => t.kind === kind);
  /** What a field holds now: the answer, else what its input shows (default, first choice). */
  const current = (id: string) => {
    const f = template?.fields.find((x) => x.id === id);
    return values[id] ?? f?.defaultValue ?? f?.options?.[0] ?? '';
  };
  const shown = template?.fields.filter((f) => !f.showWhen || f.showWhen.values.includes(current(f.showWhen.field))) ?? [];

  async function create() {
    if (!template) return;
    setBusy(true);
    setError(undefined);
    try {
      onCreated(await client.service('workspace').createArtifact({ kind: template.kind, values }));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog title="New artifact" onCancel={onCancel} testId="new-artifact-dialog">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <label className="field">
          <span>Kind</span>
          <select
            data-testid="wizard-kind"
            value={kind ?? ''}
            onChange={(e) => {
              setKind(e.target.value as ArtifactKind);
              setValues({});
            }}
          >
            {templates.map((t) => (
              <option key={t.kind} value={t.kind}>
                {t.label}
              </option>
            ))}
          </select>
        </label>
        {template && shown.map((f, i) => (
          <label className="field" key={`${template.kind}-${f.id}`} title={f.hint}>
            <span>
              {f.label}
              {f.required ? ' *' : ''}
            </span>
            {f.options ? (
              <select data-testid={`wizard-${f.id}`} value={values[f.id] ?? f.defaultValue ?? f.options[0]} onChange={(e) => setValues({ ...values, [f.id]: e.target.value })}>
                {f.options.map((o) => (
                  <option key={o}>{o}</option>
                ))}
              </select>
            ) : (
              <input
                data-testid={`wizard-${f.id}`}
                autoFocus={i === 0}
                placeholder={f.hint ?? f.defaultValue}
                value={values[f.id] ?? ''}
                onChange={(e) => setValues({ ...values, [f.id]: e.target.value })}
              />
            )}
          </label>
        ))}
        {error && <div className="form-error">{error}</div>}
        <div className="dialog-buttons">
          {kind === 'api' && onFromOpenApi && (
            <button type="button" data-testid="new-api-from-openapi" onClick={onFromOpenApi}>
              From OpenAPI…
            </button>
          )}
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="primary" data-testid="wizard-create" disabled={busy || !template}>
            Create
          </button>
        </div>
      </form>
    </Dialog>
  );
}
