/**
 * Which database a JDBC URL names, and how this runtime reaches it:
 * PostgreSQL (pg), MySQL/MariaDB (mysql2), SQLite (better-sqlite3), and H2,
 * which runs on SQLite with a warning naming what differs.
 */
export type JdbcTarget =
  | { dialect: 'postgres'; host: string; port: number; database: string; params: Record<string, string> }
  | { dialect: 'mysql'; host: string; port: number; database: string; params: Record<string, string> }
  | { dialect: 'sqlite'; file: string; h2?: boolean; params: Record<string, string> };

export class UnsupportedJdbcUrl extends Error {}

export const H2_ON_SQLITE_WARNING =
  'runs on SQLite instead of H2: SQL is SQLite\'s (no H2 functions, sequences or MERGE; types follow SQLite affinity, so values keep the type they were stored with; identifiers are case-insensitive; no MODE=MySQL/PostgreSQL compatibility)';

export function parseJdbcUrl(url: string): JdbcTarget {
  const u = url.trim();
  let m = /^jdbc:(postgresql|pgsql):\/\/([^/:?]+)(?::(\d+))?\/([^?;]*)(?:\?(.*))?$/i.exec(u);
  if (m) return { dialect: 'postgres', host: m[2]!, port: Number(m[3] ?? 5432), database: decodeURIComponent(m[4]!), params: query(m[5]) };
  m = /^jdbc:(mysql|mariadb)(?::loadbalance|:replication)?:\/\/([^/:?,]+)(?::(\d+))?(?:[^/]*)\/([^?;]*)(?:\?(.*))?$/i.exec(u);
  if (m) return { dialect: 'mysql', host: m[2]!, port: Number(m[3] ?? 3306), database: decodeURIComponent(m[4]!), params: query(m[5]) };
  m = /^jdbc:sqlite:(.*)$/i.exec(u);
  if (m) return { dialect: 'sqlite', file: m[1]!.split('?')[0]! || ':memory:', params: query(m[1]!.split('?')[1]) };
  m = /^jdbc:h2:(?:(mem|file|tcp|ssl):)?([^;]*)(;.*)?$/i.exec(u);
  if (m) {
    const kind = (m[1] ?? 'file').toLowerCase();
    if (kind === 'tcp' || kind === 'ssl') throw new UnsupportedJdbcUrl(`${url}: an H2 server (${kind}:) cannot be reached without Java; use a file or mem: URL (it runs on SQLite)`);
    const file = kind === 'mem' ? ':memory:' : `${m[2]!.replace(/^~\//, '')}.sqlite`;
    return { dialect: 'sqlite', file, h2: true, params: {} };
  }
  const scheme = /^jdbc:([^:]+)/i.exec(u)?.[1];
  throw new UnsupportedJdbcUrl(scheme ? `${url}: ${scheme} databases are not supported here (PostgreSQL, MySQL/MariaDB, SQLite and H2-on-SQLite are)` : `${url} is not a JDBC URL (jdbc:<db>:...)`);
}

function query(q: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of (q ?? '').split(/[&;]/)) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    out[eq < 0 ? pair : pair.slice(0, eq)] = eq < 0 ? '' : pair.slice(eq + 1);
  }
  return out;
}
