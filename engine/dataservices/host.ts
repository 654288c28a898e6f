/**
 * The engine's side of data services: one per Engine. Keeps a pool per
 * distinct datasource (shared by the services that use it, kept across
 * redeploys of the same settings), resolves `<config>`s — inline, carbon
 * datasource artifacts, or `[[datasource]]` of deployment.toml — and serves
 * requests. The databases themselves come from the host's DataSourceProvider.
 */
import type { Logger } from '../core/logger.js';
import type { DataSourceProvider, DataSourceSpec, SqlPool } from './driver.js';
import { DataServiceFault } from './faults.js';
import type { PoolResolver } from './execute.js';
import type { DataServiceDef } from './types.js';
import type { CarbonDataSource, ConfigResolution } from './datasource.js';
import { serveDataService, type DsHttpRequest, type DsHttpResponse } from './http.js';
import { serveOData } from './odata.js';

export interface CompiledDataService {
  def: DataServiceDef;
  file?: string;
  configs: Map<string, ConfigResolution>;
}

export interface DataServiceHostOptions {
  provider?: DataSourceProvider;
  /** A deployed carbon datasource artifact by name. */
  carbon(name: string): CarbonDataSource | undefined;
  registry(key: string): string | undefined;
  logger: Logger;
}

export class DataServiceHost {
  private readonly pools = new Map<string, SqlPool>();

  constructor(private readonly options: DataServiceHostOptions) {}

  /** The spec a config resolves to now (a carbon datasource may be redeployed). */
  specOf(service: CompiledDataService, configId: string): DataSourceSpec {
    const r = service.configs.get(configId);
    if (!r) throw new DataServiceFault('CONNECTION_UNAVAILABLE_ERROR', `config '${configId}' is not defined in data service ${service.def.name}`);
    if (r.kind === 'refused') throw new DataServiceFault('CONNECTION_UNAVAILABLE_ERROR', r.message);
    if (r.kind === 'spec') return r.spec;
    const carbon = this.options.carbon(r.name);
    if (carbon?.spec) return carbon.spec;
    if (carbon?.refused) throw new DataServiceFault('CONNECTION_UNAVAILABLE_ERROR', carbon.refused);
    const named = this.options.provider?.named(r.name);
    if (named) return named;
    throw new DataServiceFault('CONNECTION_UNAVAILABLE_ERROR', `carbon datasource '${r.name}' is not deployed (neither a datasource artifact nor a [[datasource]] of deployment.toml)`);
  }

  poolOf(spec: DataSourceSpec): SqlPool {
    const key = JSON.stringify({ ...spec, owner: undefined });
    let pool = this.pools.get(key);
    if (!pool) {
      if (!this.options.provider) throw new DataServiceFault('CONNECTION_UNAVAILABLE_ERROR', 'this runtime was started without database drivers');
      pool = this.options.provider.open(spec);
      for (const w of this.options.provider.warnings?.(spec) ?? []) this.options.logger.log('warn', `${spec.owner}: ${w}`, { component: 'DataServices' });
      this.pools.set(key, pool);
    }
    return pool;
  }

  resolver(service: CompiledDataService): PoolResolver {
    return {
      pool: (id) => this.poolOf(this.specOf(service, id)),
      isXa: (id) => this.specOf(service, id).xa,
      isCsv: (id) => this.specOf(service, id).kind === 'csv',
    };
  }

  async serve(service: CompiledDataService, req: DsHttpRequest): Promise<DsHttpResponse> {
    const res = await serveDataService(req, { service: service.def, pools: this.resolver(service), location: service.file ?? service.def.name, registry: this.options.registry, host: req.header('host') });
    if (res.status >= 500) this.options.logger.log('error', `Data service ${service.def.name}: ${req.method} ${req.subPath || '/'} failed with ${res.status}`, { component: 'DataServices' });
    return res;
  }

  /**
   * `/odata/<service>/<config>/...` of a config with enableOData="true". MI answers 501 for an
   * unknown service or config (or one without OData) and 400 for a path without both.
   */
  async odata(find: (name: string) => CompiledDataService | undefined, req: DsHttpRequest & { path: string }): Promise<DsHttpResponse> {
    const m = /^\/odata\/([^/]+)\/([^/(?]+)(.*)$/.exec(req.path);
    const error = (status: number, message: string) => ({ status, headers: [['Content-Type', 'application/json']] as [string, string][], body: JSON.stringify({ error: { code: String(status), message } }) });
    if (!m) return error(400, `malformed OData request ${req.path}: expected /odata/<service>/<config>/...`);
    const service = find(decodeURIComponent(m[1]!));
    const config = service?.def.configs.find((c) => c.id === decodeURIComponent(m[2]!));
    if (!service || !config || !config.enableOData) return error(501, `no OData service ${m[1]}/${m[2]} is deployed`);
    let pool: SqlPool;
    try {
      pool = this.poolOf(this.specOf(service, config.id));
    } catch (e) {
      return error(503, e instanceof Error ? e.message : String(e));
    }
    const root = `http://${req.header('host') ?? 'localhost:8290'}/odata/${m[1]}/${m[2]}`;
    return serveOData(pool, `${service.def.name}.${config.id}`, { method: req.method, path: m[3]!, query: req.query, accept: req.header('accept'), body: req.body, root });
  }

  async close(): Promise<void> {
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map((p) => p.close().catch(() => undefined)));
  }
}
