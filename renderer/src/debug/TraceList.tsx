/** The steps a finished message took, with durations; a step opens its input and output payloads and property changes. */
import { useEffect, useState } from 'react';
import type { DebugTrace } from '../../../src/contract/index.js';

export function TraceList({ trace, focused }: { trace: DebugTrace; focused?: string }) {
  const [open, setOpen] = useState<number>();
  useEffect(() => {
    const i = focused ? trace.steps.findIndex((s) => s.path === focused) : -1;
    if (i >= 0) setOpen(i);
  }, [trace, focused]);
  return (
    <div className="trace-list" data-testid="trace-list" data-message-id={trace.messageId}>
      <div className="debug-heading">
        Last message · {trace.method} {trace.url}
      </div>
      {trace.steps.map((s, i) => (
        <div key={i} className={`trace-step outcome-${s.outcome}`} data-testid="trace-list-step" data-step-path={s.path} data-open={open === i ? 'true' : 'false'} onClick={() => setOpen(open === i ? undefined : i)}>
          <div className="trace-step-head">
            <span className="mono">{s.kind}</span>
            <span className="muted small mono" title={s.path}>
              {s.path}
            </span>
            <span className="spacer" />
            <span className="small">{s.durationMs.toFixed(1)} ms</span>
          </div>
          {open === i && (
            <div className="trace-step-detail">
              <div className="muted small">input ({s.input?.kind})</div>
              <pre className="mono small">{s.input?.text}</pre>
              <div className="muted small">output ({s.output?.kind})</div>
              <pre className="mono small">{s.output?.text}</pre>
              {s.propertyChanges.map((c, j) => (
                <div key={j} className="mono small">
                  {c.scope}.{c.name}: {c.before ?? '∅'} → {c.after ?? '∅'}
                </div>
              ))}
              {s.error && <div className="form-error small">{s.error}</div>}
            </div>
          )}
        </div>
      ))}
    </div>
  );
}
