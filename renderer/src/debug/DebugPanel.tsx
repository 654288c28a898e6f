/**
 * The Debug panel: paused messages (id, artifact, step), Continue / Step over
 * / Step into / Step out / Stop, the selected message's payload (pretty,
 * editable), its properties per scope and its variables (change, add,
 * remove), the breakpoints, and the trace of the last finished message.
 */
import { useCallback, useEffect, useState } from 'react';
import type { StudioClient } from '../connection.js';
import { errorMessage } from '../connection.js';
import type { Documents } from '../documents.js';
import { debugStore, useDebugState } from './breakpoints-store.js';
import { PropertyTable } from './PropertyTable.js';
import { TraceList } from './TraceList.js';
import { AttachForm, BreakpointRow } from './DebugForms.js';
import type { PausedMessageDetails, PropertyScope, ResumeMode } from '../../../src/contract/index.js';
import './debug.css';

const SCOPES: { scope: PropertyScope; label: string }[] = [
  { scope: 'default', label: 'Synapse (default)' },
  { scope: 'axis2', label: 'Axis2' },
  { scope: 'transport', label: 'Transport headers' },
  { scope: 'axis2-client', label: 'Axis2 client' },
  { scope: 'operation', label: 'Operation' },
];

/** Pretty JSON when the payload is JSON; the text as it is otherwise. */
function pretty(text: string, contentType?: string): string {
  if (!/json/i.test(contentType ?? '') && !/^\s*[[{]/.test(text)) return text;
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

export function DebugPanel({ client, documents }: { client: StudioClient; documents: Documents }) {
  const state = useDebugState();
  const [selected, setSelected] = useState<string>();
  const [details, setDetails] = useState<PausedMessageDetails>();
  const [payload, setPayload] = useState('');
  const [payloadDirty, setPayloadDirty] = useState(false);
  const [scope, setScope] = useState<PropertyScope>('default');
  const [error, setError] = useState<string>();
  const [attachOpen, setAttachOpen] = useState(false);
  const debug = client.service('debug');

  const current = state.paused.find((p) => p.messageId === selected) ?? [...state.paused].sort((a, b) => b.since - a.since)[0];

  const show = useCallback((d: PausedMessageDetails) => {
    setDetails(d);
    setPayload(pretty(d.payload, d.contentType));
    setPayloadDirty(false);
  }, []);

  const act = useCallback(async <T,>(action: () => Promise<T>): Promise<T | undefined> => {
    try {
      setError(undefined);
      return await action();
    } catch (e) {
      setError(errorMessage(e));
      return undefined;
    }
  }, []);

  // Load what the selected message carries whenever it pauses (again).
  const currentKey = current ? `${current.messageId}@${current.stepPath}@${current.since}` : '';
  useEffect(() => {
    if (!current) {
      setDetails(undefined);
      return;
    }
    let cancelled = false;
    void debug
      .details(current.messageId)
      .then((d) => !cancelled && show(d))
      .catch((e) => !cancelled && setError(errorMessage(e)));
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [currentKey]);

  // Follow a message that pauses: select it and show its line.
  useEffect(
    () =>
      debugStore.onEvent((e) => {
        if (e.cause === 'paused' && e.messageId) {
          setSelected(e.messageId);
          const p = e.state.paused.find((x) => x.messageId === e.messageId);
          if (p?.file && p.line) void documents.open(p.file, p.line);
        }
      }),
    [documents],
  );

  const resume = (mode: ResumeMode) => current && void act(() => debug.resume(current.messageId, mode));
  const applyPayload = () => current && void act(async () => show(await debug.setPayload(current.messageId, payload)));

  return (
    <div className="debug-panel" data-testid="debug-panel">
      <div className="debug-toolbar">
        <span className={`debug-status${state.active ? ' active' : ''}`} data-testid="debug-status" data-active={state.active ? 'true' : 'false'}>
          {state.active
            ? state.remote
              ? `Attached to ${state.remote.protocol === 'mi' ? 'MI' : 'Mediate'} at ${state.remote.host}:${state.commandPort}/${state.eventPort}`
              : `Debugging · ports ${state.commandPort}/${state.eventPort}`
            : 'Not debugging: press Debug to run with breakpoints'}
        </span>
        {current && (
          <span className="paused-indicator" data-testid="paused-indicator">
            Paused at {current.stepKind}
          </span>
        )}
        <span className="spacer" />
        <button data-testid="continue-button" disabled={!current} onClick={() => resume('continue')} title="Continue (F8)">
          ▶ Continue
        </button>
        <button data-testid="step-over-button" disabled={!current} onClick={() => resume('over')} title="Step over (F10): the next mediator of this list (a call is one step)">
          ↷ Step over
        </button>
        <button data-testid="step-into-button" disabled={!current} onClick={() => resume('into')} title="Step into (F11): the very next mediator, inside sequences and templates too">
          ↓ Step into
        </button>
        <button data-testid="step-out-button" disabled={!current} onClick={() => resume('out')} title="Step out (Shift+F11): the next mediator of the enclosing list">
          ↑ Step out
        </button>
        <button data-testid="debug-stop-button" disabled={!state.active} onClick={() => void act(() => debug.stop())} title={state.remote ? 'Leave the attached runtime (its paused messages go on)' : 'Stop the runtime'}>
          {state.remote ? '⏏ Detach' : '■ Stop'}
        </button>
        {!state.active && (
          <button data-testid="attach-open" className={attachOpen ? 'pressed' : ''} onClick={() => setAttachOpen(!attachOpen)} title="Attach to a running MI (-Desb.debug=true) or mediate run --debug">
            Attach…
          </button>
        )}
        <label className="debug-check" title="Pause every message at the mediator that faults, before its fault sequence">
          <input type="checkbox" data-testid="break-on-fault" checked={state.breakOnFault} onChange={(e) => void act(() => debug.setBreakOnFault(e.target.checked).then((s) => debugStore.set(s)))} />
          Break on fault
        </label>
      </div>
      {attachOpen && !state.active && (
        <AttachForm
          onAttach={(host, command, event) =>
            void act(async () => {
              debugStore.set(await debug.attach(host, command, event));
              setAttachOpen(false);
            })
          }
        />
      )}
      {(error || debugStore.lastError) && (
        <div className="form-error debug-error" role="alert">
          {error ?? debugStore.lastError}
        </div>
      )}
      <div className="debug-columns">
        <section className="debug-column debug-left">
          <div className="debug-heading">Paused messages</div>
          {state.paused.length === 0 && <div className="muted small">{state.active ? 'None: send a request that reaches a breakpoint' : '—'}</div>}
          {state.paused.map((p) => (
            <div
              key={p.messageId}
              className={`paused-message${p.messageId === current?.messageId ? ' selected' : ''}`}
              data-testid="paused-message"
              data-message-id={p.messageId}
              data-step-path={p.stepPath}
              onClick={() => {
                setSelected(p.messageId);
                if (p.file && p.line) void documents.open(p.file, p.line);
              }}
            >
              <div className="mono small">{p.messageId.replace(/^urn:uuid:/, '')}</div>
              <div>
                <b>{p.artifact ?? '?'}</b> · {p.stepKind} <span className="muted">({p.reason})</span>
              </div>
              <div className="mono small muted" title={p.stepPath}>
                {p.stepPath}
              </div>
              {p.error && <div className="form-error small">{p.error}</div>}
            </div>
          ))}
          <div className="debug-heading">Breakpoints</div>
          {state.breakpoints.length === 0 && <div className="muted small">Click left of a line number, or on a node's dot</div>}
          {state.breakpoints.map((b) => (
            <BreakpointRow key={b.stepPath} stepPath={b.stepPath} where={b.file ? `${b.file.slice(b.file.lastIndexOf('/') + 1)}:${b.line}` : 'not found'} condition={b.condition} error={b.error} onOpen={() => b.file && void documents.open(b.file, b.line)} />
          ))}
        </section>
        <section className="debug-column debug-middle">
          {current || !debugStore.lastTrace ? (
            <>
              <div className="debug-heading">
                Payload {details?.contentType && <span className="muted">({details.contentType})</span>}
                <span className="spacer" />
                <button data-testid="debug-payload-apply" disabled={!current || !payloadDirty} onClick={applyPayload}>
                  Apply
                </button>
              </div>
              <textarea
                className="debug-payload mono"
                data-testid="debug-payload"
                spellCheck={false}
                disabled={!current}
                value={current ? payload : ''}
                onChange={(e) => {
                  setPayload(e.target.value);
                  setPayloadDirty(true);
                }}
              />
            </>
          ) : (
            <TraceList trace={debugStore.lastTrace} focused={debugStore.focusedTraceStep} />
          )}
        </section>
        <section className="debug-column debug-right">
          <div className="debug-heading">
            <select value={scope} onChange={(e) => setScope(e.target.value as PropertyScope)} data-testid="debug-scope">
              {SCOPES.map((s) => (
                <option key={s.scope} value={s.scope}>
                  {s.label}
                </option>
              ))}
            </select>
          </div>
          <PropertyTable
            testId="debug-properties"
            values={details && current ? details.properties[scope] : {}}
            disabled={!current}
            onSet={(name, value) => current && void act(async () => show(await debug.setProperty(current.messageId, scope, name, value)))}
            onRemove={(name) => current && void act(async () => show(await debug.removeProperty(current.messageId, scope, name)))}
          />
          <div className="debug-heading">Variables</div>
          <PropertyTable
            testId="debug-variables"
            values={details && current ? details.variables : {}}
            disabled={!current}
            onSet={(name, value) => current && void act(async () => show(await debug.setVariable(current.messageId, name, value)))}
            onRemove={(name) => current && void act(async () => show(await debug.removeVariable(current.messageId, name)))}
          />
        </section>
      </div>
    </div>
  );
}
