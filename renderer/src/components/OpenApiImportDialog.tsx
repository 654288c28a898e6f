/**
 * New API from an OpenAPI 3 / Swagger 2 document: paste it or pick a file, see the resources the
 * API will have (or why the document is refused, with line and column), then create. Nothing is
 * written until "Create API", and never for a refused document.
 */
import { useEffect, useState } from 'react';
import { Dialog } from './Dialog.js';
import type { StudioClient } from '../connection.js';
import { errorMessage } from '../connection.js';
import type { ArtifactEntry, OpenApiImportPreview } from '../../../src/contract/index.js';

export function OpenApiImportDialog({ client, onCreated, onCancel }: { client: StudioClient; onCreated: (entry: ArtifactEntry) => void; onCancel: () => void }) {
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState<string>();
  const [name, setName] = useState('');
  const [context, setContext] = useState('');
  const [preview, setPreview] = useState<OpenApiImportPreview>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (text.trim() === '') {
      setPreview(undefined);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      void client
        .service('workspace')
        .previewOpenApi({ text, fileName, name, context })
        .then((p) => current && setPreview(p), (e: unknown) => current && setError(errorMessage(e)));
    }, 200);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [client, text, fileName, name, context]);

  async function create() {
    setBusy(true);
    setError(undefined);
    try {
      onCreated(await client.service('workspace').importOpenApi({ text, fileName, name, context }));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  const usable = preview !== undefined && preview.problems.length === 0;
  return (
    <Dialog title="New API from OpenAPI" onCancel={onCancel} testId="openapi-import">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (usable) void create();
        }}
      >
        <label className="field">
          <span>Document file</span>
          <input
            type="file"
            accept=".yaml,.yml,.json"
            data-testid="openapi-file"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (!file) return;
              setFileName(file.name);
              void file.text().then(setText);
            }}
          />
        </label>
        <label className="field">
          <span>OpenAPI 3 or Swagger 2 (YAML or JSON)</span>
          <textarea data-testid="openapi-text" rows={12} spellCheck={false} value={text} placeholder="openapi: 3.0.1 …" onChange={(e) => setText(e.target.value)} />
        </label>
        <label className="field">
          <span>API name</span>
          <input data-testid="openapi-name" placeholder={preview?.name ?? "from the document's title"} value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label className="field">
          <span>Context</span>
          <input data-testid="openapi-context" placeholder={preview?.context ?? "from the document's base path"} value={context} onChange={(e) => setContext(e.target.value)} />
        </label>
        {preview && preview.problems.length > 0 && (
          <ul className="form-error" data-testid="openapi-problems">
            {preview.problems.map((p) => (
              <li key={p} data-testid="openapi-problem">
                {p}
              </li>
            ))}
          </ul>
        )}
        {usable && (
          <div data-testid="openapi-preview">
            <div>
              {preview.name} at {preview.context}: {preview.apiFile} and {preview.definitionFile}
            </div>
            <ul>
              {preview.resources!.map((r) => (
                <li key={r.uriTemplate} data-testid="openapi-resource" data-uri-template={r.uriTemplate}>
                  {r.methods.join(' ')} {r.uriTemplate}
                </li>
              ))}
            </ul>
          </div>
        )}
        {error && <div className="form-error">{error}</div>}
        <div className="dialog-buttons">
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="primary" data-testid="openapi-import-apply" disabled={busy || !usable}>
            Create API
          </button>
        </div>
      </form>
    </Dialog>
  );
}
