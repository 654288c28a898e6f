/**
 * Where a JDBC message store's rows live, from MI's parameters:
 * store.jdbc.connection.url (jdbc:postgresql:, jdbc:mysql:, jdbc:mariadb:,
 * jdbc:sqlite:), store.jdbc.username / store.jdbc.password, store.jdbc.table.
 * No URL at all means the embedded default: a SQLite file per store under
 * the project's `.mediate/stores/`. H2 and Derby URLs (MI's embedded
 * databases) get the same embedded SQLite file, said in the log.
 */
import path from 'node:path';
import { StoreConfigError } from '../../../messaging/store.js';

export interface NetworkTarget {
  host: string;
  port: number;
  database: string;
  user?: string;
  password?: string;
  table: string;
  params: Record<string, string>;
}

export type JdbcTarget = { dialect: 'sqlite'; file: string; table: string; note?: string } | ({ dialect: 'postgres' } & NetworkTarget) | ({ dialect: 'mysql' } & NetworkTarget);

export const DEFAULT_TABLE = 'jdbc_message_store';

export function jdbcTarget(storeName: string, parameters: Readonly<Record<string, string>>, dataDir: string | undefined): JdbcTarget {
  const table = (parameters['store.jdbc.table'] ?? '').trim() || DEFAULT_TABLE;
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(table)) throw new StoreConfigError('store.jdbc.table', `store.jdbc.table '${table}' is not a plain table name (letters, digits, _)`);
  const url = (parameters['store.jdbc.connection.url'] ?? '').trim();
  const embedded = (note?: string): JdbcTarget => {
    if (!dataDir) throw new StoreConfigError('store.jdbc.connection.url', `message store ${storeName} has no store.jdbc.connection.url and there is no project folder for the embedded SQLite file`);
    return { dialect: 'sqlite', file: path.join(dataDir, 'stores', `${safeFileName(storeName)}.sqlite`), table, note };
  };
  if (!url) return embedded();
  const m = /^jdbc:([a-z0-9]+):(.*)$/i.exec(url);
  if (!m) throw new StoreConfigError('store.jdbc.connection.url', `store.jdbc.connection.url '${url}' is not a JDBC URL (jdbc:<driver>:...)`);
  const scheme = m[1]!.toLowerCase();
  const rest = m[2]!;
  switch (scheme) {
    case 'sqlite': {
      const file = rest.replace(/^\/\//, '');
      if (!file || file === ':memory:') throw new StoreConfigError('store.jdbc.connection.url', 'jdbc:sqlite: needs a file path (an in-memory SQLite database would lose messages on restart; use InMemoryStore for that)');
      return { dialect: 'sqlite', file: path.isAbsolute(file) ? file : path.resolve(dataDir ? path.dirname(dataDir) : process.cwd(), file), table };
    }
    case 'h2':
    case 'derby':
      return embedded(`${scheme} URL ${url} is served by the embedded SQLite store`);
    case 'postgresql':
      return network('postgres', rest, 5432, parameters, table, url);
    case 'mysql':
    case 'mariadb':
      return network('mysql', rest, 3306, parameters, table, url);
    default:
      throw new StoreConfigError('store.jdbc.connection.url', `store.jdbc.connection.url '${url}': ${scheme} databases are not supported here (use jdbc:postgresql:, jdbc:mysql:, jdbc:mariadb: or jdbc:sqlite:)`);
  }
}

function network(dialect: 'postgres' | 'mysql', rest: string, defaultPort: number, parameters: Readonly<Record<string, string>>, table: string, url: string): JdbcTarget {
  const m = /^\/\/([^/:?;]+)(?::(\d+))?\/([^?;]*)(?:[?;](.*))?$/.exec(rest);
  if (!m) throw new StoreConfigError('store.jdbc.connection.url', `store.jdbc.connection.url '${url}' should read jdbc:${dialect === 'postgres' ? 'postgresql' : 'mysql'}://host[:port]/database`);
  const params: Record<string, string> = {};
  for (const pair of (m[4] ?? '').split(/[&;]/)) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    if (eq > 0) params[decodeURIComponent(pair.slice(0, eq))] = decodeURIComponent(pair.slice(eq + 1));
  }
  const user = (parameters['store.jdbc.username'] ?? '').trim() || params.user;
  const password = parameters['store.jdbc.password'] ?? params.password;
  return { dialect: dialect as 'postgres', host: m[1]!, port: m[2] ? Number(m[2]) : defaultPort, database: decodeURIComponent(m[3]!), user: user || undefined, password: password === undefined ? undefined : password, table, params };
}

function safeFileName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, '_');
}
