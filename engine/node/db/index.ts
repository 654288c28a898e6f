/**
 * The Node host's databases for data services: a DataSourceProvider that
 * picks the driver from the JDBC URL (PostgreSQL → pg, MySQL/MariaDB →
 * mysql2, SQLite and H2 → better-sqlite3) or opens a CSV file, and knows the
 * `[[datasource]]`s of the projects' deployment.toml. Relative SQLite/H2/CSV
 * paths are taken from the first project root.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { DataSourceProvider, DataSourceSpec, SqlPool } from '../../dataservices/driver.js';
import { parseJdbcUrl, H2_ON_SQLITE_WARNING } from '../../dataservices/jdbc-url.js';
import { openSqlite } from './sqlite.js';
import { openPostgres } from './postgres.js';
import { openMysql } from './mysql.js';
import { openCsv } from './csv.js';
import { poolSettings } from './pool-settings.js';
import { readTomlDatasources } from './deployment-toml.js';

export interface NodeDataSourceOptions {
  /** Project roots: relative file paths resolve against the first; deployment.toml is read from each. */
  roots: string[];
  /** Reports deployment.toml problems. */
  warn?: (message: string) => void;
}

export function createNodeDataSourceProvider(options: NodeDataSourceOptions): DataSourceProvider {
  const base = options.roots[0] ?? process.cwd();
  const named = new Map<string, DataSourceSpec>();
  for (const root of options.roots) {
    for (const rel of ['deployment/deployment.toml', 'conf/deployment.toml', 'deployment.toml']) {
      const file = path.join(root, rel);
      if (!fs.existsSync(file)) continue;
      const { specs, problems } = readTomlDatasources(fs.readFileSync(file, 'utf8'), file);
      for (const p of problems) options.warn?.(p.message);
      for (const [id, spec] of specs) if (!named.has(id)) named.set(id, spec);
      break;
    }
  }
  const resolveFile = (f: string) => (f === ':memory:' || path.isAbsolute(f) ? f : path.join(base, f.replace(/^file:(\/\/)?/, '')));
  return {
    named: (name) => named.get(name),
    warnings(spec) {
      if (spec.kind !== 'rdbms' || !spec.url) return [];
      const t = parseJdbcUrl(spec.url);
      return t.dialect === 'sqlite' && t.h2 ? [`${spec.url} ${H2_ON_SQLITE_WARNING}`] : [];
    },
    open(spec): SqlPool {
      const settings = poolSettings(spec.pool);
      if (spec.kind === 'csv') return openCsv(spec.csv!, resolveFile(spec.csv!.file));
      const t = parseJdbcUrl(spec.url!);
      if (t.dialect === 'sqlite') return openSqlite(resolveFile(t.file));
      const user = spec.username ?? t.params.user;
      const password = spec.password ?? t.params.password;
      if (t.dialect === 'postgres') return openPostgres({ host: t.host, port: t.port, database: t.database, user, password }, settings);
      return openMysql({ host: t.host, port: t.port, database: t.database, user, password }, settings);
    },
  };
}
