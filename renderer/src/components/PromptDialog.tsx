/** Asks for one value (rename) or a yes/no (delete). */
import { useState } from 'react';
import { Dialog } from './Dialog.js';

export function PromptDialog({ title, label, initial, confirmText, onConfirm, onCancel, error }: { title: string; label?: string; initial?: string; confirmText: string; onConfirm: (value: string) => void; onCancel: () => void; error?: string }) {
  const [value, setValue] = useState(initial ?? '');
  return (
    <Dialog title={title} onCancel={onCancel} testId="prompt-dialog">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onConfirm(value);
        }}
      >
        {label !== undefined && (
          <label className="field">
            <span>{label}</span>
            <input data-testid="prompt-input" autoFocus value={value} onChange={(e) => setValue(e.target.value)} />
          </label>
        )}
        {error && <div className="form-error">{error}</div>}
        <div className="dialog-buttons">
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="primary" data-testid="prompt-confirm" autoFocus={label === undefined}>
            {confirmText}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
