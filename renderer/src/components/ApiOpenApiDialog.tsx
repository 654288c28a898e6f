/**
 * The OpenAPI of an API: the document the project keeps for it, with where it and the API's
 * resources disagree, or the generated one when none is kept; "Update OpenAPI file" brings the
 * kept document in line (edited in place) or writes the generated one; "Export" downloads it.
 */
import { useEffect, useState } from 'react';
import { Dialog } from './Dialog.js';
import type { StudioClient } from '../connection.js';
import { errorMessage } from '../connection.js';
import type { ApiOpenApi } from '../../../src/contract/index.js';

export function ApiOpenApiDialog({ client, apiPath, onCancel }: { client: StudioClient; apiPath: string; onCancel: () => void }) {
  const [view, setView] = useState<ApiOpenApi>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void client.service('workspace').apiOpenApi(apiPath).then(setView, (e: unknown) => setError(errorMessage(e)));
  }, [client, apiPath]);

  async function sync() {
    setBusy(true);
    setError(undefined);
    try {
      setView(await client.service('workspace').syncApiOpenApi(apiPath));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  function download() {
    if (!view) return;
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([view.text], { type: 'application/yaml' }));
    link.download = view.definitionFile?.split('/').pop() ?? `${view.apiName}.yaml`;
    link.click();
    URL.revokeObjectURL(link.href);
  }

  const inLine = view && !view.generated && view.differences.length === 0 && view.problems.length === 0;
  return (
    <Dialog title={`OpenAPI of ${view?.apiName ?? apiPath.split('/').pop()}`} onCancel={onCancel} testId="openapi-view">
      {view && (
        <>
          <div data-testid="openapi-source">
            {view.generated ? 'Generated from the API (the project keeps no OpenAPI file for it)' : view.definitionFile}
          </div>
          {view.problems.length > 0 && (
            <ul className="form-error">
              {view.problems.map((p) => (
                <li key={p} data-testid="openapi-problem">
                  {p}
                </li>
              ))}
            </ul>
          )}
          {view.differences.length > 0 && (
            <ul data-testid="openapi-differences">
              {view.differences.map((d) => (
                <li key={`${d.where} ${d.method} ${d.path}`} data-testid="openapi-difference" data-where={d.where}>
                  {d.method} {d.path}: {d.where === 'api-only' ? 'the API serves it, the OpenAPI file does not describe it' : 'the OpenAPI file describes it, no resource serves it'}
                </li>
              ))}
            </ul>
          )}
          {inLine && <div data-testid="openapi-in-line">The OpenAPI file describes exactly the API's resources.</div>}
          <pre className="openapi-text" data-testid="openapi-document" style={{ maxHeight: 320, overflow: 'auto' }}>
            {view.text}
          </pre>
        </>
      )}
      {error && <div className="form-error">{error}</div>}
      <div className="dialog-buttons">
        <button type="button" data-testid="openapi-export" disabled={!view} onClick={download}>
          Export…
        </button>
        <button type="button" data-testid="openapi-sync" disabled={busy || !view || inLine || view.problems.length > 0} onClick={() => void sync()}>
          {view?.generated ? 'Save as OpenAPI file' : 'Update OpenAPI file'}
        </button>
        <button type="button" className="primary" onClick={onCancel}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
