/**
 * Message stores and processors of the running runtime: each processor's
 * state (active / inactive, last error) with a toggle, and a browser per
 * store listing its messages; a message opens with its payload, transport
 * headers and properties, and can be deleted, resent or moved to another
 * store (e.g. out of a dead-letter store once the cause is fixed). Refreshes every
 * second while the runtime runs.
 */
import { useCallback, useEffect, useState } from 'react';
import type { MessagingOverview, StoredMessageDetail, StoredMessageRow } from '../../../src/contract/index.js';
import { errorMessage, type StudioClient } from '../connection.js';
import './messaging-view.css';

const REFRESH_MS = 1000;
const PAGE = 50;

export function MessagingView({ client, running }: { client: StudioClient; running: boolean }) {
  const [overview, setOverview] = useState<MessagingOverview>({ stores: [], processors: [] });
  const [rows, setRows] = useState<Record<string, StoredMessageRow[]>>({});
  const [selected, setSelected] = useState<{ store: string; detail: StoredMessageDetail }>();
  const [error, setError] = useState<string>();
  const [moveTarget, setMoveTarget] = useState<string>('');
  const messaging = client.service('messaging');

  const refresh = useCallback(async () => {
    try {
      const o = await messaging.overview();
      setOverview(o);
      const next: Record<string, StoredMessageRow[]> = {};
      for (const s of o.stores) next[s.name] = s.state === 'open' ? await messaging.messages(s.name, 0, PAGE) : [];
      setRows(next);
      setError(undefined);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, [messaging]);

  useEffect(() => {
    if (!running) {
      setOverview({ stores: [], processors: [] });
      setRows({});
      setSelected(undefined);
      return;
    }
    void refresh();
    const timer = setInterval(() => void refresh(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [running, refresh]);

  const act = async (f: () => Promise<unknown>) => {
    try {
      await f();
      await refresh();
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const open = (store: string, messageId: string) =>
    void act(async () => {
      const detail = await messaging.message(store, messageId);
      setSelected(detail ? { store, detail } : undefined);
    });

  if (!running) return null;
  if (overview.stores.length === 0 && overview.processors.length === 0) return null;
  return (
    <div className="messaging-view" data-testid="messaging-view">
      {error && <div className="messaging-error">{error}</div>}
      <div className="messaging-processors">
        {overview.processors.map((p) => (
          <div key={p.name} className={`processor-row ${p.active ? 'is-active' : ''}`} title={p.lastError ?? ''}>
            <span className="runtime-kind">{p.kind} processor</span>
            <span className="runtime-name">{p.name}</span>
            <span className="muted">store {p.storeName}</span>
            <span className="processor-state" data-testid="processor-state" data-processor={p.name}>
              {p.active ? 'active' : 'inactive'}
            </span>
            <span className="muted">{p.delivered} delivered</span>
            {!p.leaseHeld && <span className="muted">runs in another instance</span>}
            {p.lastError && <span className="runtime-error">{p.lastError}</span>}
            <button data-testid="processor-toggle" data-processor={p.name} onClick={() => void act(() => messaging.setProcessorActive(p.name, !p.active))}>
              {p.active ? 'Deactivate' : 'Activate'}
            </button>
          </div>
        ))}
      </div>
      <div className="messaging-stores">
        {overview.stores.map((s) => (
          <div key={s.name} className="store-browser" data-testid="store-browser" data-store={s.name}>
            <div className="store-title">
              <span>{s.name}</span>
              <span className="muted">{s.className}</span>
              <span className="muted">{s.state === 'open' ? `${s.size ?? 0} message${s.size === 1 ? '' : 's'}` : s.state}</span>
              {s.lastError && <span className="runtime-error">{s.lastError}</span>}
            </div>
            {(rows[s.name] ?? []).map((m) => (
              <div key={m.messageId} className={`store-message ${selected?.store === s.name && selected.detail.messageId === m.messageId ? 'selected' : ''}`} data-testid="store-message" data-message-id={m.messageId} onClick={() => open(s.name, m.messageId)}>
                <span>{new Date(m.storedAt).toLocaleTimeString()}</span>
                <span className="muted">{m.contentType ?? ''}</span>
                <span>{m.preview}</span>
              </div>
            ))}
            {selected?.store === s.name && (
              <div className="store-message-detail" data-testid="store-message-detail" data-message-id={selected.detail.messageId}>
                <div>
                  <strong>{selected.detail.messageId}</strong> <span className="muted">{selected.detail.contentType}</span>
                  {selected.detail.soapAction && <span className="muted"> SOAPAction {selected.detail.soapAction}</span>}
                </div>
                <pre data-testid="store-message-payload">{selected.detail.payload}</pre>
                <div className="muted">Transport headers</div>
                <pre>{selected.detail.headers.map(([k, v]) => `${k}: ${v}`).join('\n')}</pre>
                <div className="muted">Properties</div>
                <pre>{[...Object.entries(selected.detail.properties).map(([k, v]) => `${k} = ${v}`), ...Object.entries(selected.detail.axis2).map(([k, v]) => `axis2:${k} = ${v}`)].join('\n')}</pre>
                <div className="runtime-actions">
                  <button data-testid="store-message-resend" onClick={() => void act(async () => { await messaging.resendMessage(s.name, selected.detail.messageId); setSelected(undefined); })}>
                    Resend
                  </button>
                  <button data-testid="store-message-delete" onClick={() => void act(async () => { await messaging.deleteMessage(s.name, selected.detail.messageId); setSelected(undefined); })}>
                    Delete
                  </button>
                  {overview.stores.length > 1 && (
                    <MoveControl
                      stores={overview.stores.map((o) => o.name).filter((n) => n !== s.name)}
                      target={moveTarget}
                      onTarget={setMoveTarget}
                      onMove={(target) => void act(async () => { await messaging.moveMessage(s.name, selected.detail.messageId, target); setSelected(undefined); })}
                    />
                  )}
                </div>
              </div>
            )}
          </div>
        ))}
      </div>
    </div>
  );
}

/** Moves the open message to another store: the store to pick, and the button. */
function MoveControl({ stores, target, onTarget, onMove }: { stores: string[]; target: string; onTarget: (t: string) => void; onMove: (t: string) => void }) {
  const chosen = stores.includes(target) ? target : stores[0]!;
  return (
    <span className="store-move">
      <select aria-label="Move to store" data-testid="store-message-move-target" value={chosen} onChange={(e) => onTarget(e.target.value)}>
        {stores.map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
      <button data-testid="store-message-move" onClick={() => onMove(chosen)}>
        Move
      </button>
    </span>
  );
}
