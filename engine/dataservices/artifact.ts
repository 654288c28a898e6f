/**
 * The `data-service` (`<data>` in a .dbs) and `data-source` (carbon
 * `<datasource>`) artifact kinds. Compiling checks what MI would refuse and
 * more: configs of kinds that cannot run, queries naming missing configs,
 * call-queries naming missing queries or params, result mappings naming
 * columns a plain SELECT does not return, a carbon datasource that is not
 * deployed — each with the file, line and column it is at.
 */
import { el, a } from '../model/descriptor.js';
import type { ArtifactDefinition } from '../artifacts/types.js';
import type { ConfigNode } from '../model/node.js';
import type { CompileEnvImpl } from '../runtime/compile-env.js';
import { parseDataService } from './parse.js';
import { resolveConfig, readCarbonDataSource, type ConfigResolution } from './datasource.js';
import { parseJdbcUrl, UnsupportedJdbcUrl, H2_ON_SQLITE_WARNING } from './jdbc-url.js';
import { selectedColumns } from './sql-text.js';
import { KNOWN_SQL_TYPES } from './values.js';
import type { OutputDef } from './types.js';
import type { CompiledDataService } from './host.js';

export const dataServiceArtifact: ArtifactDefinition = {
  kind: 'data-service',
  rootElement: 'data',
  ns: null,
  descriptor: el('data', [a.str('name', { required: true })], 'xml', undefined, { ns: null }),
  nameOf: (node) => node.attrs.name ?? '',
  compile(node, env) {
    const { service, problems } = parseDataService(node.source, env.file);
    for (const p of problems) env.report(p.code, p.message, p.loc, p.severity);
    const configs = new Map<string, ConfigResolution>();
    for (const c of service.configs) {
      const r = resolveConfig(c, service.name);
      configs.set(c.id, r);
      if (r.kind === 'refused') env.report('DSS020', r.message, c.loc);
      else if (r.kind === 'carbon') env.reference('data-source', r.name, c.propertyLocs.carbon_datasource_name ?? c.loc);
      else if (r.spec.kind === 'rdbms') checkUrl(r.spec.url!, c.propertyLocs.url ?? c.propertyLocs.dataSourceProps ?? c.loc, env);
    }
    for (const q of service.queries.values()) {
      for (const p of q.params) if (!KNOWN_SQL_TYPES.has(p.sqlType)) env.report('DSS014', `param ${p.name} of query ${q.id}: unknown sqlType '${p.sqlType}'`, p.loc);
      const cfg = configs.get(q.useConfig);
      const onSqlite = cfg?.kind === 'spec' && cfg.spec.kind === 'rdbms' && !!cfg.spec.url && urlDialect(cfg.spec.url) === 'sqlite';
      for (const p of q.params) if (p.direction !== 'IN' && onSqlite) env.report('DSS015', `param ${p.name} of query ${q.id} is ${p.direction}, but config ${q.useConfig} is SQLite, which has no stored procedures: calling this query faults`, p.loc, 'warning');
      if (q.sql === undefined && !(cfg?.kind === 'spec' && cfg.spec.kind === 'csv')) env.report('DSS016', `query ${q.id} has no <sql>`, q.loc);
      if (!q.result || q.result.useColumnNumbers || !q.sql || q.returnGeneratedKeys || q.returnUpdatedRowCount) continue;
      const cols = selectedColumns(q.sql);
      if (!cols) continue;
      const known = new Set(cols.map((c) => c.toLowerCase()));
      const walk = (outs: OutputDef[]) => {
        for (const o of outs) {
          if ((o.kind === 'element' || o.kind === 'attribute') && o.column !== undefined && !known.has(o.column.toLowerCase())) env.report('DSS013', `query ${q.id} maps column '${o.column}' to ${o.kind} ${o.name}, but its SELECT returns ${cols.join(', ')}`, o.loc);
          else if (o.kind === 'group') walk(o.children);
          else if (o.kind === 'call-query') for (const w of o.withParams) if (w.column !== undefined && !known.has(w.column.toLowerCase())) env.report('DSS013', `query ${q.id} passes column '${w.column}' to query ${o.href}, but its SELECT returns ${cols.join(', ')}`, w.loc);
        }
      };
      walk(q.result.children);
    }
    if (service.publishSwagger && service.resources.length === 0) env.report('DSS017', 'Cannot expose a swagger from a data-service which does not have any resources defined', node.attrLocs.publishSwagger ?? node.loc);
    const value: CompiledDataService = { def: service, file: env.file, configs };
    return { kind: 'data-service', name: service.name, value };
  },
};

function urlDialect(url: string): string | undefined {
  try {
    return parseJdbcUrl(url).dialect;
  } catch {
    return undefined;
  }
}

function checkUrl(url: string, loc: { line: number; col: number }, env: CompileEnvImpl): void {
  try {
    const t = parseJdbcUrl(url);
    if (t.dialect === 'sqlite' && t.h2) env.report('DSS021', `${url} ${H2_ON_SQLITE_WARNING}`, loc, 'warning');
  } catch (e) {
    if (e instanceof UnsupportedJdbcUrl) env.report('DSS020', e.message, loc);
    else throw e;
  }
}

export const dataSourceArtifact: ArtifactDefinition = {
  kind: 'data-source',
  rootElement: 'datasource',
  ns: null,
  descriptor: el('datasource', [a.str('name')], 'xml', undefined, { ns: null }),
  nameOf: (node: ConfigNode) => readCarbonDataSource(node.source).name,
  compile(node, env) {
    const ds = readCarbonDataSource(node.source);
    if (!ds.name) env.report('SYN003', '<datasource> needs a <name>', node.loc);
    if (ds.refused) env.report('DSS020', ds.refused, node.loc);
    if (ds.spec?.url) checkUrl(ds.spec.url, node.loc, env);
    return { kind: 'data-source', name: ds.name, value: ds };
  },
};
