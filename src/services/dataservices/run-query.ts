/**
 * "Run this query" of the designer: the runtime's own executor
 * (runCallQuery: parameters bound, validated, defaults applied) on a pool
 * that records what the query's statement returned, so the designer shows
 * the raw rows and, from the same run, the XML and JSON MI would answer
 * (the runtime's result writer). Runs in one transaction, committed like a
 * request's.
 */
import {
  dataServiceColumnText,
  dataServiceResultJson,
  dataServiceResultXml,
  DataServiceFault,
  runCallQuery,
  TransactionScope,
  type DataServiceDef,
  type SqlPool,
  type SqlResult,
  type SqlSession,
} from '../../../engine/index.js';
import type { DsRunResult } from '../../contract/dataservices.js';

export async function runDesignerQuery(def: DataServiceDef, queryId: string, params: Record<string, string>, pool: SqlPool, isCsv: boolean): Promise<DsRunResult> {
  const query = def.queries.get(queryId);
  if (!query) return failed(`the data service has no query '${queryId}'`);
  let first: SqlResult | undefined;
  const recording: SqlPool = {
    dialect: pool.dialect,
    tables: () => pool.tables(),
    close: () => pool.close(),
    async acquire(): Promise<SqlSession> {
      const session = await pool.acquire();
      return {
        ...session,
        async execute(sql, values, options) {
          const result = await session.execute(sql, values, options);
          first ??= result;
          return result;
        },
        begin: () => session.begin(),
        commit: () => session.commit(),
        rollback: () => session.rollback(),
        release: (broken) => session.release(broken),
      };
    },
  };
  const scope = new TransactionScope({ pool: () => recording, isXa: () => false, isCsv: () => isCsv }, true);
  const input: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) if (value !== '') input[name] = value;
  try {
    const outcome = await runCallQuery({ href: queryId, withParams: query.params.map((p) => ({ name: p.name, queryParam: p.name, loc: p.loc })), loc: query.loc }, input, { service: def, scope, requestName: queryId });
    await scope.commit();
    const table = tableOf(first);
    if (!outcome.hasResult) return { ok: true, ...table };
    const nodes = outcome.nodes;
    return {
      ok: true,
      ...table,
      outputXml: nodes.map((n) => dataServiceResultXml(n)).join(''),
      outputJson: JSON.stringify(nodes.length === 1 ? dataServiceResultJson(nodes[0]!) : nodes.map((n) => dataServiceResultJson(n)), null, 2),
    };
  } catch (e) {
    await scope.rollback(false).catch(() => undefined);
    return { ...failed(faultText(e)), ...tableOf(first) };
  }
}

function tableOf(result: SqlResult | undefined): Pick<DsRunResult, 'columns' | 'rows' | 'affectedRows'> {
  if (!result) return { columns: [], rows: [], affectedRows: 0 };
  return { columns: result.columns, rows: result.rows.map((r) => r.map((v, i) => (v === null ? null : dataServiceColumnText(v, result.columnKinds[i])))), affectedRows: result.affectedRows };
}

function failed(error: string): DsRunResult {
  return { ok: false, error, columns: [], rows: [], affectedRows: 0 };
}

/** The fault as MI names it: code, message and the database's own words. */
function faultText(e: unknown): string {
  if (e instanceof DataServiceFault) return [e.code, e.dsMessage, e.nested && e.nested !== e.dsMessage && !e.dsMessage?.includes(e.nested) ? e.nested : undefined].filter(Boolean).join(': ');
  return e instanceof Error ? e.message : String(e);
}
