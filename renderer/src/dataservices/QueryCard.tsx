/**
 * One `<query>`: its SQL, "run this query" with values for its params (the
 * backend binds them), the rows it returned, its result mapping, and the XML
 * or JSON MI would answer for those rows. The preview follows mapping edits
 * at once: after an edit a SELECT is run again with the same values.
 */
import { useEffect, useRef, useState } from 'react';
import type { DsEdit, DsQueryView, DsRunResult } from '../../../src/contract/dataservices.js';
import { CommitInput, CommitTextArea } from './fields.js';

export interface QueryCardProps {
  query: DsQueryView;
  /** Changes whenever the document text changes (to refresh the preview). */
  textVersion: number;
  disabled: boolean;
  edit: (edit: DsEdit) => Promise<void>;
  run: (params: Record<string, string>) => Promise<DsRunResult>;
}

const READ_ONLY_SQL = /^\s*(select|with|values|pragma|show|explain)\b/i;

export function QueryCard({ query, textVersion, disabled, edit, run }: QueryCardProps) {
  const [values, setValues] = useState<Record<string, string>>({});
  const [result, setResult] = useState<DsRunResult>();
  const [running, setRunning] = useState(false);
  const [format, setFormat] = useState<'xml' | 'json'>(query.result?.outputType === 'json' ? 'json' : 'xml');
  const [newMapping, setNewMapping] = useState({ kind: 'element' as 'element' | 'attribute', name: '', column: '' });
  const ranOnce = useRef<Record<string, string> | undefined>(undefined);

  const execute = async (params: Record<string, string>) => {
    setRunning(true);
    try {
      setResult(await run(params));
      ranOnce.current = params;
    } catch (e) {
      setResult({ ok: false, error: e instanceof Error ? e.message : String(e), columns: [], rows: [], affectedRows: 0 });
    } finally {
      setRunning(false);
    }
  };

  useEffect(() => {
    // A reading query shown before is shown again on the edited mapping; writes never run by themselves.
    if (ranOnce.current && READ_ONLY_SQL.test(query.sql ?? '')) void execute(ranOnce.current);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [textVersion]);

  const r = query.result;
  const preview = result?.ok ? (format === 'json' ? result.outputJson : result.outputXml) : undefined;
  return (
    <section className="ds-section ds-query" data-testid="ds-query" data-query={query.id}>
      <h3>
        Query <code>{query.id}</code> <span className="muted">on {query.useConfig}</span>
      </h3>
      {query.sql !== undefined && <CommitTextArea testId="ds-query-sql" value={query.sql} disabled={disabled} onCommit={(sql) => void edit({ op: 'setQuerySql', query: query.id, sql })} />}
      <div className="ds-params">
        {query.params.map((p) => (
          <label key={p.name}>
            <span>
              {p.name} <span className="muted">{p.sqlType}</span>
            </span>
            <input data-testid="ds-query-param" data-name={p.name} value={values[p.name] ?? ''} placeholder={p.defaultValue ?? ''} spellCheck={false} onChange={(e) => setValues({ ...values, [p.name]: e.target.value })} onKeyDown={(e) => e.key === 'Enter' && void execute(values)} />
          </label>
        ))}
        <button className="primary" data-testid="ds-query-run" disabled={running} onClick={() => void execute(values)}>
          {running ? 'Running…' : 'Run'}
        </button>
      </div>
      {result && !result.ok && (
        <div className="form-error" role="alert" data-testid="ds-query-error">
          {result.error}
        </div>
      )}
      {result?.ok && (
        <div className="ds-result-rows">
          {result.columns.length === 0 ? (
            <div className="muted" data-testid="ds-affected-rows">
              {result.affectedRows} row{result.affectedRows === 1 ? '' : 's'} changed
            </div>
          ) : (
            <table data-testid="ds-rows">
              <thead>
                <tr>
                  {result.columns.map((c, i) => (
                    <th key={i}>{c}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {result.rows.map((row, i) => (
                  <tr key={i} data-testid="ds-row">
                    {row.map((cell, j) => (
                      <td key={j} className={cell === null ? 'null' : undefined}>
                        {cell ?? 'NULL'}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
      <div className="ds-mapping">
        <h4>Result</h4>
        <div className="ds-grid">
          <label>
            <span>Element</span>
            <CommitInput testId="ds-result-element" value={r?.element ?? ''} disabled={disabled || r?.outputType === 'json'} onCommit={(v) => void edit({ op: 'setResultAttribute', query: query.id, name: 'element', value: v || null })} />
          </label>
          <label>
            <span>Row name</span>
            <CommitInput testId="ds-result-rowname" value={r?.rowName ?? ''} disabled={disabled || r?.outputType === 'json'} onCommit={(v) => void edit({ op: 'setResultAttribute', query: query.id, name: 'rowName', value: v || null })} />
          </label>
        </div>
        {r?.outputType === 'json' && <div className="muted">This result is a JSON template: edit it in the source view.</div>}
        {r && r.mappings.length > 0 && (
          <table className="ds-mappings">
            <thead>
              <tr>
                <th>Column</th>
                <th>Written as</th>
                <th>Name</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {r.mappings.map((m) => (
                <tr key={m.index} data-testid="ds-mapping" data-index={m.index}>
                  <td>
                    <CommitInput testId="ds-mapping-column" value={m.column} disabled={disabled} onCommit={(column) => void edit({ op: 'setMapping', query: query.id, index: m.index, kind: m.kind, name: m.name, column })} />
                  </td>
                  <td>
                    <select data-testid="ds-mapping-kind" value={m.kind} disabled={disabled} onChange={(e) => void edit({ op: 'setMapping', query: query.id, index: m.index, kind: e.target.value as 'element' | 'attribute', name: m.name, column: m.column })}>
                      <option value="element">element</option>
                      <option value="attribute">attribute</option>
                    </select>
                  </td>
                  <td>
                    <CommitInput testId="ds-mapping-name" value={m.name} disabled={disabled} onCommit={(name) => void edit({ op: 'setMapping', query: query.id, index: m.index, kind: m.kind, name, column: m.column })} />
                  </td>
                  <td>
                    <button className="icon" title="Remove this mapping" data-testid="ds-mapping-remove" disabled={disabled} onClick={() => void edit({ op: 'removeMapping', query: query.id, index: m.index })}>
                      ×
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {r && r.otherChildren > 0 && r.outputType !== 'json' && <div className="muted">{r.otherChildren} nested mapping(s) (groups, nested queries) are edited in the source view.</div>}
        {r?.outputType !== 'json' && (
          <div className="ds-row-actions">
            <input placeholder="column" data-testid="ds-new-mapping-column" value={newMapping.column} disabled={disabled} onChange={(e) => setNewMapping({ ...newMapping, column: e.target.value, name: newMapping.name || '' })} />
            <select data-testid="ds-new-mapping-kind" value={newMapping.kind} disabled={disabled} onChange={(e) => setNewMapping({ ...newMapping, kind: e.target.value as 'element' | 'attribute' })}>
              <option value="element">element</option>
              <option value="attribute">attribute</option>
            </select>
            <input placeholder="name (the column's by default)" data-testid="ds-new-mapping-name" value={newMapping.name} disabled={disabled} onChange={(e) => setNewMapping({ ...newMapping, name: e.target.value })} />
            <button
              data-testid="ds-mapping-add"
              disabled={disabled || !newMapping.column.trim()}
              onClick={() => {
                void edit({ op: 'addMapping', query: query.id, kind: newMapping.kind, column: newMapping.column.trim(), name: newMapping.name.trim() || newMapping.column.trim() });
                setNewMapping({ kind: newMapping.kind, name: '', column: '' });
              }}
            >
              Add mapping
            </button>
          </div>
        )}
      </div>
      {r && (
        <div className="ds-preview">
          <div className="ds-row-actions">
            <h4>Output</h4>
            <span className="view-toggle" role="group" aria-label="Output format">
              {(['xml', 'json'] as const).map((f) => (
                <button key={f} className={format === f ? 'pressed' : ''} aria-pressed={format === f} data-testid="ds-preview-format" data-format={f} onClick={() => setFormat(f)}>
                  {f.toUpperCase()}
                </button>
              ))}
            </span>
          </div>
          <pre data-testid="ds-output-preview" className="ds-output">
            {preview ?? (result && !result.ok ? '' : 'Run the query to see what MI answers for its rows.')}
          </pre>
        </div>
      )}
    </section>
  );
}
