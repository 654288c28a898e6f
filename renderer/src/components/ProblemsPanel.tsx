/** Deployment problems reported by the runtime and live problems of open documents; a click opens the file at the line. */
import type { Problem } from '../../../src/contract/index.js';

export function ProblemsPanel({ problems, onOpen }: { problems: (Problem & { source?: string })[]; onOpen: (problem: Problem) => void }) {
  return (
    <div className="problems" data-testid="problems">
      {problems.length === 0 && <div className="muted pad">No problems in the open files or the running project.</div>}
      {problems.map((p, i) => (
        <div key={`${p.file}:${p.line}:${p.column}:${i}`} className={`problem-item severity-${p.severity}`} data-testid="problem-item" data-source={p.source} data-path={p.file} data-line={p.line} onClick={() => onOpen(p)} tabIndex={0} onKeyDown={(e) => e.key === 'Enter' && onOpen(p)}>
          <span className={`problem-icon ${p.severity}`} role="img" aria-label={p.severity} />
          <span className="problem-message">{p.message}</span>
          {p.code && <span className="muted">{p.code}</span>}
          <span className="problem-location">
            {p.file.slice(p.file.lastIndexOf('/') + 1)}:{p.line}:{p.column}
          </span>
        </div>
      ))}
    </div>
  );
}
