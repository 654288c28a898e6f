/**
 * The designer's way to a config's database: the engine's own reading of the
 * `<config>` (resolveConfig), carbon datasources found in the project
 * (`<datasource>` artifacts, then `[[datasource]]` of deployment.toml), and
 * the Node host's drivers (createNodeDataSourceProvider), so "test
 * connection" and "run" reach the database exactly as the runtime would.
 * Every pool is opened for one call and closed after it.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  createNodeDataSourceProvider,
  parseJdbcUrl,
  parseXmlStrict,
  readCarbonDataSource,
  resolveConfig,
  scanProject,
  type DataServiceDef,
  type DataSourceSpec,
  type SqlPool,
} from '../../../engine/index.js';

export class DatasourceError extends Error {}

/** The connection a config describes; throws DatasourceError naming what is wrong. */
export async function specOfConfig(def: DataServiceDef, configId: string, projectRoot: string | undefined): Promise<DataSourceSpec> {
  const config = def.configs.find((c) => c.id === configId);
  if (!config) throw new DatasourceError(`the data service has no config '${configId}'`);
  const r = resolveConfig(config, def.name);
  if (r.kind === 'refused') throw new DatasourceError(r.message);
  if (r.kind === 'spec') return r.spec;
  const fromArtifact = projectRoot ? await carbonDatasource(projectRoot, r.name) : undefined;
  if (fromArtifact) return fromArtifact;
  const named = createNodeDataSourceProvider({ roots: projectRoot ? [projectRoot] : [] }).named(r.name);
  if (named) return named;
  throw new DatasourceError(`carbon datasource '${r.name}' is defined neither by a datasource artifact of the project nor by a [[datasource]] of its deployment.toml`);
}

async function carbonDatasource(root: string, name: string): Promise<DataSourceSpec | undefined> {
  const scan = await scanProject(root);
  for (const a of scan.artifacts) {
    if (a.kind !== 'data-source') continue;
    let parsed;
    try {
      parsed = readCarbonDataSource(parseXmlStrict(await readFile(a.file, 'utf8')).documentElement!);
    } catch {
      continue; // a malformed datasource artifact is the language service's to report
    }
    if (parsed.name !== name) continue;
    if (parsed.refused) throw new DatasourceError(parsed.refused);
    return parsed.spec;
  }
  return undefined;
}

/** Runs `body` on a fresh pool for `spec` (relative SQLite/CSV paths from the project root), closing it after. */
export async function withPool<T>(spec: DataSourceSpec, projectRoot: string | undefined, body: (pool: SqlPool) => Promise<T>): Promise<T> {
  refuseMissingFile(spec, projectRoot);
  const pool = createNodeDataSourceProvider({ roots: projectRoot ? [projectRoot] : [] }).open(spec);
  try {
    return await body(pool);
  } finally {
    await pool.close().catch(() => undefined);
  }
}

/**
 * SQLite (and H2-on-SQLite) creates a missing database file on open; the
 * designer must not leave one behind for a mistyped URL, so it refuses instead.
 */
function refuseMissingFile(spec: DataSourceSpec, projectRoot: string | undefined): void {
  let file: string | undefined;
  if (spec.kind === 'csv') file = spec.csv?.file;
  else if (spec.url) {
    let target;
    try {
      target = parseJdbcUrl(spec.url);
    } catch (e) {
      throw new DatasourceError(e instanceof Error ? e.message : String(e));
    }
    if (target.dialect === 'sqlite' && !target.h2) file = target.file;
  }
  if (!file || file === ':memory:') return;
  const absolute = path.isAbsolute(file) ? file : path.join(projectRoot ?? process.cwd(), file.replace(/^file:(\/\/)?/, ''));
  if (!existsSync(absolute)) throw new DatasourceError(`the database file ${absolute} does not exist`);
}
