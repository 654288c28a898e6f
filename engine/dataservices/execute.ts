/**
 * Running a data-service request: binds the call-query's parameters (always
 * bound, never spliced), validates them, runs the SQL on the config's pool
 * inside the request's transaction scope, and maps the rows into the result
 * tree, running nested queries per row. One request (a single operation, a
 * batch or a request box) is one transaction per datasource; several XA
 * datasources commit in two phases.
 */
import type { DataServiceDef, OutputDef, ParamDef, QueryDef, ResultDef, CallQueryDef } from './types.js';
import { DS_NAMESPACE } from './types.js';
import type { CallMode, ColumnKind, SqlPool, SqlResult, SqlSession, SqlValue } from './driver.js';
import { ConnectionUnavailableError } from './driver.js';
import { DataServiceFault } from './faults.js';
import { validateParam } from './validate.js';
import { columnText, toSqlValue, IncompatibleParameterError } from './values.js';
import { findPlaceholders, unescapeJdbcCall } from './sql-text.js';
import type { ResultNode } from './xml-writer.js';

/** Request values by input name; null = sent empty/nil. */
export type InputValues = Record<string, string | null>;

export interface PoolResolver {
  /** The pool of a config id; throws DataServiceFault when it cannot be had. */
  pool(configId: string): SqlPool;
  /** Whether the config is an XA datasource. */
  isXa(configId: string): boolean;
  /** Whether the config is a CSV file (no SQL, no transactions). */
  isCsv(configId: string): boolean;
}

export interface QueryOutcome {
  /** Result nodes (the wrapper, or bare rows when the result has no wrapper). */
  nodes: ResultNode[];
  /** Whether the query has a result mapping at all (else: an in-only request). */
  hasResult: boolean;
}

let xidCounter = 0;

/** One request's connections: a session per config, in a transaction when `transactional`. */
export class TransactionScope {
  private readonly sessions = new Map<string, { session: SqlSession; xid?: string }>();

  constructor(
    private readonly pools: PoolResolver,
    readonly transactional: boolean,
  ) {}

  /** The database kind behind a config (asks for its pool, not a connection). */
  dialect(configId: string): SqlPool['dialect'] {
    return this.pools.pool(configId).dialect;
  }

  async session(configId: string): Promise<SqlSession> {
    const have = this.sessions.get(configId);
    if (have) return have.session;
    const pool = this.pools.pool(configId);
    let session: SqlSession;
    try {
      session = await pool.acquire();
    } catch (e) {
      throw connectionFault(e);
    }
    const entry: { session: SqlSession; xid?: string } = { session };
    this.sessions.set(configId, entry);
    if (this.transactional && !this.pools.isCsv(configId)) {
      try {
        if (this.pools.isXa(configId) && session.beginDistributed) {
          entry.xid = `mediate-${Date.now().toString(36)}-${++xidCounter}`;
          await session.beginDistributed(entry.xid);
        } else await session.begin();
      } catch (e) {
        throw connectionFault(e);
      }
    }
    return session;
  }

  /** Commits every session: two phases when several XA sessions take part. */
  async commit(): Promise<void> {
    const entries = [...this.sessions.values()];
    try {
      if (!this.transactional) return;
      const twoPhase = entries.length > 1 && entries.every((e) => e.xid && e.session.prepare && e.session.commitPrepared);
      if (twoPhase) {
        const prepared: typeof entries = [];
        try {
          for (const e of entries) {
            await e.session.prepare!(e.xid!);
            prepared.push(e);
          }
        } catch (err) {
          for (const e of prepared) await e.session.rollbackPrepared!(e.xid!).catch(() => undefined);
          for (const e of entries.filter((x) => !prepared.includes(x))) await e.session.rollback().catch(() => undefined);
          throw new DataServiceFault('DATABASE_ERROR', 'Error in distributed transaction prepare', errorText(err));
        }
        for (const e of entries) await e.session.commitPrepared!(e.xid!);
      } else {
        // One database (or databases without two-phase commit): each commits on its own.
        for (const e of entries) await e.session.commit();
      }
    } finally {
      this.releaseAll(false);
    }
  }

  async rollback(broken: boolean): Promise<void> {
    try {
      if (!this.transactional) return;
      for (const e of this.sessions.values()) await e.session.rollback().catch(() => undefined);
    } finally {
      this.releaseAll(broken);
    }
  }

  private releaseAll(broken: boolean): void {
    for (const e of this.sessions.values()) e.session.release(broken);
    this.sessions.clear();
  }
}

export interface ExecEnv {
  service: DataServiceDef;
  scope: TransactionScope;
  /** The request name for faults (`_getemployee_employeenumber`, `addEmployeeOp`). */
  requestName: string;
}

