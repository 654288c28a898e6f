/** The runtime's log with level and text filters, and clear. */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { LogEntry, LogLevel } from '../../../src/contract/index.js';

const ORDER: Record<LogLevel, number> = { trace: 0, debug: 1, info: 2, warn: 3, error: 4, fatal: 5 };

export function ConsolePanel({ entries, onClear }: { entries: LogEntry[]; onClear: () => void }) {
  const [minLevel, setMinLevel] = useState<LogLevel>('trace');
  const [filter, setFilter] = useState('');
  const list = useRef<HTMLDivElement>(null);
  const shown = useMemo(() => {
    const needle = filter.toLowerCase();
    return entries.filter((e) => ORDER[e.level] >= ORDER[minLevel] && (!needle || `${e.component ?? ''} ${e.artifact ?? ''} ${e.message}`.toLowerCase().includes(needle)));
  }, [entries, minLevel, filter]);

  useEffect(() => {
    const el = list.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [shown.length]);

  return (
    <div className="console" data-testid="console">
      <div className="panel-toolbar">
        <select data-testid="console-level" value={minLevel} onChange={(e) => setMinLevel(e.target.value as LogLevel)} title="Lowest level shown">
          <option value="trace">All levels</option>
          <option value="info">Info and above</option>
          <option value="warn">Warnings and errors</option>
          <option value="error">Errors only</option>
        </select>
        <input data-testid="console-filter" placeholder="Filter" value={filter} onChange={(e) => setFilter(e.target.value)} />
        <span className="muted">
          {shown.length} of {entries.length}
        </span>
        <button data-testid="console-clear" onClick={onClear}>
          Clear
        </button>
      </div>
      <div className="console-lines" ref={list}>
        {shown.map((e) => (
          <div key={e.seq} className={`log-line level-${e.level}`} data-testid="console-line" data-level={e.level}>
            <span className="log-time">{e.time.slice(11, 23)}</span>
            <span className="log-level">{e.level.toUpperCase()}</span>
            {e.component && <span className="log-component">{e.component}</span>}
            {e.artifact && <span className="log-artifact">{e.artifact}</span>}
            <span className="log-message">{e.message}</span>
          </div>
        ))}
      </div>
    </div>
  );
}
