/** The data service's REST resources and SOAP operations: listed, added (method + path, or name, → query) and removed. */
import { useState } from 'react';
import type { DsEdit, DsOperationView, DsResourceView } from '../../../src/contract/dataservices.js';

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'];

export function ResourcesPanel(props: { serviceName: string; resources: DsResourceView[]; operations: DsOperationView[]; queries: string[]; disabled: boolean; edit: (edit: DsEdit) => Promise<void> }) {
  const { resources, operations, queries, disabled, edit } = props;
  const [method, setMethod] = useState('GET');
  const [path, setPath] = useState('');
  const [resourceQuery, setResourceQuery] = useState('');
  const [opName, setOpName] = useState('');
  const [opQuery, setOpQuery] = useState('');
  const chosen = (q: string) => q || queries[0] || '';
  return (
    <section className="ds-section">
      <h3>Resources</h3>
      <ul className="ds-list">
        {resources.map((r, i) => (
          <li key={i} data-testid="ds-resource" data-index={i}>
            <span className="method">{r.method}</span> <code>/services/{props.serviceName}/{r.path}</code> → <code>{r.query ?? '(no query)'}</code>
            <button className="icon" title="Remove this resource" data-testid="ds-resource-remove" disabled={disabled} onClick={() => void edit({ op: 'removeResource', index: i })}>
              ×
            </button>
          </li>
        ))}
        {resources.length === 0 && <li className="muted">No resources.</li>}
      </ul>
      <div className="ds-row-actions">
        <select data-testid="ds-new-resource-method" value={method} disabled={disabled} onChange={(e) => setMethod(e.target.value)}>
          {METHODS.map((m) => (
            <option key={m}>{m}</option>
          ))}
        </select>
        <input data-testid="ds-new-resource-path" placeholder="path, e.g. employees/{id}" value={path} disabled={disabled} spellCheck={false} onChange={(e) => setPath(e.target.value)} />
        <QuerySelect testId="ds-new-resource-query" queries={queries} value={chosen(resourceQuery)} disabled={disabled} onChange={setResourceQuery} />
        <button
          data-testid="ds-add-resource"
          disabled={disabled || !path.trim() || !chosen(resourceQuery)}
          onClick={() => {
            void edit({ op: 'addResource', method, path: path.trim(), query: chosen(resourceQuery) });
            setPath('');
          }}
        >
          Add resource
        </button>
      </div>
      <h3>Operations</h3>
      <ul className="ds-list">
        {operations.map((o, i) => (
          <li key={i} data-testid="ds-operation" data-index={i}>
            <code>{o.name}</code> → <code>{o.query ?? '(no query)'}</code>
            <button className="icon" title="Remove this operation" data-testid="ds-operation-remove" disabled={disabled} onClick={() => void edit({ op: 'removeOperation', index: i })}>
              ×
            </button>
          </li>
        ))}
        {operations.length === 0 && <li className="muted">No operations.</li>}
      </ul>
      <div className="ds-row-actions">
        <input data-testid="ds-new-operation-name" placeholder="operation name" value={opName} disabled={disabled} spellCheck={false} onChange={(e) => setOpName(e.target.value)} />
        <QuerySelect testId="ds-new-operation-query" queries={queries} value={chosen(opQuery)} disabled={disabled} onChange={setOpQuery} />
        <button
          data-testid="ds-add-operation"
          disabled={disabled || !opName.trim() || !chosen(opQuery)}
          onClick={() => {
            void edit({ op: 'addOperation', name: opName.trim(), query: chosen(opQuery) });
            setOpName('');
          }}
        >
          Add operation
        </button>
      </div>
    </section>
  );
}

function QuerySelect(props: { testId: string; queries: string[]; value: string; disabled: boolean; onChange: (q: string) => void }) {
  return (
    <select data-testid={props.testId} value={props.value} disabled={props.disabled} onChange={(e) => props.onChange(e.target.value)}>
      {props.queries.map((q) => (
        <option key={q}>{q}</option>
      ))}
    </select>
  );
}