/** Runs what an operation or resource calls, with the request's input values. */
export async function runCallQuery(call: CallQueryDef, input: InputValues, env: ExecEnv): Promise<QueryOutcome> {
  const query = env.service.queries.get(call.href);
  if (!query) throw new DataServiceFault('UNKNOWN_ERROR', `Query '${call.href}' is not defined`);
  const values: InputValues = {};
  for (const w of call.withParams) {
    const from = w.queryParam ?? w.name;
    if (Object.prototype.hasOwnProperty.call(input, from)) values[w.name] = input[from]!;
  }
  return runQuery(query, values, env, 0);
}

async function runQuery(query: QueryDef, supplied: InputValues, env: ExecEnv, depth: number): Promise<QueryOutcome> {
  if (depth > 32) throw new DataServiceFault('UNKNOWN_ERROR', `nested queries of ${query.id} recurse more than 32 levels`);
  const params = bindParams(query, supplied, env);
  const outParams = query.params.filter((p) => p.direction !== 'IN');
  let result: SqlResult;
  let outNames: string[] = [];
  let outTypes: string[] = [];
  try {
    if (outParams.length > 0 && query.sql !== undefined && env.scope.dialect(query.useConfig) === 'sqlite') {
      // MI runs such a query as a JDBC CallableStatement; SQLite has no stored procedures to call.
      const why = `query ${query.id} has OUT/INOUT parameters (${outParams.map((p) => p.name).join(', ')}), but its datasource '${query.useConfig}' is SQLite, which has no stored procedures`;
      const f = new DataServiceFault('DATABASE_ERROR', `Error in 'SQLQuery.processStoredProcQuery': ${why}`, why);
      f.queryId = query.id;
      throw f;
    }
    const session = await env.scope.session(query.useConfig);
    if (query.sql === undefined) result = await session.execute('', [], {});
    else {
      const { sql, values, modes, outs } = positional(query, params);
      outNames = outs.map((p) => p.name);
      outTypes = outs.map((p) => p.sqlType);
      result = await session.execute(sql, values, {
        returnGeneratedKeys: query.returnGeneratedKeys,
        keyColumns: query.keyColumns,
        maxRows: query.properties.maxRows ? Number(query.properties.maxRows) : undefined,
        queryTimeout: query.properties.queryTimeout ? Number(query.properties.queryTimeout) : undefined,
        callModes: outs.length > 0 ? modes : undefined,
      });
    }
  } catch (e) {
    if (e instanceof DataServiceFault) throw decorate(e, env, params);
    if (e instanceof ConnectionUnavailableError) throw decorate(connectionFault(e), env, params);
    const where = outParams.length > 0 ? 'SQLQuery.processStoredProcQuery' : 'SQLQuery.processPostNormalQuery';
    const f = new DataServiceFault('DATABASE_ERROR', `Error in '${where}': ${errorText(e)}`, errorText(e));
    f.queryId = query.id;
    throw decorate(f, env, params);
  }
  if (!query.result) return { nodes: [], hasResult: false };
  let table: { columns: string[]; columnKinds: ColumnKind[]; rows: SqlValue[][] } = result;
  // MI writes the update count as a one-entry row keyed "1" (SQLQuery.writeOutUpdatedRowCount): mapped by column="1".
  // With both attributes set the count wins, as in MI's writeGeneratedElements.
  if (query.returnUpdatedRowCount) table = { columns: ['1'], columnKinds: ['integer'], rows: [[result.affectedRows]] };
  else if (query.returnGeneratedKeys && result.generatedKeys) table = { columns: result.generatedKeys.columns, columnKinds: result.generatedKeys.columns.map(() => 'other'), rows: result.generatedKeys.rows };
  else if (outNames.length > 0) table = withOutValues(query, result, outNames, outTypes);
  const nodes = await mapResult(query, query.result, table, params, env, depth);
  return { nodes, hasResult: true };
}

/**
 * A stored procedure's rows with its OUT/INOUT values, as MI's SQLQuery.processPostStoredProcQuery
 * builds them: OUT values are keyed by the param's name; a result set's rows each get them merged
 * in; without rows (or when the result maps exactly as many fields as there are OUT params) the
 * OUT values alone are the one row.
 */
