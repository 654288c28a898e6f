/**
 * CSV datasources (read-only, as in MI): the file is read on each query, so
 * edits show at once; columns are named by the header row (csv_hasheader) or
 * numbered from 1; rows start at csv_startingrow, at most csv_maxrowcount.
 */
import fs from 'node:fs';
import type { DataSourceSpec, SqlPool, SqlSession, TableInfo } from '../../dataservices/driver.js';
import { ConnectionUnavailableError } from '../../dataservices/driver.js';

export function openCsv(csv: NonNullable<DataSourceSpec['csv']>, file: string): SqlPool {
  const read = () => {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      throw new ConnectionUnavailableError(`cannot read the CSV file ${file}: ${e instanceof Error ? e.message : String(e)}`);
    }
    const records = parseCsv(text.replace(/^\uFEFF/, ''), csv.separator || ',');
    const header = csv.hasHeader ? (records[csv.headerRow - 1] ?? []).map((h) => h.trim()) : undefined;
    let rows = records.slice(Math.max(0, csv.startingRow - 1)).filter((r) => !(r.length === 1 && r[0] === ''));
    if (csv.maxRows > 0) rows = rows.slice(0, csv.maxRows);
    const width = Math.max(header?.length ?? 0, ...rows.map((r) => r.length));
    const columns = header ?? Array.from({ length: width }, (_, i) => String(i + 1));
    return { columns, rows: rows.map((r) => columns.map((_, i) => r[i] ?? null)) };
  };
  return {
    dialect: 'csv',
    async acquire(): Promise<SqlSession> {
      return {
        async execute() {
          const { columns, rows } = read();
          return { columns, columnKinds: columns.map(() => 'string' as const), rows, affectedRows: 0 };
        },
        async begin() {},
        async commit() {},
        async rollback() {},
        release() {},
      };
    },
    async tables(): Promise<TableInfo[]> {
      const { columns } = read();
      return [{ name: 'Sheet1', columns: columns.map((c) => ({ name: c, kind: 'string', sqlType: 'STRING', nullable: true })), primaryKey: [] }];
    },
    async close() {},
  };
}

/** RFC 4180: quoted fields may hold separators, quotes ("") and newlines. */
export function parseCsv(text: string, sep: string): string[][] {
  const out: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
      continue;
    }
    if (c === '"' && field === '') quoted = true;
    else if (text.startsWith(sep, i)) {
      row.push(field);
      field = '';
      i += sep.length - 1;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      out.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    out.push(row);
  }
  return out;
}
