/**
 * The fields of a generated form: one attribute (enum picker, reference
 * picker, checked expression), a value-or-expression pair, and an element's
 * text or XML content. A value is written only when it is valid; an invalid
 * one stays in the field, marked, and Escape brings the written value back.
 */
import { createContext, useContext, useState, type KeyboardEvent } from 'react';
import type { CanvasEdit, ExpressionCheck, FormSchema } from '../../../src/contract/canvas.js';
import type { Forms } from './form-schema.js';
import { xmlContentProblem } from './form-schema.js';

/** An edit of the form's node (the node id is added by the form). */
export type NodeEdit = CanvasEdit extends infer E ? (E extends { node: string } ? Omit<E, 'node'> : never) : never;

export interface FormContextValue {
  edit(edit: NodeEdit): Promise<void>;
  checkExpression(expression: string): Promise<ExpressionCheck>;
  references: Record<string, string[]>;
  forms: Forms;
}

export const FormContext = createContext<FormContextValue | null>(null);

export function useForm(): FormContextValue {
  const form = useContext(FormContext);
  if (!form) throw new Error('form fields need the FormContext');
  return form;
}

/** Checks a value against its schema; undefined when it may be written. */
async function problemOf(form: FormContextValue, name: string, schema: FormSchema, value: string, expression: boolean): Promise<string | undefined> {
  if (schema.pattern && !new RegExp(schema.pattern).test(value)) return `not a valid ${patternName(schema.pattern)}`;
  if (schema.enum && !schema.enum.includes(value)) return `expected one of ${schema.enum.join(', ')}`;
  if (expression && looksLikeExpression(value, name)) {
    const check = await form.checkExpression(stripBraces(value));
    if (!check.ok) return check.message ?? 'invalid expression';
  }
  return undefined;
}

export interface AttributeFieldProps {
  name: string;
  label?: string;
  schema: FormSchema;
  value: string | undefined;
  required: boolean;
  /** Writes the value (null removes the attribute). */
  commit(value: string | null): Promise<void>;
  compact?: boolean;
}

