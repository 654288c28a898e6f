/**
 * The data-service designer's service (src/contract/dataservices.ts) on
 * Node. Stateless: each call reads the text it is given with the engine's
 * parser; database calls open a pool for the call and close it after.
 */
import type { DataServicesService, DsConnectionResult, DsEdit, DsEditResult, DsModel, DsRunResult, DsTableView } from '../../contract/dataservices.js';
import { apply, CanvasEditError, insertion, rangeOf, type Splice } from '../canvas/splices.js';
import { TextFacts } from '../canvas/text-layout.js';
import { elementChildren } from '../canvas/xml-scan.js';
import { dataServiceModel, readDataService } from './dbs-model.js';
import { editDataService } from './dbs-edits.js';
import { scanDataService } from './dbs-scan.js';
import { DatasourceError, specOfConfig, withPool } from './datasource-access.js';
import { runDesignerQuery } from './run-query.js';
import { crudFor } from './generate-crud.js';

export interface DataServicesServiceOptions {
  projectRoot(): string | undefined;
}

export class NodeDataServicesService implements DataServicesService {
  constructor(private readonly options: DataServicesServiceOptions) {}

  async model(path: string, text: string): Promise<DsModel> {
    return dataServiceModel(text, path);
  }

  async edit(_path: string, text: string, edit: DsEdit): Promise<DsEditResult> {
    return editDataService(text, edit);
  }

  async testConnection(path: string, text: string, config: string): Promise<DsConnectionResult> {
    try {
      const { def } = this.read(text, path);
      const spec = await specOfConfig(def, config, this.root());
      await withPool(spec, this.root(), async (pool) => {
        const session = await pool.acquire();
        try {
          if (spec.kind === 'rdbms') await session.execute(spec.pool.validationQuery || 'SELECT 1', []);
        } finally {
          session.release(true);
        }
      });
      return { ok: true, message: 'ok' };
    } catch (e) {
      return { ok: false, message: messageOf(e) };
    }
  }

  async tables(path: string, text: string, config: string): Promise<DsTableView[]> {
    const { def } = this.read(text, path);
    const spec = await specOfConfig(def, config, this.root());
    const tables = await withPool(spec, this.root(), (pool) => pool.tables());
    return tables.map((t) => ({ name: t.name, primaryKey: t.primaryKey, columns: t.columns.map((c) => ({ name: c.name, sqlType: c.sqlType, nullable: c.nullable })) }));
  }

  async runQuery(path: string, text: string, query: string, params: Record<string, string>): Promise<DsRunResult> {
    try {
      const { def } = this.read(text, path);
      const q = def.queries.get(query);
      if (!q) return { ok: false, error: `the data service has no query '${query}'`, columns: [], rows: [], affectedRows: 0 };
      const spec = await specOfConfig(def, q.useConfig, this.root());
      return await withPool(spec, this.root(), (pool) => runDesignerQuery(def, query, params, pool, spec.kind === 'csv'));
    } catch (e) {
      return { ok: false, error: messageOf(e), columns: [], rows: [], affectedRows: 0 };
    }
  }

  async generateFromTable(path: string, text: string, config: string, table: string): Promise<DsEditResult> {
    const { def } = this.read(text, path);
    const spec = await specOfConfig(def, config, this.root());
    const info = (await withPool(spec, this.root(), (pool) => pool.tables())).find((t) => t.name.toLowerCase() === table.toLowerCase());
    if (!info) throw new CanvasEditError(`config ${config} has no table '${table}'`);
    const crud = crudFor(info, config);
    const taken = crud.queries.map((q) => /id="([^"]+)"/.exec(q)![1]!).filter((id) => def.queries.has(id));
    if (taken.length) throw new CanvasEditError(`the data service already has ${taken.join(', ')}: remove them first to generate again`);
    const root = scanDataService(text).root;
    const t = new TextFacts(text);
    const kids = elementChildren(root);
    const ranges = kids.map(rangeOf);
    /** Just after the last child named one of `locals` (the first that has any), else at the end. */
    const after = (...locals: string[]) => {
      for (const local of locals) {
        const i = kids.map((k) => k.local).lastIndexOf(local);
        if (i >= 0) return i + 1;
      }
      return kids.length;
    };
    const queriesAt = after('query', 'config');
    const resourcesAt = Math.max(after('resource', 'operation', 'query', 'config'), queriesAt);
    const splices: Splice[] = [...crud.queries.map((q) => insertion(t, root, ranges, queriesAt, t.convertUnit(q))), ...crud.resources.map((r) => insertion(t, root, ranges, resourcesAt, t.convertUnit(r)))];
    return { edits: apply(text, splices).edits };
  }

  private read(text: string, path: string) {
    try {
      return readDataService(text, path);
    } catch (e) {
      throw new CanvasEditError(`${path} is not well-formed: ${messageOf(e)}`);
    }
  }

  private root(): string | undefined {
    return this.options.projectRoot();
  }
}

function messageOf(e: unknown): string {
  if (e instanceof DatasourceError || e instanceof CanvasEditError) return e.message;
  if (e instanceof Error) {
    const code = (e as { code?: unknown }).code;
    return typeof code === 'string' && !e.message.includes(code) ? `${code}: ${e.message}` : e.message || String(code ?? e);
  }
  return String(e);
}
