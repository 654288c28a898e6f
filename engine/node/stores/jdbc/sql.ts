/**
 * A small SQL connection over the three databases a JDBC store may name:
 * SQLite (better-sqlite3, the embedded default), PostgreSQL (pg) and
 * MySQL/MariaDB (mysql2). Queries use `?` placeholders; PostgreSQL's `$n`
 * are made here. Connection failures become StoreUnavailableError so callers
 * retry; everything else is a plain Error with the database's message.
 */
import fs from 'node:fs';
import path from 'node:path';
import { StoreUnavailableError, type StoreLease } from '../../../messaging/store.js';
import type { JdbcTarget, NetworkTarget } from './connection-url.js';

export interface SqlResult {
  rows: Record<string, unknown>[];
  affected: number;
}

export interface SqlConnection {
  readonly dialect: JdbcTarget['dialect'];
  query(sql: string, params?: unknown[]): Promise<SqlResult>;
  /** Runs `work` in one transaction on one connection. */
  transaction<T>(work: (q: (sql: string, params?: unknown[]) => Promise<SqlResult>) => Promise<T>): Promise<T>;
  /** A database-wide lock held on its own connection until released (PostgreSQL advisory lock, MySQL GET_LOCK). */
  tryLock?(key: string): Promise<StoreLease | undefined>;
  close(): Promise<void>;
}

const CONNECTION_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'PROTOCOL_CONNECTION_LOST', '57P01', '57P03', '08006', '08001', '08003', 'ER_CON_COUNT_ERROR']);

function isConnectionError(e: unknown): boolean {
  const err = e as { code?: string; message?: string; errors?: unknown[] };
  if (err?.code && CONNECTION_ERRORS.has(err.code)) return true;
  if (Array.isArray(err?.errors) && err.errors.some(isConnectionError)) return true;
  return /Connection terminated|connect ECONNREFUSED|Client has encountered a connection error|Connection lost|ECONNRESET/i.test(err?.message ?? '');
}

function wrap(storeName: string, e: unknown): Error {
  if (e instanceof StoreUnavailableError) return e;
  const msg = describe(e);
  return isConnectionError(e) ? new StoreUnavailableError(storeName, msg, { cause: e }) : new Error(msg, { cause: e });
}

function describe(e: unknown): string {
  const err = e as { message?: string; code?: string; errors?: { message?: string }[] };
  const base = err?.message || (Array.isArray(err?.errors) ? err.errors.map((x) => x.message).join('; ') : '') || String(e);
  return err?.code && !base.includes(err.code) ? `${base} (${err.code})` : base;
}

export async function openSqlConnection(storeName: string, target: JdbcTarget): Promise<SqlConnection> {
  switch (target.dialect) {
    case 'sqlite':
      return openSqlite(target.file);
    case 'postgres':
      return openPostgres(storeName, target);
    default:
      return openMysql(storeName, target);
  }
}

async function openSqlite(file: string): Promise<SqlConnection> {
  const { default: Database } = await import('better-sqlite3');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  // WAL + synchronous=FULL: a committed insert survives kill -9 and power loss.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  const run = async (sql: string, params: unknown[] = []): Promise<SqlResult> => {
    const stmt = db.prepare(sql);
    const bound = params.map((p) => (p instanceof Uint8Array && !Buffer.isBuffer(p) ? Buffer.from(p) : p));
    if (stmt.reader) return { rows: stmt.all(...bound) as Record<string, unknown>[], affected: 0 };
    const info = stmt.run(...bound);
    return { rows: [], affected: info.changes };
  };
  return {
    dialect: 'sqlite',
    query: run,
    async transaction(work) {
      db.exec('BEGIN IMMEDIATE');
      try {
        const r = await work(run);
        db.exec('COMMIT');
        return r;
      } catch (e) {
        db.exec('ROLLBACK');
        throw e;
      }
    },
    async close() {
      db.close();
    },
  };
}