export function AttributeField({ name, label, schema, value, required, commit, compact }: AttributeFieldProps) {
  const form = useForm();
  const [draft, setDraft] = useState(value ?? '');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const refKind = schema['x-ref-kind'];
  // Booleans are a choice too; a value written otherwise (`TRUE`) stays selectable.
  const isBoolean = !!schema.pattern?.includes('true|false');
  const choices = schema.enum ?? (isBoolean ? ['true', 'false'] : undefined);
  const options = choices && value !== undefined && value !== '' && !choices.includes(value) ? [...choices, value] : choices;
  const listId = refKind ? `refs-${refKind}` : undefined;

  async function write(next: string) {
    if (next === (value ?? '')) return setError(undefined);
    if (next === '') {
      if (required) return setError(`${name} is required`);
      setError(undefined);
      return commit(null);
    }
    setBusy(true);
    const problem = await problemOf(form, name, schema, next, !!schema['x-expression']);
    setBusy(false);
    setError(problem);
    if (!problem) await commit(next);
  }

  return (
    <label className={`form-field${compact ? ' compact' : ''}${error ? ' invalid' : ''}`} data-field={name}>
      <span className="form-label">
        {label ?? name}
        {required && <span className="required">*</span>}
        {schema['x-expression'] && <span className="form-badge">expr</span>}
      </span>
      {options ? (
        <select
          value={draft}
          data-testid="form-field"
          data-name={name}
          onChange={(e) => {
            setDraft(e.target.value);
            void write(e.target.value);
          }}
        >
          <option value="">{schema.default ? `(default: ${schema.default})` : '(none)'}</option>
          {options.map((v) => (
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
          placeholder={schema.default ? `default: ${schema.default}` : compact ? name : undefined}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={() => void write(draft)}
          onKeyDown={fieldKeys(
            () => void write(draft),
            () => {
              setDraft(value ?? '');
              setError(undefined);
            },
          )}
        />
      )}
      {listId && (
        <datalist id={listId}>
          {(form.references[refKind!] ?? []).map((r) => (
            <option key={r} value={r} />
          ))}
        </datalist>
      )}
      {busy && <span className="muted form-help">checking…</span>}
      <FieldError error={error} />
      {!compact && schema.description && <span className="form-help">{schema.description}</span>}
    </label>
  );
}

/**
 * Attributes of which one is written (`value` or `expression`): a choice and
 * one input. Switching the choice moves the text to the other attribute in
 * one edit.
 */
export function AlternativeField({ names, schema, attrs, commit, compact }: { names: string[]; schema: FormSchema; attrs: Record<string, string>; commit(values: Record<string, string | null>): Promise<void>; compact?: boolean }) {
  const form = useForm();
  const written = names.find((n) => attrs[n] !== undefined);
  const [mode, setMode] = useState(written ?? names[0]!);
  const [draft, setDraft] = useState(written ? attrs[written]! : '');
  const [error, setError] = useState<string>();
  const fieldSchema = schema.properties?.[mode] ?? { type: 'string' as const };

  async function write(nextMode: string, next: string) {
    if (nextMode === written && next === attrs[nextMode]) return setError(undefined);
    const problem = next === '' && nextMode !== 'value' ? `${nextMode} is empty` : await problemOf(form, nextMode, fieldSchema, next, !!schema.properties?.[nextMode]?.['x-expression']);
    setError(problem);
    if (problem) return;
    const values: Record<string, string | null> = {};
    for (const n of names) values[n] = n === nextMode ? next : null;
    await commit(values);
  }

  return (
    <div className={`form-field alternative${compact ? ' compact' : ''}${error ? ' invalid' : ''}`} data-field={names.join('|')}>
      <span className="form-label">
        <select
          value={mode}
          data-testid="form-field-mode"
          aria-label={`${names.join(' or ')}: which one`}
          onChange={(e) => {
            setMode(e.target.value);
            if (draft !== '' || e.target.value === 'value') void write(e.target.value, draft);
          }}
        >
          {names.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
        {fieldSchema['x-expression'] && <span className="form-badge">expr</span>}
      </span>
      <input
        value={draft}
        data-testid="form-field"
        data-name={mode}
        spellCheck={false}
        className={fieldSchema['x-expression'] ? 'mono' : undefined}
        placeholder={mode}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={() => void write(mode, draft)}
        onKeyDown={fieldKeys(
          () => void write(mode, draft),
          () => {
            setMode(written ?? names[0]!);
            setDraft(written ? attrs[written]! : '');
            setError(undefined);
          },
        )}
      />
      <FieldError error={error} />
    </div>
  );
}

/** An element's content: text (escaped when written) or XML as written (checked to be well-formed first). */
export function ContentField({ label, kind, value, commit }: { label: string; kind: 'text' | 'xml'; value: string; commit(value: string): Promise<void> }) {
  const [draft, setDraft] = useState(value);
  const [error, setError] = useState<string>();
  const multiline = kind === 'xml' || value.includes('\n');

  async function write(next: string) {
    if (next === value) return setError(undefined);
    const problem = kind === 'xml' ? xmlContentProblem(next) : undefined;
    setError(problem);
    if (!problem) await commit(next);
  }

  const common = {
    value: draft,
    'data-testid': 'form-content',
    'data-name': label,
    spellCheck: false,
    className: 'mono',
    onBlur: () => void write(draft),
    onChange: (e: { target: { value: string } }) => setDraft(e.target.value),
    onKeyDown: fieldKeys(
      () => void write(draft),
      () => {
        setDraft(value);
        setError(undefined);
      },
      multiline,
    ),
  };
  const field = (
    <label className={`form-field${error ? ' invalid' : ''}`} data-field={`${label}-content`}>
      <span className="form-label">{kind === 'xml' ? 'content (XML as written)' : label}</span>
      {multiline ? (
        <textarea {...common} rows={Math.min(12, Math.max(3, draft.split('\n').length + 1))} />
      ) : (
        <input {...common} />
      )}
      <FieldError error={error} />
      {multiline && <span className="form-help">Written when the field loses focus (or Ctrl+Enter).</span>}
    </label>
  );
  // Empty XML content (an enrich source that is not inline) stays folded away.
  if (kind !== 'xml' || value.trim() !== '') return field;
  return (
    <details className="form-more">
      <summary>content</summary>
      {field}
    </details>
  );
}

/** Enter (Ctrl+Enter in a multi-line field) writes; Escape brings the written value back. */
function fieldKeys(write: () => void, revert: () => void, multiline = false) {
  return (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (!multiline || e.ctrlKey || e.metaKey)) write();
    if (e.key === 'Escape') revert();
  };
}

function FieldError({ error }: { error: string | undefined }) {
  if (!error) return null;
  return (
    <span className="form-error" data-testid="form-error">
      {error}
    </span>
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
