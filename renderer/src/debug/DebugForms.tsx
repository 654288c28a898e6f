/** The Debug panel's small forms: attaching to a runtime, and one breakpoint with its condition. */
import { useEffect, useState } from 'react';
import { debugStore } from './breakpoints-store.js';

/** Host and ports of a runtime to attach to (MI's defaults: 9005 and 9006). */
export function AttachForm({ onAttach }: { onAttach: (host: string, commandPort: number, eventPort: number) => void }) {
  const [host, setHost] = useState('127.0.0.1');
  const [command, setCommand] = useState('9005');
  const [event, setEvent] = useState('9006');
  return (
    <form
      className="attach-form"
      data-testid="attach-form"
      onSubmit={(e) => {
        e.preventDefault();
        onAttach(host.trim(), Number(command), Number(event));
      }}
    >
      <label>
        Host <input value={host} onChange={(e) => setHost(e.target.value)} data-testid="attach-host" />
      </label>
      <label>
        Command port <input value={command} onChange={(e) => setCommand(e.target.value)} size={6} data-testid="attach-command-port" />
      </label>
      <label>
        Event port <input value={event} onChange={(e) => setEvent(e.target.value)} size={6} data-testid="attach-event-port" />
      </label>
      <button className="primary" type="submit" data-testid="attach-button">
        Attach
      </button>
    </form>
  );
}

export function BreakpointRow({ stepPath, where, condition, error, onOpen }: { stepPath: string; where: string; condition?: string; error?: string; onOpen: () => void }) {
  const [text, setText] = useState(condition ?? '');
  useEffect(() => setText(condition ?? ''), [condition]);
  return (
    <div className={`breakpoint-row${error ? ' refused' : ''}`} data-testid="breakpoint-row" data-step-path={stepPath} title={error ? `Not set: ${error}` : stepPath}>
      <span className="breakpoint-dot" />
      <span className="link-like" onClick={onOpen}>
        {where}
      </span>
      <input
        className="mono small"
        placeholder="condition (optional)"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => e.key === 'Enter' && void debugStore.setCondition(stepPath, text)}
        onBlur={() => text !== (condition ?? '') && void debugStore.setCondition(stepPath, text)}
      />
      <button className="icon" title="Remove" onClick={() => void debugStore.toggle(stepPath)}>
        ×
      </button>
    </div>
  );
}
