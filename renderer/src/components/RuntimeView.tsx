/**
 * The runtime view: inbound endpoints, tasks and polling proxies of the running runtime with
 * their state (listening, polling, scheduled, suspended, failed), last poll, next firing and last
 * error; a task can be run now; Try-it beyond HTTP drops a file for a file endpoint or vfs proxy,
 * sends a test mail to a mail listener's mailbox, or sends a message to a socket listener (SocketTryIt).
 */
import { useEffect, useState } from 'react';
import type { RuntimeItem } from '../../../src/contract/index.js';
import { errorMessage, type StudioClient } from '../connection.js';
import { SocketTryIt } from './SocketTryIt.js';
import './runtime-view.css';

const KIND_LABEL: Record<string, string> = { 'inbound-endpoint': 'Inbound endpoint', task: 'Task', proxy: 'Proxy' };

/** The contract's five states; a task that has fired its count is shown suspended, one still starting as listening. */
function shownState(item: RuntimeItem): 'listening' | 'polling' | 'scheduled' | 'suspended' | 'failed' {
  if (item.state === 'stopped') return 'suspended';
  if (item.state === 'starting') return 'listening';
  return item.state;
}

function time(ms: number | undefined): string | undefined {
  return ms ? new Date(ms).toLocaleTimeString() : undefined;
}

type TryIt = { kind: 'file' | 'mail' | 'socket'; artifact: string };

export function RuntimeView({ client, running }: { client: StudioClient; running: boolean }) {
  const [items, setItems] = useState<RuntimeItem[]>([]);
  const [tryIt, setTryIt] = useState<TryIt>();
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string }>();
  const [fileName, setFileName] = useState('tryit.xml');
  const [fileContent, setFileContent] = useState('<message>hello</message>');
  const [subject, setSubject] = useState('Test mail');
  const [mailText, setMailText] = useState('hello');

  useEffect(() => {
    const off = client.on('runtime.items', setItems);
    void client
      .service('runtime')
      .items()
      .then(setItems, () => undefined);
    return off;
  }, [client]);

  const act = async (what: string, f: () => Promise<void>) => {
    setOutcome(undefined);
    try {
      await f();
      setOutcome({ ok: true, text: what });
    } catch (e) {
      setOutcome({ ok: false, text: errorMessage(e) });
    }
  };

  return (
    <div className="runtime-view" data-testid="runtime-view">
      {items.length === 0 && <div className="muted pad">{running ? 'No inbound endpoints, scheduled tasks or polling proxies are deployed.' : 'The runtime is stopped: run it to see its inbound endpoints and tasks.'}</div>}
      {items.map((item) => (
        <div key={item.artifact} className={`runtime-item state-${shownState(item)}`} data-testid="runtime-item" data-artifact={item.artifact} data-state={shownState(item)} title={item.lastError ?? ''}>
          <span className="runtime-kind">{KIND_LABEL[item.kind] ?? item.kind}</span>
          <span className="runtime-name">{item.name}</span>
          {item.detail && <span className="muted">{item.detail}</span>}
          <span className="runtime-state">{shownState(item)}</span>
          {item.port !== undefined && <span className="muted">port {item.port}</span>}
          {time(item.lastPoll) && <span className="muted">last {item.kind === 'task' ? 'run' : 'poll'} {time(item.lastPoll)}</span>}
          {item.kind === 'task' && time(item.nextFire) && <span className="muted">next {time(item.nextFire)}</span>}
          {item.lastError && <span className="runtime-error">{item.lastError}</span>}
          <span className="runtime-actions">
            {item.canRunNow && (
              <button data-testid="task-run-now" onClick={() => void act(`${item.name} ran`, () => client.service('runtime').runNow(item.artifact))}>
                Run now
              </button>
            )}
            {item.accepts === 'file' && <button onClick={() => setTryIt({ kind: 'file', artifact: item.artifact })}>Drop a file…</button>}
            {item.accepts === 'mail' && <button onClick={() => setTryIt({ kind: 'mail', artifact: item.artifact })}>Send a test mail…</button>}
            {item.socket && (
              <button data-testid="tryit-socket-open" onClick={() => setTryIt({ kind: 'socket', artifact: item.artifact })}>
                Send a message…
              </button>
            )}
          </span>
        </div>
      ))}
      {tryIt?.kind === 'file' && (
        <div className="runtime-tryit" data-testid="tryit-file">
          <div>Drop a file for {tryIt.artifact}</div>
          <input aria-label="File name" value={fileName} onChange={(e) => setFileName(e.target.value)} data-testid="tryit-file-name" />
          <textarea aria-label="File content" value={fileContent} onChange={(e) => setFileContent(e.target.value)} data-testid="tryit-file-content" rows={4} />
          <button data-testid="tryit-file-send" onClick={() => void act(`${fileName} dropped and polled`, () => client.service('runtime').dropFile(tryIt.artifact, fileName, fileContent))}>
            Drop
          </button>
        </div>
      )}
      {tryIt?.kind === 'mail' && (
        <div className="runtime-tryit" data-testid="tryit-mail">
          <div>Send a test mail to the mailbox of {tryIt.artifact}</div>
          <input aria-label="Subject" value={subject} onChange={(e) => setSubject(e.target.value)} data-testid="tryit-mail-subject" />
          <textarea aria-label="Mail text" value={mailText} onChange={(e) => setMailText(e.target.value)} data-testid="tryit-mail-text" rows={4} />
          <button data-testid="tryit-mail-send" onClick={() => void act('test mail delivered and polled', () => client.service('runtime').sendMail(tryIt.artifact, { subject, text: mailText }))}>
            Send
          </button>
        </div>
      )}
      {tryIt?.kind === 'socket' &&
        (() => {
          const item = items.find((i) => i.artifact === tryIt.artifact);
          return item?.socket ? <SocketTryIt key={item.artifact} client={client} item={{ ...item, socket: item.socket }} /> : null;
        })()}
      {outcome && (
        <div className={outcome.ok ? 'runtime-outcome ok' : 'runtime-outcome error'} data-testid="runtime-outcome">
          {outcome.text}
        </div>
      )}
    </div>
  );
}
