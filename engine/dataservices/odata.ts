/**
 * OData v4 for configs with enableOData="true", at /odata/<service>/<config>
 * (MI's ODataEndpoint): the service document, $metadata (CSDL from the
 * tables' metadata), entity sets with $filter (eq ne gt ge lt le, and/or,
 * parentheses), $select, $orderby, $top, $skip, $count, key lookup, and
 * create / update / delete. Identifiers come from the table metadata; every
 * value is bound. Unknown service or config → 501, malformed path → 400, as MI.
 */
import type { ColumnKind, SqlPool, SqlValue, TableInfo } from './driver.js';
import { columnText } from './values.js';

export interface ODataRequest {
  method: string;
  /** Path after /odata/<service>/<config>, e.g. '', '/$metadata', '/ACCOUNT(1)'. */
  path: string;
  query: string;
  accept?: string;
  body: string;
  /** Absolute service root, for @odata.context. */
  root: string;
}

export interface ODataResponse {
  status: number;
  headers: [string, string][];
  body: string;
}

const EDM: Record<ColumnKind, string> = { integer: 'Edm.Int32', float: 'Edm.Double', decimal: 'Edm.Decimal', string: 'Edm.String', boolean: 'Edm.Boolean', date: 'Edm.Date', time: 'Edm.TimeOfDay', timestamp: 'Edm.DateTimeOffset', binary: 'Edm.Binary', other: 'Edm.String' };

export class ODataError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function serveOData(pool: SqlPool, namespace: string, req: ODataRequest): Promise<ODataResponse> {
  try {
    return await dispatch(pool, namespace, req);
  } catch (e) {
    const status = e instanceof ODataError ? e.status : 500;
    return json(status, { error: { code: String(status), message: e instanceof Error ? e.message : String(e) } });
  }
}