async function openPostgres(storeName: string, t: NetworkTarget): Promise<SqlConnection> {
  const pg = await import('pg');
  const Pool = pg.default?.Pool ?? (pg as unknown as { Pool: typeof import('pg').Pool }).Pool;
  const config = { host: t.host, port: t.port, database: t.database, user: t.user, password: t.password, max: 4, connectionTimeoutMillis: 5000 };
  const pool = new Pool(config);
  pool.on('error', () => undefined); // an idle client dropped by the server; the next query reconnects
  const numbered = (sql: string) => {
    let n = 0;
    return sql.replace(/\?/g, () => `$${++n}`);
  };
  const toResult = (r: { rows: Record<string, unknown>[]; rowCount: number | null }): SqlResult => ({ rows: r.rows, affected: r.rowCount ?? 0 });
  return {
    dialect: 'postgres',
    async query(sql, params = []) {
      try {
        return toResult(await pool.query(numbered(sql), params));
      } catch (e) {
        throw wrap(storeName, e);
      }
    },
    async transaction(work) {
      let client;
      try {
        client = await pool.connect();
      } catch (e) {
        throw wrap(storeName, e);
      }
      try {
        await client.query('BEGIN');
        const r = await work(async (sql, params = []) => toResult(await client.query(numbered(sql), params)));
        await client.query('COMMIT');
        return r;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw wrap(storeName, e);
      } finally {
        client.release();
      }
    },
    async tryLock(key) {
      const client = new pg.default.Client(config);
      client.on('error', () => undefined);
      try {
        await client.connect();
        const r = await client.query('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [key]);
        if (!r.rows[0]?.locked) {
          await client.end().catch(() => undefined);
          return undefined;
        }
      } catch (e) {
        await client.end().catch(() => undefined);
        throw wrap(storeName, e);
      }
      return {
        async stillHeld() {
          try {
            await client.query('SELECT 1');
            return true;
          } catch {
            return false;
          }
        },
        async release() {
          await client.query('SELECT pg_advisory_unlock(hashtext($1))', [key]).catch(() => undefined);
          await client.end().catch(() => undefined);
        },
      };
    },
    async close() {
      await pool.end().catch(() => undefined);
    },
  };
}

async function openMysql(storeName: string, t: NetworkTarget): Promise<SqlConnection> {
  const mysql = await import('mysql2/promise');
  const config = { host: t.host, port: t.port, database: t.database, user: t.user ?? 'root', password: t.password ?? '', connectTimeout: 5000 };
  const pool = mysql.createPool({ ...config, connectionLimit: 4 });
  const toResult = (r: unknown): SqlResult => (Array.isArray(r) ? { rows: r as Record<string, unknown>[], affected: 0 } : { rows: [], affected: (r as { affectedRows?: number }).affectedRows ?? 0 });
  return {
    dialect: 'mysql',
    async query(sql, params = []) {
      try {
        const [r] = await pool.query(sql, params);
        return toResult(r);
      } catch (e) {
        throw wrap(storeName, e);
      }
    },
    async transaction(work) {
      let conn;
      try {
        conn = await pool.getConnection();
      } catch (e) {
        throw wrap(storeName, e);
      }
      try {
        await conn.beginTransaction();
        const r = await work(async (sql, params = []) => toResult((await conn.query(sql, params))[0]));
        await conn.commit();
        return r;
      } catch (e) {
        await conn.rollback().catch(() => undefined);
        throw wrap(storeName, e);
      } finally {
        conn.release();
      }
    },
    async tryLock(key) {
      let conn;
      try {
        conn = await mysql.createConnection(config);
        const [rows] = await conn.query('SELECT GET_LOCK(?, 0) AS locked', [key.slice(0, 64)]);
        if (Number((rows as { locked: unknown }[])[0]?.locked) !== 1) {
          await conn.end().catch(() => undefined);
          return undefined;
        }
      } catch (e) {
        await conn?.end().catch(() => undefined);
        throw wrap(storeName, e);
      }
      const held = conn;
      return {
        async stillHeld() {
          try {
            await held.query('SELECT 1');
            return true;
          } catch {
            return false;
          }
        },
        async release() {
          await held.query('SELECT RELEASE_LOCK(?)', [key.slice(0, 64)]).catch(() => undefined);
          await held.end().catch(() => undefined);
        },
      };
    },
    async close() {
      await pool.end().catch(() => undefined);
    },
  };
}
