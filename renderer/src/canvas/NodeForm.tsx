/**
 * The form of the selected node, generated from its kind's JSON Schema:
 * attributes in the editor's field order, help, enum pickers, expression
 * fields checked by the engine's compiler, reference pickers. A value is
 * written only when it is valid; an invalid one stays in the field, marked.
 */
import { useState } from 'react';
import type { ExpressionCheck, FlowNode, FormSchema } from '../../../src/contract/canvas.js';

export interface FormActions {
  set(name: string, value: string | null, element?: string): Promise<void>;
  checkExpression(expression: string): Promise<ExpressionCheck>;
  remove(): void;
  toggleDisabled(): void;
  copy(): void;
  paste(): void;
  moveBy(delta: number): void;
}

export function NodeForm({ node, schema, references, actions }: { node: FlowNode; schema: FormSchema | undefined; references: Record<string, string[]>; actions: FormActions }) {
  const properties = schema?.properties ?? {};
  const order = [...(schema?.['x-order'] ?? [])];
  const names = [...order.filter((n) => properties[n]), ...Object.keys(properties).filter((n) => !order.includes(n) && !n.startsWith('<'))];
  const required = new Set(schema?.required ?? []);
  const unknown = Object.keys(node.attrs).filter((n) => !properties[n] && !n.startsWith('xmlns'));
  return (
    <aside className="node-form" data-testid="node-form" data-step-path={node.id}>
      <header>
        <h3>{node.label}</h3>
        <span className="muted">{node.element}</span>
      </header>
      {schema?.description && <p className="form-help">{schema.description}</p>}
      <div className="form-actions">
        <button onClick={() => actions.moveBy(-1)} title="Move up">↑</button>
        <button onClick={() => actions.moveBy(1)} title="Move down">↓</button>
        <button onClick={actions.copy} title="Copy (Ctrl+C)">Copy</button>
        <button onClick={actions.paste} title="Paste after (Ctrl+V)">Paste</button>
        <button onClick={actions.toggleDisabled} data-testid="node-toggle-disabled">{node.disabled ? 'Enable' : 'Disable'}</button>
        <button onClick={actions.remove} data-testid="node-delete" title="Delete (Del)">Delete</button>
      </div>
      {node.disabled ? (
        <p className="muted">This mediator is commented out. Enable it to edit its settings.</p>
      ) : (
        <>
          {node.endpoint?.kind === 'key' && <Field key={`${node.id}:ep:${node.endpoint.key}`} name="key" label="endpoint key" element="endpoint" schema={{ type: 'string', 'x-ref-kind': 'endpoint', description: 'Name of the endpoint this call uses.' }} value={node.endpoint.key ?? ''} required references={references} actions={actions} />}
          {names.map((name) => (
            <Field key={`${node.id}:${name}:${node.attrs[name] ?? ''}`} name={name} label={name} schema={properties[name]!} value={node.attrs[name]} required={required.has(name)} references={references} actions={actions} />
          ))}
          {unknown.map((name) => (
            <Field key={`${node.id}:${name}:${node.attrs[name]}`} name={name} label={`${name} (not in the schema)`} schema={{ type: 'string' }} value={node.attrs[name]} required={false} references={references} actions={actions} />
          ))}
          {Object.keys(properties).some((n) => n.startsWith('<')) && <p className="muted form-note">Child elements ({Object.keys(properties).filter((n) => n.startsWith('<')).join(' ')}) are edited in the source view.</p>}
        </>
      )}
    </aside>
  );
}

function Field({ name, label, element, schema, value, required, references, actions }: { name: string; label: string; element?: string; schema: FormSchema; value: string | undefined; required: boolean; references: Record<string, string[]>; actions: FormActions }) {
  const [draft, setDraft] = useState(value ?? '');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const listId = schema['x-ref-kind'] ? `refs-${schema['x-ref-kind']}` : undefined;

  async function commit(next: string) {
    if (next === (value ?? '')) {
      setError(undefined);
      return;
    }
    if (next === '') {
      if (required) return setError(`${name} is required`);
      setError(undefined);
      return actions.set(name, null, element);
    }
    if (schema.pattern && !new RegExp(schema.pattern).test(next)) return setError(`not a valid ${patternName(schema.pattern)}`);
    if (schema.enum && !schema.enum.includes(next)) return setError(`expected one of ${schema.enum.join(', ')}`);
    if (schema['x-expression'] && looksLikeExpression(next, name)) {
      setBusy(true);
      const check = await actions.checkExpression(stripBraces(next));
      setBusy(false);
      if (!check.ok) return setError(check.message ?? 'invalid expression');
    }
    setError(undefined);
    await actions.set(name, next, element);
  }

  return (
    <label className={`form-field${error ? ' invalid' : ''}`} data-field={name}>
      <span className="form-label">
        {label}
        {required && <span className="required">*</span>}
        {schema['x-expression'] && <span className="form-badge">expr</span>}
      </span>
      {schema.enum ? (
        <select
          value={draft}
          data-testid="form-field"
          data-name={name}
          onChange={(e) => {
            setDraft(e.target.value);
            void commit(e.target.value);
          }}
        >
          <option value="">{schema.default ? `(default: ${schema.default})` : '(none)'}</option>
          {schema.enum.map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </select>
      ) : (
        <input
          value={draft}
          data-testid="form-field"
          data-name={name}
          list={listId}
          spellCheck={false}
          className={schema['x-expression'] ? 'mono' : undefined}
          placeholder={schema.default ? `default: ${schema.default}` : undefined}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={() => void commit(draft)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') void commit(draft);
            if (e.key === 'Escape') {
              setDraft(value ?? '');
              setError(undefined);
            }
          }}
        />
      )}
      {listId && (
        <datalist id={listId}>
          {(references[schema['x-ref-kind']!] ?? []).map((r) => (
            <option key={r} value={r} />
          ))}
        </datalist>
      )}
      {busy && <span className="muted form-help">checking…</span>}
      {error && (
        <span className="form-error" data-testid="form-error">
          {error}
        </span>
      )}
      {schema.description && <span className="form-help">{schema.description}</span>}
    </label>
  );
}

function patternName(pattern: string): string {
  if (pattern.includes('true|false')) return 'boolean (true or false)';
  if (pattern.includes('\\d+\\s*$') && !pattern.includes('.')) return 'integer';
  return 'number';
}

/** `{xpath}` and `${…}` are expressions anywhere; bare text only in attributes that hold nothing else (a `value` may be a literal). */
function looksLikeExpression(v: string, name: string): boolean {
  const t = v.trim();
  if ((t.startsWith('{') && t.endsWith('}')) || t.startsWith('${')) return true;
  return t !== '' && (/expression/i.test(name) || name === 'xpath' || name === 'source');
}

function stripBraces(v: string): string {
  const t = v.trim();
  return t.startsWith('{') && t.endsWith('}') && !t.startsWith('${') ? t.slice(1, -1) : t;
}
