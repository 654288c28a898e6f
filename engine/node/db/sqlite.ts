/**
 * SQLite (better-sqlite3), the embedded default, also where H2 URLs run.
 * One connection per database file; sessions take turns (a mutex), so a
 * request's transaction is never interleaved with another's statements.
 */
import Database from 'better-sqlite3';
import type { ColumnKind, ExecuteOptions, SqlPool, SqlResult, SqlSession, SqlValue, TableInfo } from '../../dataservices/driver.js';

export function openSqlite(file: string): SqlPool {
  let db: Database.Database | undefined;
  const handle = () => (db ??= new Database(file));
  let queue: Promise<void> = Promise.resolve();
  return {
    dialect: 'sqlite',
    async acquire(): Promise<SqlSession> {
      let release!: () => void;
      const previous = queue;
      queue = new Promise<void>((r) => (release = r));
      await previous;
      const conn = handle();
      let inTx = false;
      return {
        async execute(sql, params, options) {
          return run(conn, sql, params, options ?? {});
        },
        async begin() {
          conn.exec('BEGIN');
          inTx = true;
        },
        async commit() {
          if (inTx) conn.exec('COMMIT');
          inTx = false;
        },
        async rollback() {
          if (inTx && conn.inTransaction) conn.exec('ROLLBACK');
          inTx = false;
        },
        release() {
          if (inTx && conn.inTransaction) conn.exec('ROLLBACK');
          release();
        },
      };
    },
    async tables() {
      const conn = handle();
      const names = conn.prepare("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[];
      return names.map(({ name }): TableInfo => {
        const cols = conn.prepare(`PRAGMA table_info("${name.replace(/"/g, '""')}")`).all() as { name: string; type: string; notnull: number; pk: number }[];
        return { name, columns: cols.map((c) => ({ name: c.name, kind: kindOf(c.type), sqlType: c.type, nullable: c.notnull === 0 })), primaryKey: cols.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name) };
      });
    },
    async close() {
      db?.close();
      db = undefined;
    },
  };
}

function bindable(v: SqlValue): unknown {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof Uint8Array) return Buffer.from(v);
  return v;
}

function run(conn: Database.Database, sql: string, params: SqlValue[], options: ExecuteOptions): SqlResult {
  const stmt = conn.prepare(sql);
  const values = params.map(bindable);
  if (stmt.reader) {
    const cols = stmt.columns();
    let rows = stmt.raw(true).all(...values) as unknown[][];
    if (options.maxRows && options.maxRows > 0) rows = rows.slice(0, options.maxRows);
    return { columns: cols.map((c) => c.name), columnKinds: cols.map((c) => kindOf(c.type ?? '')), rows: rows.map((r) => r.map(fromSqlite)), affectedRows: 0 };
  }
  const info = stmt.run(...values);
  const result: SqlResult = { columns: [], columnKinds: [], rows: [], affectedRows: info.changes };
  if (options.returnGeneratedKeys) result.generatedKeys = { columns: [options.keyColumns?.[0] ?? 'GENERATED_KEY'], rows: info.changes > 0 ? [[Number(info.lastInsertRowid)]] : [] };
  return result;
}

function fromSqlite(v: unknown): SqlValue {
  if (v === null || v === undefined) return null;
  if (Buffer.isBuffer(v)) return new Uint8Array(v);
  return v as SqlValue;
}

export function kindOf(declared: string): ColumnKind {
  const t = declared.toUpperCase();
  if (/INT/.test(t)) return 'integer';
  if (/REAL|FLOA|DOUB/.test(t)) return 'float';
  if (/DEC|NUM/.test(t)) return 'decimal';
  if (/BOOL|BIT/.test(t)) return 'boolean';
  if (/TIMESTAMP|DATETIME/.test(t)) return 'timestamp';
  if (/DATE/.test(t)) return 'date';
  if (/TIME/.test(t)) return 'time';
  if (/BLOB|BINARY/.test(t)) return 'binary';
  return 'string';
}
