/** A small modal dialog; Escape or the backdrop cancels. */
import { useEffect, type ReactNode } from 'react';

export function Dialog({ title, onCancel, children, testId }: { title: string; onCancel: () => void; children: ReactNode; testId?: string }) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onCancel();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onCancel]);
  return (
    <div className="backdrop" onMouseDown={(e) => e.target === e.currentTarget && onCancel()}>
      <div className="dialog" role="dialog" aria-modal="true" aria-label={title} data-testid={testId}>
        <h3>{title}</h3>
        {children}
      </div>
    </div>
  );
}