async function dispatch(pool: SqlPool, namespace: string, req: ODataRequest): Promise<ODataResponse> {
  const tables = await pool.tables();
  const path = decodeURIComponent(req.path.replace(/^\/+/, '').replace(/\/+$/, ''));
  const method = req.method.toUpperCase();
  if (path === '') return json(200, { '@odata.context': `${req.root}/$metadata`, value: tables.map((t) => ({ name: t.name, kind: 'EntitySet', url: t.name })) });
  if (path === '$metadata') return { status: 200, headers: [['Content-Type', 'application/xml'], ['OData-Version', '4.0']], body: metadata(tables, namespace) };
  const m = /^([^/(]+)(?:\(([^)]*)\))?(\/\$count)?$/.exec(path);
  if (!m) throw new ODataError(400, `malformed OData path /${path}`);
  const table = tables.find((t) => t.name === m[1]) ?? tables.find((t) => t.name.toLowerCase() === m[1]!.toLowerCase());
  if (!table) throw new ODataError(404, `no entity set named ${m[1]}`);
  const q = quoter(pool.dialect);
  const key = m[2] !== undefined ? parseKey(m[2], table) : undefined;
  const params = new URLSearchParams(req.query);
  const session = await pool.acquire();
  try {
    if (method === 'GET') {
      const where: string[] = [];
      const values: SqlValue[] = [];
      if (key) for (const [c, v] of Object.entries(key)) (where.push(`${q(c)} = ?`), values.push(v));
      const filter = params.get('$filter');
      if (filter) {
        const f = compileFilter(filter, table, q);
        where.push(`(${f.sql})`);
        values.push(...f.values);
      }
      const whereSql = where.length ? ` WHERE ${where.join(' AND ')}` : '';
      if (m[3]) {
        const r = await session.execute(`SELECT COUNT(*) FROM ${q(table.name)}${whereSql}`, values);
        return { status: 200, headers: [['Content-Type', 'text/plain']], body: String(r.rows[0]?.[0] ?? 0) };
      }
      const select = params.get('$select');
      const cols = select ? select.split(',').map((s) => columnOf(table, s.trim()).name) : table.columns.map((c) => c.name);
      let sql = `SELECT ${cols.map(q).join(', ')} FROM ${q(table.name)}${whereSql}`;
      const orderby = params.get('$orderby');
      if (orderby) sql += ` ORDER BY ${orderby.split(',').map((o) => { const [c, dir] = o.trim().split(/\s+/); return `${q(columnOf(table, c!).name)} ${dir?.toLowerCase() === 'desc' ? 'DESC' : 'ASC'}`; }).join(', ')}`;
      const top = params.get('$top');
      const skip = params.get('$skip') ?? params.get('$skiptoken');
      if (top !== null || skip !== null) {
        const n = (x: string | null, d: number) => (x === null ? d : /^\d+$/.test(x) ? Number(x) : (() => { throw new ODataError(400, `$top/$skip must be a whole number, not ${x}`); })());
        sql += ` LIMIT ${n(top, 2147483647)} OFFSET ${n(skip, 0)}`;
      }
      const r = await session.execute(sql, values);
      const entities = r.rows.map((row) => Object.fromEntries(cols.map((c, i) => [c, jsonOf(row[i] ?? null, r.columnKinds[i] ?? 'string')])));
      if (key) {
        if (entities.length === 0) throw new ODataError(404, `no ${table.name} with key ${m[2]}`);
        return json(200, { '@odata.context': `${req.root}/$metadata#${table.name}/$entity`, ...entities[0] });
      }
      const out: Record<string, unknown> = { '@odata.context': `${req.root}/$metadata#${table.name}` };
      if (params.get('$count') === 'true') out['@odata.count'] = entities.length;
      out.value = entities;
      return json(200, out);
    }
    if (method === 'POST' && !key) {
      const entity = parseEntity(req.body, table);
      const cols = Object.keys(entity);
      await session.execute(`INSERT INTO ${q(table.name)} (${cols.map(q).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`, cols.map((c) => entity[c]!));
      return json(201, { '@odata.context': `${req.root}/$metadata#${table.name}/$entity`, ...JSON.parse(req.body) });
    }
    if ((method === 'PUT' || method === 'PATCH') && key) {
      const entity = parseEntity(req.body, table);
      const cols = Object.keys(entity).filter((c) => !(c in key));
      if (cols.length === 0) throw new ODataError(400, 'nothing to update');
      const r = await session.execute(`UPDATE ${q(table.name)} SET ${cols.map((c) => `${q(c)} = ?`).join(', ')} WHERE ${Object.keys(key).map((c) => `${q(c)} = ?`).join(' AND ')}`, [...cols.map((c) => entity[c]!), ...Object.values(key)]);
      if (r.affectedRows === 0) throw new ODataError(404, `no ${table.name} with key ${m[2]}`);
      return { status: 204, headers: [], body: '' };
    }
    if (method === 'DELETE' && key) {
      const r = await session.execute(`DELETE FROM ${q(table.name)} WHERE ${Object.keys(key).map((c) => `${q(c)} = ?`).join(' AND ')}`, Object.values(key));
      if (r.affectedRows === 0) throw new ODataError(404, `no ${table.name} with key ${m[2]}`);
      return { status: 204, headers: [], body: '' };
    }
    throw new ODataError(405, `${method} is not allowed on /${path}`);
  } finally {
    session.release();
  }
}

function json(status: number, body: unknown): ODataResponse {
  return { status, headers: [['Content-Type', 'application/json; odata.metadata=minimal'], ['OData-Version', '4.0']], body: JSON.stringify(body) };
}

function metadata(tables: TableInfo[], ns: string): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  const types = tables
    .map((t) => {
      const key = t.primaryKey.length ? t.primaryKey : t.columns.slice(0, 1).map((c) => c.name);
      return `<EntityType Name="${esc(t.name)}"><Key>${key.map((k) => `<PropertyRef Name="${esc(k)}"/>`).join('')}</Key>${t.columns.map((c) => `<Property Name="${esc(c.name)}" Type="${EDM[c.kind]}"${c.nullable ? '' : ' Nullable="false"'}/>`).join('')}</EntityType>`;
    })
    .join('');
  const sets = tables.map((t) => `<EntitySet Name="${esc(t.name)}" EntityType="${esc(ns)}.${esc(t.name)}"/>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?><edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices><Schema xmlns="http://docs.oasis-open.org/odata/ns/edm" Namespace="${esc(ns)}">${types}<EntityContainer Name="Container">${sets}</EntityContainer></Schema></edmx:DataServices></edmx:Edmx>`;
}

