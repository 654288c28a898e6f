/**
 * PostgreSQL (pg). `?` placeholders become `$n`; values are sent as bound
 * parameters. Dates, timestamps, numerics and bigints arrive as text so they
 * print as the database wrote them. Two-phase commit uses PREPARE TRANSACTION
 * (the server needs max_prepared_transactions > 0).
 */
import pg from 'pg';
import type { ColumnKind, ExecuteOptions, SqlPool, SqlResult, SqlSession, SqlValue, TableInfo } from '../../dataservices/driver.js';
import { ConnectionUnavailableError } from '../../dataservices/driver.js';
import { findPlaceholders, splitTopLevelList } from '../../dataservices/sql-text.js';
import { isConnectionError, type PoolSettings } from './pool-settings.js';

const TEXT_TYPES = [20, 1700, 1082, 1083, 1114, 1184, 1266, 1186];

const KIND_BY_OID: Record<number, ColumnKind> = { 20: 'integer', 21: 'integer', 23: 'integer', 26: 'integer', 700: 'float', 701: 'float', 1700: 'decimal', 16: 'boolean', 1082: 'date', 1083: 'time', 1266: 'time', 1114: 'timestamp', 1184: 'timestamp', 17: 'binary' };

export interface PgTarget {
  host: string;
  port: number;
  database: string;
  user?: string;
  password?: string;
}

