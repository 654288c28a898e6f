/** Name/value rows that can be changed (Enter or leaving the field applies), removed, and added to. */
import { useEffect, useState } from 'react';

export interface PropertyTableProps {
  testId: string;
  values: Record<string, string>;
  disabled: boolean;
  onSet(name: string, value: string): void;
  onRemove(name: string): void;
}

export function PropertyTable({ testId, values, disabled, onSet, onRemove }: PropertyTableProps) {
  const [newName, setNewName] = useState('');
  const [newValue, setNewValue] = useState('');
  const add = () => {
    if (!newName.trim()) return;
    onSet(newName.trim(), newValue);
    setNewName('');
    setNewValue('');
  };
  return (
    <div className="property-table" data-testid={testId}>
      {Object.entries(values).map(([name, value]) => (
        <ValueRow key={name} name={name} value={value} disabled={disabled} onSet={onSet} onRemove={onRemove} />
      ))}
      {Object.keys(values).length === 0 && <div className="muted small">{disabled ? '—' : 'none'}</div>}
      <div className="property-row add">
        <input className="mono" placeholder="name" value={newName} disabled={disabled} data-testid={`${testId}-new-name`} onChange={(e) => setNewName(e.target.value)} />
        <input className="mono" placeholder="value" value={newValue} disabled={disabled} data-testid={`${testId}-new-value`} onChange={(e) => setNewValue(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && add()} />
        <button disabled={disabled || !newName.trim()} data-testid={`${testId}-add`} onClick={add} title="Add">
          +
        </button>
      </div>
    </div>
  );
}

function ValueRow({ name, value, disabled, onSet, onRemove }: { name: string; value: string; disabled: boolean; onSet(name: string, value: string): void; onRemove(name: string): void }) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const apply = () => text !== value && onSet(name, text);
  return (
    <div className="property-row" data-name={name}>
      <span className="property-name mono" title={name}>
        {name}
      </span>
      <input className="mono" value={text} disabled={disabled} onChange={(e) => setText(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && apply()} onBlur={apply} title={value} />
      <button className="icon" disabled={disabled} title={`Remove ${name}`} onClick={() => onRemove(name)}>
        ×
      </button>
    </div>
  );
}