function withOutValues(query: QueryDef, result: SqlResult, outNames: string[], outTypes: string[]): { columns: string[]; columnKinds: ColumnKind[]; rows: SqlValue[][] } {
  const outValues = outNames.map((_, i) => result.outValues?.[i] ?? null);
  const outKinds = outTypes.map(kindOfSqlType);
  const mapped = (query.result?.children ?? []).filter((o) => o.kind === 'element' || o.kind === 'attribute').length;
  const onlyOuts = mapped === outNames.length;
  if (onlyOuts || result.rows.length === 0) return { columns: outNames, columnKinds: outKinds, rows: [outValues] };
  // OUT names first: a column of the same name is overridden, as MI's putAll does.
  return { columns: [...outNames, ...result.columns], columnKinds: [...outKinds, ...result.columnKinds], rows: result.rows.map((r) => [...outValues, ...r]) };
}

/** How an OUT value prints, by the param's sqlType (MI reads it with the getter of that type). */
function kindOfSqlType(sqlType: string): ColumnKind {
  const t = sqlType.toUpperCase();
  if (['INTEGER', 'INT', 'SMALLINT', 'TINYINT', 'BIGINT', 'LONG'].includes(t)) return 'integer';
  if (['DOUBLE', 'FLOAT', 'REAL'].includes(t)) return 'float';
  if (['NUMERIC', 'DECIMAL', 'MONEY', 'SMALLMONEY'].includes(t)) return 'decimal';
  if (t === 'BIT' || t === 'BOOLEAN') return 'boolean';
  if (t === 'DATE') return 'date';
  if (t === 'TIME') return 'time';
  if (t === 'TIMESTAMP') return 'timestamp';
  if (['BINARY', 'BLOB', 'VARBINARY', 'LONG VARBINARY', 'IMAGE'].includes(t)) return 'binary';
  return 'string';
}

function decorate(f: DataServiceFault, env: ExecEnv, params: InputValues): DataServiceFault {
  f.requestName ??= env.requestName;
  f.params ??= params;
  return f;
}

function connectionFault(e: unknown): DataServiceFault {
  if (e instanceof DataServiceFault) return e;
  return new DataServiceFault('CONNECTION_UNAVAILABLE_ERROR', `Error in opening DBMS connection: ${errorText(e)}`, errorText(e));
}

export function errorText(e: unknown): string {
  if (e instanceof Error) return (e as { code?: unknown }).code && !e.message.includes(String((e as { code?: unknown }).code)) ? `${String((e as { code?: unknown }).code)}: ${e.message}` : e.message;
  return String(e);
}

/** Each query param's value: supplied, else its default; forceDefault wins; validated. */
function bindParams(query: QueryDef, supplied: InputValues, env: ExecEnv): InputValues {
  const out: InputValues = {};
  for (const p of query.params) {
    if (p.direction === 'OUT') continue;
    let v: string | null | undefined = Object.prototype.hasOwnProperty.call(supplied, p.name) ? supplied[p.name] : undefined;
    if (p.forceDefault && p.defaultValue !== undefined) v = p.defaultValue;
    if (v === undefined && p.defaultValue !== undefined) v = p.defaultValue;
    if (v === undefined) {
      if (p.optional) v = null;
      else {
        const f = new DataServiceFault('INCOMPATIBLE_PARAMETERS_ERROR', `Error in 'Query.extractParams': Parameter '${p.name}' of query ${query.id} is not supplied`);
        throw decorate(f, env, { ...supplied });
      }
    }
    out[p.name] = v;
  }
  try {
    for (const p of query.params) if (p.direction !== 'OUT') validateParam(p, out[p.name] ?? null);
  } catch (e) {
    if (e instanceof DataServiceFault) throw decorate(e, env, out);
    throw e;
  }
  return out;
}

/**
 * The SQL with `?` placeholders and the values in order (named `:x` or ordinal `?`; ARRAY params
 * expand), with each placeholder's call mode: an OUT param's placeholder is bound to nothing (null)
 * and read back after the call; `outs` lists the OUT/INOUT params in placeholder order.
 */
