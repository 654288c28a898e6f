/** Inputs that write to the document when the user is done with a value (blur or Enter), not on every keystroke. */
import { useEffect, useState, type CSSProperties } from 'react';

export function CommitInput(props: { value: string; onCommit: (value: string) => void; testId?: string; name?: string; type?: string; placeholder?: string; style?: CSSProperties; disabled?: boolean }) {
  const [draft, setDraft] = useState(props.value);
  useEffect(() => setDraft(props.value), [props.value]);
  const commit = () => draft !== props.value && props.onCommit(draft);
  return (
    <input
      data-testid={props.testId}
      data-name={props.name}
      type={props.type ?? 'text'}
      value={draft}
      placeholder={props.placeholder}
      style={props.style}
      disabled={props.disabled}
      spellCheck={false}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit();
        if (e.key === 'Escape') setDraft(props.value);
      }}
    />
  );
}

/** A multi-line editor (SQL) that writes on blur or Ctrl+Enter. */
export function CommitTextArea(props: { value: string; onCommit: (value: string) => void; testId?: string; rows?: number; disabled?: boolean }) {
  const [draft, setDraft] = useState(props.value);
  useEffect(() => setDraft(props.value), [props.value]);
  const commit = () => draft !== props.value && props.onCommit(draft);
  return (
    <textarea
      data-testid={props.testId}
      className="ds-sql"
      rows={props.rows ?? Math.min(8, Math.max(2, draft.split('\n').length))}
      value={draft}
      disabled={props.disabled}
      spellCheck={false}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) commit();
      }}
    />
  );
}
