/**
 * From a `<config>` (or a carbon `<datasource>` artifact) to the connection it
 * describes. RDBMS configs (driverClassName/url/username/password, XA
 * dataSourceClassName + dataSourceProps) and CSV files run here; MI's other
 * kinds (Excel, MongoDB, Cassandra, Google Sheets, web, RDF, JNDI, custom)
 * are refused with a message naming the kind.
 */
import type { ConfigDef } from './types.js';
import type { DataSourceSpec } from './driver.js';
import { attr, childElement, elementChildren, textOf } from '../xml/dom.js';

/** MI's pool parameters (Tomcat JDBC pool names) accepted on a config or datasource. */
export const POOL_PARAMETERS = ['maxActive', 'maxIdle', 'minIdle', 'initialSize', 'maxWait', 'validationQuery', 'testOnBorrow', 'testOnReturn', 'testWhileIdle', 'timeBetweenEvictionRunsMillis', 'minEvictableIdleTimeMillis', 'removeAbandoned', 'removeAbandonedTimeout', 'validationInterval', 'defaultAutoCommit', 'defaultReadOnly', 'defaultTransactionIsolation', 'maxAge', 'validationQueryTimeout'];

const OTHER_KINDS: [string, string][] = [
  ['excel_datasource', 'Excel'],
  ['mongoDB_servers', 'MongoDB'],
  ['cassandraServers', 'Cassandra'],
  ['gspread_datasource', 'Google Sheets (gspread)'],
  ['web_harvest_config', 'Web (web harvest)'],
  ['rdf_datasource', 'RDF'],
  ['sparql_datasource', 'SPARQL'],
  ['jndi_context_class', 'JNDI'],
  ['custom_tabular_datasource_class', 'custom tabular'],
  ['custom_query_datasource_class', 'custom query'],
];

export type ConfigResolution = { kind: 'spec'; spec: DataSourceSpec } | { kind: 'carbon'; name: string } | { kind: 'refused'; message: string };

export function resolveConfig(config: ConfigDef, serviceName: string): ConfigResolution {
  const p = config.properties;
  const str = (k: string): string | undefined => (typeof p[k] === 'string' ? (p[k] as string) : undefined);
  const owner = `data service ${serviceName}, config ${config.id}`;
  for (const [key, label] of OTHER_KINDS) if (key in p) return { kind: 'refused', message: `config ${config.id} is a ${label} datasource (${key}); this runtime runs RDBMS (PostgreSQL, MySQL/MariaDB, SQLite, H2 on SQLite) and CSV datasources only` };
  const carbon = str('carbon_datasource_name');
  if (carbon !== undefined) return carbon ? { kind: 'carbon', name: carbon } : { kind: 'refused', message: `config ${config.id}: carbon_datasource_name is empty` };
  const pool: Record<string, string> = {};
  for (const k of POOL_PARAMETERS) if (str(k) !== undefined && str(k) !== '') pool[k] = str(k)!;
  const csvFile = str('csv_datasource');
  if (csvFile !== undefined) {
    return {
      kind: 'spec',
      spec: {
        owner,
        kind: 'csv',
        pool,
        xa: false,
        csv: {
          file: csvFile,
          // MI spells it "csv_columnseperator"; the correct spelling is accepted too.
          separator: str('csv_columnseperator') ?? str('csv_columnseparator') ?? ',',
          startingRow: Number(str('csv_startingrow') ?? '1') || 1,
          maxRows: Number(str('csv_maxrowcount') ?? '-1') || -1,
          hasHeader: (str('csv_hasheader') ?? 'false') === 'true',
          headerRow: Number(str('csv_headerrow') ?? '1') || 1,
        },
      },
    };
  }
  const xaClass = str('dataSourceClassName');
  if (xaClass !== undefined) {
    const props = typeof p.dataSourceProps === 'object' ? (p.dataSourceProps as Record<string, string>) : {};
    const url = props.url ?? props.URL ?? props.Url;
    if (!url) return { kind: 'refused', message: `config ${config.id}: the XA datasource ${xaClass} needs a dataSourceProps property named url` };
    return { kind: 'spec', spec: { owner, kind: 'rdbms', url, driverClassName: xaClass, username: props.user ?? props.username ?? props.User, password: props.password ?? props.Password, pool, xa: true } };
  }
  const url = str('url');
  if (!url) return { kind: 'refused', message: `config ${config.id} names no datasource: give url (with driverClassName), carbon_datasource_name, csv_datasource, or dataSourceClassName` };
  return { kind: 'spec', spec: { owner, kind: 'rdbms', url, driverClassName: str('driverClassName'), username: str('username'), password: str('password'), pool, xa: false } };
}

/** A carbon `<datasource>` artifact (`<name>`, `<definition type="RDBMS"><configuration>...`). */
export interface CarbonDataSource {
  name: string;
  description?: string;
  jndiName?: string;
  /** Undefined when refused (message says why). */
  spec?: DataSourceSpec;
  refused?: string;
}

export function readCarbonDataSource(root: Element): CarbonDataSource {
  const name = textOf(childElement(root, 'name') ?? root).trim();
  const description = childElement(root, 'description') ? textOf(childElement(root, 'description')!).trim() : undefined;
  const jndi = childElement(root, 'jndiConfig');
  const jndiName = jndi && childElement(jndi, 'name') ? textOf(childElement(jndi, 'name')!).trim() : undefined;
  const def = childElement(root, 'definition');
  const type = def ? attr(def, 'type') ?? 'RDBMS' : undefined;
  if (!def) return { name, description, jndiName, refused: `datasource ${name} has no <definition>` };
  if (type!.toUpperCase() !== 'RDBMS') return { name, description, jndiName, refused: `datasource ${name} is of type ${type}; this runtime runs RDBMS datasources only` };
  const conf = childElement(def, 'configuration');
  const values: Record<string, string> = {};
  if (conf) for (const c of elementChildren(conf)) values[c.localName!] = textOf(c).trim();
  const pool: Record<string, string> = {};
  for (const k of POOL_PARAMETERS) if (values[k]) pool[k] = values[k]!;
  if (values.dataSourceClassName) {
    const propsEl = conf ? childElement(conf, 'dataSourceProps') : undefined;
    const props: Record<string, string> = {};
    if (propsEl) for (const pr of elementChildren(propsEl)) props[attr(pr, 'name') ?? ''] = textOf(pr).trim();
    const url = props.url ?? props.URL;
    if (!url) return { name, description, jndiName, refused: `datasource ${name}: the XA class ${values.dataSourceClassName} needs a dataSourceProps property named url` };
    return { name, description, jndiName, spec: { owner: `datasource ${name}`, kind: 'rdbms', url, driverClassName: values.dataSourceClassName, username: props.user ?? props.username, password: props.password, pool, xa: true } };
  }
  if (!values.url) return { name, description, jndiName, refused: `datasource ${name} has no <url> in its <configuration>` };
  return { name, description, jndiName, spec: { owner: `datasource ${name}`, kind: 'rdbms', url: values.url, driverClassName: values.driverClassName, username: values.username, password: values.password, pool, xa: false } };
}
