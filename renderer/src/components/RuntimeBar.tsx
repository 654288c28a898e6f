/** Run / Debug / Stop and the runtime's status and port. */
import type { RuntimeStatus } from '../../../src/contract/index.js';

export function RuntimeBar({ status, canRun, onRun, onStop, onDebug, debugging }: { status: RuntimeStatus; canRun: boolean; onRun: () => void; onStop: () => void; onDebug?: () => void; debugging?: boolean }) {
  const busy = status.state === 'starting' || status.state === 'stopping';
  const text =
    status.state === 'running'
      ? `${debugging ? 'debugging' : 'running'} on port ${status.port}`
      : status.state === 'starting'
        ? 'starting…'
        : status.state === 'stopping'
          ? 'stopping…'
          : status.exitReason
            ? 'stopped (exited)'
            : 'stopped';
  return (
    <div className="runtime-bar">
      <button className="run" data-testid="run-button" title="Run the project on the embedded runtime (F5)" disabled={!canRun || status.state !== 'stopped'} onClick={onRun}>
        ▶ Run
      </button>
      {onDebug && (
        <button className="debug" data-testid="debug-button" title="Run with the debugger: breakpoints, stepping, inspecting messages" disabled={!canRun || busy || debugging} onClick={onDebug}>
          ⬢ Debug
        </button>
      )}
      <button className="stop" data-testid="stop-button" title="Stop the runtime (Shift+F5)" disabled={status.state !== 'running'} onClick={onStop}>
        ■ Stop
      </button>
      <span className={`runtime-status state-${status.state}${busy ? ' busy' : ''}`} data-testid="runtime-status" title={status.exitReason}>
        <span className="dot" />
        {text}
      </span>
    </div>
  );
}