function positional(query: QueryDef, params: InputValues): { sql: string; values: SqlValue[]; modes: CallMode[]; outs: ParamDef[] } {
  const sql = query.sql!;
  const marks = findPlaceholders(sql);
  const byName = new Map(query.params.map((p) => [p.name, p] as const));
  const byOrdinal = new Map(query.params.map((p) => [p.ordinal, p] as const));
  let out = '';
  let last = 0;
  const values: SqlValue[] = [];
  const modes: CallMode[] = [];
  const outs: ParamDef[] = [];
  for (const m of marks) {
    const p: ParamDef | undefined = m.kind === 'named' ? byName.get(m.name) : byOrdinal.get(m.index);
    if (!p) {
      // `:word` that is no param (a time literal in a string was skipped already): leave the text.
      if (m.kind === 'named') continue;
      throw new DataServiceFault('INCOMPATIBLE_PARAMETERS_ERROR', `query ${query.id} has a '?' at position ${m.index} but no param with ordinal ${m.index}`);
    }
    out += sql.slice(last, m.start);
    last = m.end;
    if (p.direction === 'OUT') {
      out += '?';
      values.push(null);
      modes.push('OUT');
      outs.push(p);
      continue;
    }
    const raw = params[p.name] ?? null;
    try {
      if (p.paramType === 'ARRAY' && raw !== null && p.direction === 'IN') {
        const parts = raw.split(',');
        out += parts.map(() => '?').join(', ');
        for (const part of parts) {
          values.push(toSqlValue(part.trim(), p.sqlType, p.name));
          modes.push('IN');
        }
      } else {
        out += '?';
        values.push(toSqlValue(raw, p.sqlType, p.name));
        modes.push(p.direction);
        if (p.direction === 'INOUT') outs.push(p);
      }
    } catch (e) {
      if (e instanceof IncompatibleParameterError) throw new DataServiceFault('INCOMPATIBLE_PARAMETERS_ERROR', e.message);
      throw e;
    }
  }
  return { sql: unescapeJdbcCall(out + sql.slice(last)), values, modes, outs };
}

async function mapResult(query: QueryDef, result: ResultDef, table: { columns: string[]; columnKinds: ColumnKind[]; rows: SqlValue[][] }, params: InputValues, env: ExecEnv, depth: number): Promise<ResultNode[]> {
  const index = new Map<string, number>();
  table.columns.forEach((c, i) => {
    if (!index.has(c.toLowerCase())) index.set(c.toLowerCase(), i);
  });
  const column = (name: string): number => {
    const i = result.useColumnNumbers && /^\d+$/.test(name) ? Number(name) - 1 : index.get(name.toLowerCase());
    if (i === undefined || i < 0 || i >= table.columns.length) {
      const f = new DataServiceFault('UNKNOWN_ERROR', `Error in 'Query.writeResultEntry': column '${name}' mapped by query ${query.id} is not in its result (columns: ${table.columns.join(', ')})`);
      f.queryId = query.id;
      throw f;
    }
    return i;
  };
  const ns = result.namespace;
  const rowsOut: ResultNode[] = [];
  for (const row of table.rows) {
    const cells = await mapOutputs(result.children, row, table, column, params, ns, env, depth);
    if (result.rowName) rowsOut.push({ name: result.rowName, ns, attrs: cells.attrs, children: cells.children, repeated: true });
    else rowsOut.push(...cells.children);
  }
  if (result.element) return [{ name: result.element, ns, attrs: [], children: rowsOut }];
  if (depth === 0) return [{ name: 'DATA_SERVICE_RESPONSE', ns: DS_NAMESPACE, attrs: [], children: rowsOut }];
  return rowsOut;
}

async function mapOutputs(
  outs: OutputDef[],
  row: SqlValue[],
  table: { columns: string[]; columnKinds: ColumnKind[] },
  column: (name: string) => number,
  params: InputValues,
  ns: string,
  env: ExecEnv,
  depth: number,
): Promise<{ attrs: { name: string; value: string }[]; children: ResultNode[] }> {
  const attrs: { name: string; value: string }[] = [];
  const children: ResultNode[] = [];
  const valueOf = (o: { column?: string; queryParam?: string }): string | null => {
    if (o.queryParam !== undefined) return params[o.queryParam] ?? null;
    const i = column(o.column!);
    const v = row[i] ?? null;
    return v === null ? null : columnText(v, table.columnKinds[i]);
  };
  for (const o of outs) {
    switch (o.kind) {
      case 'element': {
        const v = valueOf(o);
        if (v === null && o.optional) break;
        children.push({ name: o.name, ns: o.namespace ?? ns, attrs: [], children: [], text: v, xsdType: o.xsdType });
        break;
      }
      case 'attribute': {
        const v = valueOf(o);
        if (v !== null) attrs.push({ name: o.name, value: v });
        break;
      }
      case 'group': {
        const inner = await mapOutputs(o.children, row, table, column, params, o.namespace ?? ns, env, depth);
        children.push({ name: o.name, ns: o.namespace ?? ns, attrs: inner.attrs, children: inner.children });
        break;
      }
      case 'call-query': {
        const target = env.service.queries.get(o.href);
        if (!target) throw new DataServiceFault('UNKNOWN_ERROR', `Query '${o.href}' is not defined`);
        const values: InputValues = {};
        for (const w of o.withParams) values[w.name] = w.column !== undefined ? valueOf({ column: w.column }) : w.queryParam !== undefined ? (params[w.queryParam] ?? null) : null;
        const nested = await runQuery(target, values, env, depth + 1);
        children.push(...nested.nodes);
        break;
      }
    }
  }
  return { attrs, children };
}