export function openPostgres(target: PgTarget, settings: PoolSettings): SqlPool {
  const pool = new pg.Pool({
    host: target.host,
    port: target.port,
    database: target.database,
    user: target.user,
    password: target.password,
    max: settings.max,
    idleTimeoutMillis: settings.idleTimeoutMs,
    connectionTimeoutMillis: settings.acquireTimeoutMs,
    types: { getTypeParser: ((oid: number, format?: string) => (TEXT_TYPES.includes(oid) ? (v: string) => v : pg.types.getTypeParser(oid, format as 'text'))) as typeof pg.types.getTypeParser },
  });
  // An idle connection the server drops must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);

  async function connect(): Promise<pg.PoolClient> {
    try {
      const client = await pool.connect();
      if (settings.testOnBorrow && settings.validationQuery) await client.query(settings.validationQuery);
      return client;
    } catch (e) {
      throw new ConnectionUnavailableError(e instanceof Error ? e.message : String(e));
    }
  }

  // PREPARE TRANSACTION needs max_prepared_transactions > 0 (a server restart to change): without it
  // sessions offer no two-phase commit and a distributed transaction commits database by database.
  let twoPhase: Promise<boolean> | undefined;
  const supportsTwoPhase = (client: pg.PoolClient) =>
    (twoPhase ??= client.query<{ max_prepared_transactions: string }>('SHOW max_prepared_transactions').then(
      (r) => Number(r.rows[0]?.max_prepared_transactions ?? 0) > 0,
      () => false,
    ));

  // What a `call` names (procedure or function), asked of pg_proc once per name for the pool's life,
  // not on every request.
  const routineKinds = new Map<string, Promise<string[]>>();
  const kindsOf: RoutineKinds = (client, name) => {
    let kinds = routineKinds.get(name);
    if (!kinds) {
      kinds = client.query<{ prokind: string }>('SELECT DISTINCT prokind FROM pg_proc WHERE proname = $1 AND pg_function_is_visible(oid)', [name]).then((r) => r.rows.map((x) => x.prokind));
      routineKinds.set(name, kinds);
      kinds.catch(() => routineKinds.delete(name));
    }
    return kinds;
  };
  const run = (client: pg.PoolClient, sql: string, params: SqlValue[], options: ExecuteOptions) => runOn(client, sql, params, options, kindsOf);

  return {
    dialect: 'postgres',
    async acquire(): Promise<SqlSession> {
      let client = await connect();
      let inTx = false;
      const canPrepare = await supportsTwoPhase(client);
      const session: SqlSession = {
        async execute(sql, params, options) {
          try {
            return await run(client, sql, params, options ?? {});
          } catch (e) {
            // A connection that died while idle in the pool: reconnect once, outside transactions.
            if (inTx || !isConnectionError(e)) throw e;
            client.release(true);
            client = await connect();
            return run(client, sql, params, options ?? {});
          }
        },
        async begin() {
          await client.query('BEGIN');
          inTx = true;
        },
        async beginDistributed() {
          await client.query('BEGIN');
          inTx = true;
        },
        async commit() {
          await client.query('COMMIT');
          inTx = false;
        },
        async rollback() {
          if (inTx) await client.query('ROLLBACK');
          inTx = false;
        },
        async prepare(xid) {
          await client.query(`PREPARE TRANSACTION '${xid.replace(/'/g, "''")}'`);
          inTx = false;
        },
        async commitPrepared(xid) {
          await client.query(`COMMIT PREPARED '${xid.replace(/'/g, "''")}'`);
        },
        async rollbackPrepared(xid) {
          await client.query(`ROLLBACK PREPARED '${xid.replace(/'/g, "''")}'`);
        },
        release(broken) {
          client.release(broken ? true : undefined);
        },
      };
      if (!canPrepare) {
        delete session.prepare;
        delete session.commitPrepared;
        delete session.rollbackPrepared;
      }
      return session;
    },
    async tables() {
      const client = await connect();
      try {
        const cols = await client.query<{ table_name: string; column_name: string; data_type: string; is_nullable: string }>(
          "SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position",
        );
        const keys = await client.query<{ table_name: string; column_name: string }>(
          "SELECT kcu.table_name, kcu.column_name FROM information_schema.table_constraints tc JOIN information_schema.key_column_usage kcu ON tc.constraint_name = kcu.constraint_name AND tc.table_schema = kcu.table_schema WHERE tc.constraint_type = 'PRIMARY KEY' AND tc.table_schema = current_schema() ORDER BY kcu.ordinal_position",
        );
        const out = new Map<string, TableInfo>();
        for (const c of cols.rows) {
          const t = out.get(c.table_name) ?? { name: c.table_name, columns: [], primaryKey: [] };
          t.columns.push({ name: c.column_name, sqlType: c.data_type, kind: kindOfTypeName(c.data_type), nullable: c.is_nullable === 'YES' });
          out.set(c.table_name, t);
        }
        for (const k of keys.rows) out.get(k.table_name)?.primaryKey.push(k.column_name);
        return [...out.values()];
      } finally {
        client.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}

/** `?` → `$1, $2 ...` (outside quotes and comments). */
export function toDollarPlaceholders(sql: string): string {
  let out = '';
  let last = 0;
  let n = 0;
  for (const p of findPlaceholders(sql)) {
    if (p.kind !== 'ordinal') continue;
    out += sql.slice(last, p.start) + `$${++n}`;
    last = p.end;
  }
  return out + sql.slice(last);
}

const CALL_RE = /^\s*call\s+((?:"[^"]+"|[A-Za-z_][\w$]*)(?:\.(?:"[^"]+"|[A-Za-z_][\w$]*))?)\s*\(([\s\S]*)\)\s*;?\s*$/i;

/**
 * `call f(...)` of a FUNCTION (not a PROCEDURE): PostgreSQL refuses CALL for it, while pgjdbc runs
 * JDBC calls of functions as `select * from f(...)`. So when the name is only a function's, the
 * call becomes that select, without the OUT placeholders (a function's OUT arguments are its
 * result columns, not arguments); their values are then the row it answers, in order.
 */
/** The kinds (pg_proc.prokind: f function, p procedure ...) of the visible routines with a name. */
type RoutineKinds = (client: pg.PoolClient, name: string) => Promise<string[]>;

async function asFunctionSelect(client: pg.PoolClient, sql: string, params: SqlValue[], options: ExecuteOptions, kindsOf: RoutineKinds): Promise<{ sql: string; params: SqlValue[] } | undefined> {
  const m = CALL_RE.exec(sql);
  if (!m) return undefined;
  const qualified = m[1]!;
  const last = qualified.split('.').pop()!;
  const proname = last.startsWith('"') ? last.slice(1, -1) : last.toLowerCase();
  const found = await kindsOf(client, proname);
  if (!found.includes('f') || found.includes('p')) return undefined;
  const modes = options.callModes;
  const kept: string[] = [];
  const values: SqlValue[] = [];
  let k = 0;
  for (const arg of m[2]!.trim() === '' ? [] : splitTopLevelList(m[2]!)) {
    const n = findPlaceholders(arg).filter((p) => p.kind === 'ordinal').length;
    if (arg.trim() === '?' && modes?.[k] === 'OUT') {
      k += 1;
      continue;
    }
    kept.push(arg.trim());
    for (let j = 0; j < n; j++) values.push(params[k + j] ?? null);
    k += n;
  }
  return { sql: `SELECT * FROM ${qualified}(${kept.join(', ')})`, params: values };
}

async function runOn(client: pg.PoolClient, sql: string, params: SqlValue[], options: ExecuteOptions, kindsOf: RoutineKinds): Promise<SqlResult> {
  const fn = await asFunctionSelect(client, sql, params, options, kindsOf);
  if (fn) {
    sql = fn.sql;
    params = fn.params;
  }
  let text = toDollarPlaceholders(sql);
  const keys = options.returnGeneratedKeys && /^\s*insert\s/i.test(text) && !/\breturning\b/i.test(text);
  // JDBC's getGeneratedKeys on PostgreSQL appends RETURNING (the key columns, or every column).
  if (keys) text += ` RETURNING ${options.keyColumns?.length ? options.keyColumns.map((c) => `"${c.replace(/"/g, '""')}"`).join(', ') : '*'}`;
  const values = params.map((v) => (typeof v === 'bigint' ? v.toString() : v instanceof Uint8Array ? Buffer.from(v) : v));
  if (options.queryTimeout) await client.query(`SET statement_timeout = ${Math.floor(options.queryTimeout * 1000)}`);
  const res = await client.query({ text, values, rowMode: 'array' });
  const columns = (res.fields ?? []).map((f) => f.name);
  const kinds = (res.fields ?? []).map((f) => KIND_BY_OID[f.dataTypeID] ?? 'string');
  let rows = (res.rows as unknown[][]).map((r) => r.map((v) => (v === undefined ? null : Buffer.isBuffer(v) ? new Uint8Array(v) : (v as SqlValue))));
  if (options.maxRows && options.maxRows > 0) rows = rows.slice(0, options.maxRows);
  const isSelectLike = res.command === 'SELECT' || (res.fields?.length ?? 0) > 0;
  if (keys) return { columns: [], columnKinds: [], rows: [], affectedRows: res.rowCount ?? 0, generatedKeys: { columns, rows } };
  // CALL of a procedure with OUT/INOUT arguments answers one row of them, in argument order (the
  // OUT placeholders are bound to NULL, as PostgreSQL wants); a procedure has no other result set.
  if (options.callModes?.some((m) => m !== 'IN')) return { columns: [], columnKinds: [], rows: [], affectedRows: 0, outValues: rows[0] ?? [] };
  return { columns, columnKinds: kinds, rows: isSelectLike ? rows : [], affectedRows: res.rowCount ?? 0 };
}

function kindOfTypeName(t: string): ColumnKind {
  const s = t.toLowerCase();
  if (/int|serial/.test(s)) return 'integer';
  if (/double|real|float/.test(s)) return 'float';
  if (/numeric|decimal|money/.test(s)) return 'decimal';
  if (s === 'boolean') return 'boolean';
  if (/timestamp/.test(s)) return 'timestamp';
  if (s === 'date') return 'date';
  if (/^time/.test(s)) return 'time';
  if (s === 'bytea') return 'binary';
  return 'string';
}
