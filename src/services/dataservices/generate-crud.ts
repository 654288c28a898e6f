/**
 * "Generate from table": the five queries MI for VS Code's generator writes
 * for a table (select all, select by key, insert, update, delete) and a REST
 * resource for each, as text to add to a `.dbs`. Names follow MI's generator
 * (`select_all_<table>_query` ...); every value is a bound parameter.
 */
import type { TableInfo } from '../../../engine/index.js';

export interface CrudPiece {
  queries: string[];
  resources: string[];
}

export function crudFor(table: TableInfo, configId: string): CrudPiece {
  const t = table.name;
  const cols = table.columns.map((c) => c.name);
  const keys = table.primaryKey.length ? table.primaryKey : cols.slice(0, 1);
  const nonKeys = cols.filter((c) => !keys.includes(c));
  const sqlTypeOf = (name: string) => sqlTypeFor(table.columns.find((c) => c.name === name)?.sqlType ?? '');
  const param = (name: string) => `    <param name="${name}" sqlType="${sqlTypeOf(name)}"/>`;
  const mapping = cols.map((c) => `        <element column="${c}" name="${c}" xsdType="xs:${xsdTypeFor(sqlTypeOf(c))}"/>`).join('\n');
  const result = `    <result element="${t}Collection" rowName="${t}">\n${mapping}\n    </result>`;
  const where = keys.map((k) => `${k}=?`).join(' AND ');
  const query = (id: string, sql: string, body: string[]) => [`<query id="${id}" useConfig="${configId}">`, `    <sql>${escape(sql)}</sql>`, ...body, '</query>'].join('\n');
  const ids = { all: `select_all_${t}_query`, key: `select_with_key_${t}_query`, insert: `insert_${t}_query`, update: `update_${t}_query`, delete: `delete_${t}_query` };
  const queries = [
    query(ids.all, `SELECT ${cols.join(', ')} FROM ${t}`, [result]),
    query(ids.key, `SELECT ${cols.join(', ')} FROM ${t} WHERE ${where}`, [result, ...keys.map(param)]),
    query(ids.insert, `INSERT INTO ${t}(${cols.join(', ')}) VALUES(${cols.map(() => '?').join(', ')})`, cols.map(param)),
    query(ids.update, `UPDATE ${t} SET ${nonKeys.map((c) => `${c}=?`).join(', ')} WHERE ${where}`, [...nonKeys, ...keys].map(param)),
    query(ids.delete, `DELETE FROM ${t} WHERE ${where}`, keys.map(param)),
  ];
  if (nonKeys.length === 0) queries.splice(3, 1);
  const withParams = (names: string[]) => names.map((n) => `        <with-param name="${n}" query-param="${n}"/>`).join('\n');
  const resource = (method: string, path: string, id: string, names: string[]) =>
    names.length ? `<resource method="${method}" path="${path}">\n    <call-query href="${id}">\n${withParams(names)}\n    </call-query>\n</resource>` : `<resource method="${method}" path="${path}">\n    <call-query href="${id}"/>\n</resource>`;
  const keyPath = `${t}/${keys.map((k) => `{${k}}`).join('/')}`;
  const resources = [
    resource('GET', t, ids.all, []),
    resource('GET', keyPath, ids.key, keys),
    resource('POST', t, ids.insert, cols),
    ...(nonKeys.length ? [resource('PUT', t, ids.update, [...nonKeys, ...keys])] : []),
    resource('DELETE', keyPath, ids.delete, keys),
  ];
  return { queries, resources };
}

function escape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
}

/** The column's declared type to an MI sqlType. */
export function sqlTypeFor(declared: string): string {
  const d = declared.toUpperCase();
  if (/BIGINT|INT8|BIGSERIAL/.test(d)) return 'BIGINT';
  if (/INT|SERIAL/.test(d)) return 'INTEGER';
  if (/DOUBLE|FLOAT|REAL/.test(d)) return 'DOUBLE';
  if (/NUMERIC|DECIMAL|MONEY/.test(d)) return 'NUMERIC';
  if (/BOOL|BIT/.test(d)) return 'BOOLEAN';
  if (/TIMESTAMP|DATETIME/.test(d)) return 'TIMESTAMP';
  if (/^DATE/.test(d)) return 'DATE';
  if (/^TIME/.test(d)) return 'TIME';
  if (/BLOB|BYTEA|BINARY/.test(d)) return 'BINARY';
  return 'STRING';
}

function xsdTypeFor(sqlType: string): string {
  return ({ BIGINT: 'long', INTEGER: 'integer', DOUBLE: 'double', NUMERIC: 'decimal', BOOLEAN: 'boolean', TIMESTAMP: 'dateTime', DATE: 'date', TIME: 'time', BINARY: 'base64Binary' } as Record<string, string>)[sqlType] ?? 'string';
}
