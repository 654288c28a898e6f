/**
 * MySQL and MariaDB (mysql2): server-side prepared statements (`execute`), so
 * values are always bound. Dates come back as text; DECIMAL and BIGINT as
 * text. Distributed transactions use XA START / END / PREPARE / COMMIT.
 */
import mysql from 'mysql2/promise';
import type { ColumnKind, ExecuteOptions, SqlPool, SqlResult, SqlSession, SqlValue, TableInfo } from '../../dataservices/driver.js';
import { ConnectionUnavailableError } from '../../dataservices/driver.js';
import { findPlaceholders } from '../../dataservices/sql-text.js';
import { isConnectionError, type PoolSettings } from './pool-settings.js';

export interface MysqlTarget {
  host: string;
  port: number;
  database: string;
  user?: string;
  password?: string;
}

// mysql2 column type codes.
const KIND_BY_TYPE: Record<number, ColumnKind> = { 1: 'integer', 2: 'integer', 3: 'integer', 8: 'integer', 9: 'integer', 13: 'integer', 4: 'float', 5: 'float', 0: 'decimal', 246: 'decimal', 16: 'boolean', 10: 'date', 14: 'date', 11: 'time', 7: 'timestamp', 12: 'timestamp' };

export function openMysql(target: MysqlTarget, settings: PoolSettings): SqlPool {
  const pool = mysql.createPool({
    host: target.host,
    port: target.port,
    database: target.database,
    user: target.user,
    password: target.password,
    connectionLimit: settings.max,
    maxIdle: Math.max(settings.min, 1),
    idleTimeout: settings.idleTimeoutMs,
    connectTimeout: Math.min(settings.acquireTimeoutMs, 30000),
    dateStrings: true,
    supportBigNumbers: true,
    bigNumberStrings: true,
    decimalNumbers: false,
  });
  pool.on('connection', (c) => c.on('error', () => undefined));

  async function connect(): Promise<mysql.PoolConnection> {
    try {
      const c = await pool.getConnection();
      if (settings.testOnBorrow && settings.validationQuery) await c.query(settings.validationQuery);
      return c;
    } catch (e) {
      throw new ConnectionUnavailableError(e instanceof Error ? e.message : String(e));
    }
  }

  return {
    dialect: 'mysql',
    async acquire(): Promise<SqlSession> {
      let conn = await connect();
      let inTx = false;
      let xid: string | undefined;
      const q = (s: string) => conn.query(s);
      return {
        async execute(sql, params, options) {
          try {
            return await run(conn, sql, params, options ?? {});
          } catch (e) {
            if (inTx || !isConnectionError(e)) throw e;
            conn.destroy();
            conn = await connect();
            return run(conn, sql, params, options ?? {});
          }
        },
        async begin() {
          await q('START TRANSACTION');
          inTx = true;
        },
        async beginDistributed(id) {
          xid = id;
          await q(`XA START '${id}'`);
          inTx = true;
        },
        async commit() {
          if (xid) await q(`XA END '${xid}'`).then(() => q(`XA COMMIT '${xid}' ONE PHASE`));
          else await q('COMMIT');
          inTx = false;
          xid = undefined;
        },
        async rollback() {
          if (!inTx) return;
          if (xid) {
            await q(`XA END '${xid}'`).catch(() => undefined);
            await q(`XA ROLLBACK '${xid}'`);
          } else await q('ROLLBACK');
          inTx = false;
          xid = undefined;
        },
        async prepare(id) {
          await q(`XA END '${id}'`);
          await q(`XA PREPARE '${id}'`);
          inTx = false;
        },
        async commitPrepared(id) {
          await q(`XA COMMIT '${id}'`);
          xid = undefined;
        },
        async rollbackPrepared(id) {
          await q(`XA ROLLBACK '${id}'`);
          xid = undefined;
        },
        release(broken) {
          if (broken) conn.destroy();
          else conn.release();
        },
      };
    },
    async tables() {
      const conn = await connect();
      try {
        const [cols] = (await conn.query("SELECT TABLE_NAME t, COLUMN_NAME c, DATA_TYPE d, IS_NULLABLE n, COLUMN_KEY k FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME, ORDINAL_POSITION")) as unknown as [{ t: string; c: string; d: string; n: string; k: string }[]];
        const out = new Map<string, TableInfo>();
        for (const r of cols) {
          const t = out.get(r.t) ?? { name: r.t, columns: [], primaryKey: [] };
          t.columns.push({ name: r.c, sqlType: r.d, kind: kindOfTypeName(r.d), nullable: r.n === 'YES' });
          if (r.k === 'PRI') t.primaryKey.push(r.c);
          out.set(r.t, t);
        }
        return [...out.values()];
      } finally {
        conn.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}

type Fields = { name: string; columnType?: number; type?: number }[];

async function run(conn: mysql.PoolConnection, sql: string, params: SqlValue[], options: ExecuteOptions): Promise<SqlResult> {
  if (options.callModes?.some((m) => m !== 'IN')) return call(conn, sql, params, options);
  const values = params.map(bindable);
  const [res, fields] = await conn.execute({ sql, values, rowsAsArray: true, timeout: options.queryTimeout ? options.queryTimeout * 1000 : undefined });
  return readResult(res, fields as unknown, options);
}

function bindable(v: SqlValue): unknown {
  return typeof v === 'bigint' ? v.toString() : v instanceof Uint8Array ? Buffer.from(v) : v;
}

/**
 * What one statement answered. A CALL answers a list: each result set its procedure selected
 * (rows, with a list of field lists beside) and the status header last; the first result set
 * is the one a data service maps (MI's getFirstRSOfStoredProc).
 */
function readResult(res: unknown, fields: unknown, options: ExecuteOptions): SqlResult {
  const fieldLists = Array.isArray(fields) ? (fields as unknown[]) : [];
  const multi = Array.isArray(res) && fieldLists.length > 0 && (Array.isArray(fieldLists[0]) || fieldLists[0] === undefined);
  if (multi) {
    const parts = res as unknown[];
    const header = parts.find((p) => !Array.isArray(p)) as { affectedRows?: number } | undefined;
    const i = parts.findIndex((p, j) => Array.isArray(p) && Array.isArray(fieldLists[j]));
    if (i < 0) return { columns: [], columnKinds: [], rows: [], affectedRows: header?.affectedRows ?? 0 };
    const out = table(parts[i] as unknown[][], fieldLists[i] as Fields, options);
    out.affectedRows = header?.affectedRows ?? 0;
    return out;
  }
  if (Array.isArray(res)) return table(res as unknown[][], fieldLists as Fields, options);
  const h = res as { affectedRows: number; insertId: number };
  const out: SqlResult = { columns: [], columnKinds: [], rows: [], affectedRows: h.affectedRows };
  if (options.returnGeneratedKeys) {
    // Like Connector/J: one key per inserted row, counting up from the first id the server reports.
    const rows: SqlValue[][] = [];
    if (h.insertId) for (let k = 0; k < Math.max(h.affectedRows, 1); k++) rows.push([h.insertId + k]);
    out.generatedKeys = { columns: [options.keyColumns?.[0] ?? 'GENERATED_KEY'], rows };
  }
  return out;
}

function table(res: unknown[][], fs: Fields, options: ExecuteOptions): SqlResult {
  let rows = res.map((r) => r.map((v) => (v === undefined ? null : Buffer.isBuffer(v) ? new Uint8Array(v) : (v as SqlValue))));
  if (options.maxRows && options.maxRows > 0) rows = rows.slice(0, options.maxRows);
  return { columns: fs.map((f) => f.name), columnKinds: fs.map((f) => KIND_BY_TYPE[f.columnType ?? f.type ?? -1] ?? 'string'), rows, affectedRows: 0 };
}

/**
 * A stored procedure with OUT/INOUT parameters. MySQL's prepared CALL cannot bind an OUT
 * parameter, so each OUT/INOUT placeholder becomes a session variable: INOUT ones are set first
 * (the value bound), the CALL runs with the IN values bound, and one SELECT reads the variables back.
 */
async function call(conn: mysql.PoolConnection, sql: string, params: SqlValue[], options: ExecuteOptions): Promise<SqlResult> {
  const modes = options.callModes!;
  const marks = findPlaceholders(sql).filter((m) => m.kind === 'ordinal');
  if (marks.length !== modes.length) throw new Error(`stored procedure call has ${marks.length} '?' but ${modes.length} parameters`);
  let text = '';
  let last = 0;
  const inValues: unknown[] = [];
  const vars: string[] = [];
  for (let i = 0; i < marks.length; i++) {
    const m = marks[i]!;
    text += sql.slice(last, m.start);
    last = m.end;
    if (modes[i] === 'IN') {
      text += '?';
      inValues.push(bindable(params[i] ?? null));
      continue;
    }
    const v = `@mediate_out_${vars.length + 1}`;
    vars.push(v);
    text += v;
    // An OUT variable starts NULL (MySQL sets OUT parameters to NULL on entry anyway).
    await conn.execute({ sql: `SET ${v} = ?`, values: [modes[i] === 'INOUT' ? bindable(params[i] ?? null) : null] });
  }
  text += sql.slice(last);
  const [res, fields] = await conn.execute({ sql: text, values: inValues, rowsAsArray: true, timeout: options.queryTimeout ? options.queryTimeout * 1000 : undefined });
  const out = readResult(res, fields as unknown, { ...options, returnGeneratedKeys: false });
  const [read] = (await conn.execute({ sql: `SELECT ${vars.join(', ')}`, rowsAsArray: true })) as unknown as [unknown[][]];
  out.outValues = (read[0] ?? []).map((v) => (v === undefined ? null : Buffer.isBuffer(v) ? v.toString('utf8') : (v as SqlValue)));
  return out;
}

function kindOfTypeName(t: string): ColumnKind {
  const s = t.toLowerCase();
  if (/int/.test(s)) return 'integer';
  if (/double|float|real/.test(s)) return 'float';
  if (/decimal|numeric/.test(s)) return 'decimal';
  if (s === 'bit' || s === 'boolean') return 'boolean';
  if (/datetime|timestamp/.test(s)) return 'timestamp';
  if (s === 'date') return 'date';
  if (s === 'time') return 'time';
  if (/blob|binary/.test(s)) return 'binary';
  return 'string';
}
