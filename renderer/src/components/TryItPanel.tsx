/** Try-it: a request form (prefilled from the open API or proxy) and the runtime's response. */
import { useEffect, useState } from 'react';
import { BrokerTryIt, consumedDestination } from './BrokerTryIt.js';
import type { StudioClient } from '../connection.js';
import { errorMessage } from '../connection.js';
import type { TryItRequest, TryItResponse } from '../../../src/contract/index.js';
import { RecordButton } from '../testing/RecordButton.js';
import { parseHeaderLines, prettyBody, tryItTargets, type TryItTarget } from '../tryit-prefill.js';
import { dataServiceTargets } from '../dataservices/tryit-targets.js';

interface HistoryEntry {
  method: string;
  path: string;
  headers: string;
  body: string;
  status?: number;
  timeMs?: number;
}

export interface TryItPanelProps {
  client: StudioClient;
  /** The artifact whose requests are offered (its path), and its current text. */
  artifactPath?: string;
  artifactText?: string;
  port?: number;
  running: boolean;
  onClose: () => void;
}

const historyByArtifact = new Map<string, HistoryEntry[]>();

export function TryItPanel({ client, artifactPath, artifactText, port, running, onClose }: TryItPanelProps) {
  const [targets, setTargets] = useState<TryItTarget[]>([]);
  const [method, setMethod] = useState('GET');
  const [path, setPath] = useState('/');
  const [headers, setHeaders] = useState('Accept: application/json');
  const [body, setBody] = useState('');
  const [response, setResponse] = useState<TryItResponse>();
  const [error, setError] = useState<string>();
  const [sending, setSending] = useState(false);
  const [history, setHistory] = useState<HistoryEntry[]>([]);
  const [exchange, setExchange] = useState<{ request: TryItRequest; response: TryItResponse }>();
  // An artifact that consumes from a broker opens on the broker form.
  const [mode, setMode] = useState<'http' | 'broker'>(consumedDestination(artifactText) ? 'broker' : 'http');

  useEffect(() => {
    const found = artifactText ? [...tryItTargets(artifactText), ...dataServiceTargets(artifactText)] : [];
    setTargets(found);
    if (found[0]) apply(found[0]);
    setHistory(artifactPath ? (historyByArtifact.get(artifactPath) ?? []) : []);
    // Prefill when the artifact changes, not on every keystroke in it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [artifactPath]);

  function apply(t: { method: string; path: string; headers: string; body: string }) {
    setMethod(t.method);
    setPath(t.path);
    setHeaders(t.headers);
    setBody(t.body);
  }

  async function send() {
    setSending(true);
    setError(undefined);
    setResponse(undefined);
    const entry: HistoryEntry = { method, path, headers, body };
    try {
      const request: TryItRequest = { method, path, headers: parseHeaderLines(headers), body: body || undefined };
      const result = await client.service('tryit').send(request);
      setResponse(result);
      setExchange({ request, response: result });
      entry.status = result.status;
      entry.timeMs = result.timeMs;
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSending(false);
      if (artifactPath) {
        const list = [entry, ...(historyByArtifact.get(artifactPath) ?? [])].slice(0, 10);
        historyByArtifact.set(artifactPath, list);
        setHistory(list);
      }
    }
  }

  const contentType = response?.headers['content-type'];
  return (
    <aside className="tryit" data-testid="tryit" aria-label="Try-it">
      <div className="pane-title">
        <span>Try-it</span>
        <button className="icon" title="Close" onClick={onClose}>
          ×
        </button>
      </div>
      <div className="tryit-body">
        <div className="tryit-modes" role="tablist">
          <button role="tab" aria-selected={mode === 'http'} className={mode === 'http' ? 'active' : ''} data-testid="tryit-mode-http" onClick={() => setMode('http')}>
            HTTP
          </button>
          <button role="tab" aria-selected={mode === 'broker'} className={mode === 'broker' ? 'active' : ''} data-testid="tryit-mode-broker" onClick={() => setMode('broker')}>
            Broker
          </button>
        </div>
        {mode === 'broker' ? (
          <BrokerTryIt client={client} running={running} artifactText={artifactText} />
        ) : (
          <>
          {targets.length > 1 && (
            <label className="field">
              <span>Resource</span>
              <select onChange={(e) => apply(targets[Number(e.target.value)])} data-testid="tryit-resource">
                {targets.map((t, i) => (
                  <option key={i} value={i}>
                    {t.label}
                  </option>
                ))}
              </select>
            </label>
          )}
          <div className="request-line">
            <select data-testid="tryit-method" value={method} onChange={(e) => setMethod(e.target.value)}>
              {['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'].map((m) => (
                <option key={m}>{m}</option>
              ))}
            </select>
            <input data-testid="tryit-url" value={path} onChange={(e) => setPath(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && void send()} spellCheck={false} />
          </div>
          <div className="muted small">{running && port ? `http://localhost:${port}${path}` : 'Run the project to send requests'}</div>
          <label className="field">
            <span>Headers</span>
            <textarea data-testid="tryit-headers" rows={2} value={headers} onChange={(e) => setHeaders(e.target.value)} spellCheck={false} />
          </label>
          <label className="field">
            <span>Body</span>
            <textarea data-testid="tryit-body" rows={4} value={body} onChange={(e) => setBody(e.target.value)} spellCheck={false} />
          </label>
          <button className="primary" data-testid="tryit-send" disabled={!running || sending} onClick={() => void send()}>
            {sending ? 'Sending…' : 'Send'}
          </button>
          {error && <div className="form-error">{error}</div>}
          {response && (
            <div className="response">
              <div className={`response-status status-${Math.floor(response.status / 100)}xx`} data-testid="tryit-response-status">
                {response.status} {response.statusText} <span className="muted">· {response.timeMs} ms</span>
              </div>
              <details>
                <summary>Headers ({Object.keys(response.headers).length})</summary>
                <table className="headers">
                  <tbody>
                    {Object.entries(response.headers).map(([k, v]) => (
                      <tr key={k}>
                        <td>{k}</td>
                        <td>{v}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </details>
              <pre className="response-body" data-testid="tryit-response-body">
                {prettyBody(response.body, contentType)}
              </pre>
              {exchange?.response === response && <RecordButton client={client} exchange={exchange} artifactPath={artifactPath} />}
            </div>
          )}
          {history.length > 0 && (
            <div className="history">
              <div className="muted small">History</div>
              {history.map((h, i) => (
                <div key={i} className="history-item" onClick={() => apply(h)} title="Use this request again">
                  <span className="method">{h.method}</span> {h.path} <span className="muted">{h.status ?? 'failed'}</span>
                </div>
              ))}
            </div>
          )}
          </>
        )}
      </div>
    </aside>
  );
}