function quoter(dialect: SqlPool['dialect']): (id: string) => string {
  return dialect === 'mysql' ? (id) => `\`${id.replace(/`/g, '``')}\`` : (id) => `"${id.replace(/"/g, '""')}"`;
}

function columnOf(table: TableInfo, name: string): TableInfo['columns'][number] {
  const c = table.columns.find((x) => x.name === name) ?? table.columns.find((x) => x.name.toLowerCase() === name.toLowerCase());
  if (!c) throw new ODataError(400, `${table.name} has no property ${name}`);
  return c;
}

function literal(text: string): SqlValue {
  const t = text.trim();
  if (/^'.*'$/.test(t)) return t.slice(1, -1).replace(/''/g, "'");
  if (/^[+-]?\d+(\.\d+)?$/.test(t)) return Number(t);
  if (t === 'true' || t === 'false') return t === 'true';
  if (t === 'null') return null;
  throw new ODataError(400, `cannot read the literal ${t}`);
}

function parseKey(text: string, table: TableInfo): Record<string, SqlValue> {
  const keyCols = table.primaryKey.length ? table.primaryKey : [table.columns[0]!.name];
  if (!text.includes('=')) return { [keyCols[0]!]: literal(text) };
  const out: Record<string, SqlValue> = {};
  for (const part of text.split(',')) {
    const [k, v] = part.split('=');
    out[columnOf(table, k!.trim()).name] = literal(v!);
  }
  return out;
}

function parseEntity(body: string, table: TableInfo): Record<string, SqlValue> {
  let obj: unknown;
  try {
    obj = JSON.parse(body);
  } catch {
    throw new ODataError(400, 'the entity must be a JSON object');
  }
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) throw new ODataError(400, 'the entity must be a JSON object');
  const out: Record<string, SqlValue> = {};
  for (const [k, v] of Object.entries(obj)) if (!k.startsWith('@')) out[columnOf(table, k).name] = v === null || typeof v !== 'object' ? (v as SqlValue) : JSON.stringify(v);
  return out;
}

function jsonOf(v: SqlValue, kind: ColumnKind): unknown {
  if (v === null) return null;
  if (kind === 'integer' || kind === 'float' || kind === 'decimal') {
    const n = Number(v);
    return Number.isFinite(n) ? n : String(v);
  }
  if (kind === 'boolean') return v === true || v === 1 || v === '1' || v === 'true';
  return columnText(v, kind);
}

/** `$filter`: comparisons joined by and/or, with parentheses and not. */
function compileFilter(text: string, table: TableInfo, q: (id: string) => string): { sql: string; values: SqlValue[] } {
  const tokens = text.match(/'(?:[^']|'')*'|\(|\)|[^\s()]+/g) ?? [];
  let i = 0;
  const values: SqlValue[] = [];
  const ops: Record<string, string> = { eq: '=', ne: '<>', gt: '>', ge: '>=', lt: '<', le: '<=' };
  const expr = (): string => {
    let left = term();
    while (tokens[i] === 'or') {
      i++;
      left = `${left} OR ${term()}`;
    }
    return left;
  };
  const term = (): string => {
    let left = factor();
    while (tokens[i] === 'and') {
      i++;
      left = `${left} AND ${factor()}`;
    }
    return left;
  };
  const factor = (): string => {
    if (tokens[i] === 'not') {
      i++;
      return `NOT (${factor()})`;
    }
    if (tokens[i] === '(') {
      i++;
      const e = expr();
      if (tokens[i++] !== ')') throw new ODataError(400, `$filter: missing ) in ${text}`);
      return `(${e})`;
    }
    const prop = tokens[i++];
    const op = tokens[i++];
    const lit = tokens[i++];
    if (!prop || !op || lit === undefined || !ops[op]) throw new ODataError(400, `$filter: cannot read "${text}" (expected <property> eq|ne|gt|ge|lt|le <literal>)`);
    const v = literal(lit);
    if (v === null) return `${q(columnOf(table, prop).name)} IS ${op === 'ne' ? 'NOT ' : ''}NULL`;
    values.push(v);
    return `${q(columnOf(table, prop).name)} ${ops[op]} ?`;
  };
  const sql = expr();
  if (i < tokens.length) throw new ODataError(400, `$filter: unexpected "${tokens[i]}" in ${text}`);
  return { sql, values };
}
