/**
 * One `<config>`: an inline RDBMS datasource (driver, URL, user, password and
 * any other property) or a carbon datasource by name, "test connection"
 * through the runtime's own drivers, and "generate from table".
 */
import { useState } from 'react';
import type { DsConfigView, DsEdit, DsTableView } from '../../../src/contract/dataservices.js';
import { CommitInput } from './fields.js';

const MAIN_FIELDS: { name: string; label: string; type?: string }[] = [
  { name: 'driverClassName', label: 'Driver' },
  { name: 'url', label: 'URL' },
  { name: 'username', label: 'User' },
  { name: 'password', label: 'Password', type: 'password' },
];
const CARBON = 'carbon_datasource_name';

export interface DatasourceFormProps {
  config: DsConfigView;
  disabled: boolean;
  edit: (edit: DsEdit) => Promise<void>;
  testConnection: () => Promise<{ ok: boolean; message: string }>;
  listTables: () => Promise<DsTableView[]>;
  generate: (table: string) => Promise<void>;
}

export function DatasourceForm({ config, disabled, edit, testConnection, listTables, generate }: DatasourceFormProps) {
  const [status, setStatus] = useState<{ ok: boolean; message: string } | undefined>();
  const [testing, setTesting] = useState(false);
  const [tables, setTables] = useState<DsTableView[] | undefined>();
  const [tablesError, setTablesError] = useState<string>();
  const [newName, setNewName] = useState('');
  const [newValue, setNewValue] = useState('');
  const values = new Map(config.properties);
  const carbon = config.carbonName !== undefined;
  const set = (name: string, value: string) => edit({ op: 'setConfigProperty', config: config.id, name, value: value === '' ? null : value });
  const others = config.properties.filter(([n]) => n !== CARBON && !MAIN_FIELDS.some((f) => f.name === n));

  const switchMode = async (toCarbon: boolean) => {
    if (toCarbon === carbon) return;
    if (toCarbon) await edit({ op: 'setConfigProperty', config: config.id, name: CARBON, value: config.id });
    else await edit({ op: 'setConfigProperty', config: config.id, name: CARBON, value: null });
  };

  return (
    <section className="ds-section" data-testid="ds-config" data-config={config.id}>
      <h3>
        Datasource <code>{config.id}</code>
      </h3>
      <div className="ds-mode" role="radiogroup" aria-label="Datasource kind">
        <label>
          <input type="radio" data-testid="ds-config-mode" value="inline" checked={!carbon} disabled={disabled} onChange={() => void switchMode(false)} /> Inline
        </label>
        <label>
          <input type="radio" data-testid="ds-config-mode" value="carbon" checked={carbon} disabled={disabled} onChange={() => void switchMode(true)} /> Carbon datasource
        </label>
      </div>
      <div className="ds-grid">
        {carbon ? (
          <label>
            <span>Name</span>
            <CommitInput testId="ds-config-field" name={CARBON} value={config.carbonName ?? ''} disabled={disabled} onCommit={(v) => void set(CARBON, v)} />
          </label>
        ) : (
          MAIN_FIELDS.map((f) => (
            <label key={f.name}>
              <span>{f.label}</span>
              <CommitInput testId="ds-config-field" name={f.name} type={f.type} value={values.get(f.name) ?? ''} disabled={disabled} onCommit={(v) => void set(f.name, v)} />
            </label>
          ))
        )}
        {others.map(([name, value]) => (
          <label key={name}>
            <span>{name}</span>
            <CommitInput testId="ds-config-field" name={name} value={value} disabled={disabled} onCommit={(v) => void set(name, v)} />
          </label>
        ))}
      </div>
      <div className="ds-row-actions">
        <input placeholder="property (e.g. maxActive)" value={newName} data-testid="ds-new-property-name" disabled={disabled} onChange={(e) => setNewName(e.target.value)} />
        <input placeholder="value" value={newValue} data-testid="ds-new-property-value" disabled={disabled} onChange={(e) => setNewValue(e.target.value)} />
        <button
          data-testid="ds-add-property"
          disabled={disabled || !newName.trim()}
          onClick={() => {
            void set(newName.trim(), newValue);
            setNewName('');
            setNewValue('');
          }}
        >
          Add property
        </button>
      </div>
      <div className="ds-row-actions">
        <button
          data-testid="ds-test-connection"
          disabled={testing}
          onClick={async () => {
            setTesting(true);
            setStatus(undefined);
            try {
              setStatus(await testConnection());
            } catch (e) {
              setStatus({ ok: false, message: e instanceof Error ? e.message : String(e) });
            } finally {
              setTesting(false);
            }
          }}
        >
          {testing ? 'Testing…' : 'Test connection'}
        </button>
        {status && (
          <span className={`ds-status ${status.ok ? 'ok' : 'failed'}`} data-testid="ds-connection-status">
            {status.message}
          </span>
        )}
        <button
          data-testid="ds-generate-from-table"
          disabled={disabled}
          title="Generate CRUD queries and REST resources from a table of this datasource"
          onClick={async () => {
            setTablesError(undefined);
            try {
              setTables(await listTables());
            } catch (e) {
              setTables(undefined);
              setTablesError(e instanceof Error ? e.message : String(e));
            }
          }}
        >
          Generate from table…
        </button>
      </div>
      {tablesError && <div className="form-error" data-testid="ds-tables-error">{tablesError}</div>}
      {tables && (
        <div className="ds-tables" data-testid="ds-tables">
          {tables.length === 0 && <span className="muted">The datasource has no tables.</span>}
          {tables.map((t) => (
            <button
              key={t.name}
              data-testid="ds-table"
              data-table={t.name}
              title={`${t.columns.map((c) => c.name).join(', ')}${t.primaryKey.length ? ` (key ${t.primaryKey.join(', ')})` : ''}`}
              onClick={async () => {
                await generate(t.name);
                setTables(undefined);
              }}
            >
              {t.name}
            </button>
          ))}
          <button className="ghost" onClick={() => setTables(undefined)}>
            Cancel
          </button>
        </div>
      )}
    </section>
  );
}
