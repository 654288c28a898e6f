/**
 * Runs projects on an embedded engine the way `mediate run` does: scan each
 * project (any layout, or a CAR), deploy, listen on HTTP, and optionally
 * redeploy on save. A broken artifact is reported and not deployed; the rest
 * serve. On redeploy a broken file leaves its last good version serving.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type { FSWatcher } from 'chokidar';
import { Engine, type RegistryProvider } from '../runtime/engine.js';
import { apiDefinitionLookup } from './project/api-definitions.js';
import type { DeployResult, SourceFile } from '../runtime/deployment.js';
import type { Logger } from '../core/logger.js';
import type { FlowHooks } from '../core/step.js';
import type { HttpClient } from '../core/transport.js';
import { formatDiagnostic, type ConfigDiagnostic } from '../core/errors.js';
import { scanProject, type ProjectScan } from './project/index.js';
import { fileRegistry } from './registry.js';
import { installTransformationAdapters } from './transformation/index.js';
import { createNodeHttpClient, preloadHttpClient } from './http-client.js';
import { createNodeScriptRunner } from './script/vm-runner.js';
import { startHttpListener, type HttpListener } from './http-server.js';
import { startActiveArtifacts, createTransportSenders, closeTransportSenders } from './transports/index.js';
import { readServerConfig } from './transports/server-config.js';
import type { ActiveArtifacts } from '../inbound/lifecycle.js';
import { MessagingRuntime } from '../messaging/runtime.js';
import { defaultStoreBackends } from './stores/index.js';
import { createNodeDataSourceProvider } from './db/index.js';

export interface RuntimeHostOptions {
  /** Project folders or CAR files. */
  sources: string[];
  port: number;
  host?: string;
  watch?: boolean;
  logger: Logger;
  maxBodyBytes?: number;
  hooks?: FlowHooks[];
  env?: Record<string, string | undefined>;
  /** A debugger (engine/node/debug createDebugSession): its hook runs around every step; deployment waits for `ready()`. */
  debug?: RuntimeDebugAttachment;
  /** Wraps the outbound HTTP client endpoints send through (the unit-test runner routes calls to its mock services). */
  wrapHttpClient?: (client: HttpClient) => HttpClient;
  /** Wraps the project's registry (the unit-test runner adds the registry resources a suite lists). */
  wrapRegistry?: (registry: RegistryProvider) => RegistryProvider;
}

/** What the host needs of a debugger: a hook, the engine to resolve breakpoints against, MI's debug wait, and redeploy notices. */
export interface RuntimeDebugAttachment {
  hook: FlowHooks;
  bind(engine: Engine): void;
  ready(): Promise<void>;
  configurationUpdated(): void;
  close(): Promise<void>;
}

export interface RuntimeHost {
  readonly engine: Engine;
  readonly port: number;
  readonly initial: DeployResult;
  /** Inbound endpoints, tasks and polling proxies: their state, run-now, shutdown. */
  readonly active: ActiveArtifacts;
  /** Message stores and processors: their state, the store browser, activate/deactivate. */
  readonly messaging: MessagingRuntime;
  /** Every diagnostic of the latest deployment of each file (errors and warnings). */
  diagnostics(): ConfigDiagnostic[];
  /** Rescans and redeploys what changed (what --watch calls on a save). */
  refresh(): Promise<DeployResult>;
  close(): Promise<void>;
}

export const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;
/** Merges the file-system events of one save. */
const REDEPLOY_DEBOUNCE_MS = 20;

export async function startRuntimeHost(options: RuntimeHostOptions): Promise<RuntimeHost> {
  installTransformationAdapters();
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const httpClient = createNodeHttpClient({ maxBodyBytes });
  let scans = await Promise.all(options.sources.map((s) => scanProject(path.resolve(s))));
  let registry = combinedRegistry(scans);
  const wrapRegistry = options.wrapRegistry ?? ((r: RegistryProvider) => r);
  const roots = scans.filter((s) => s.layout !== 'car').map((s) => s.root);
  const serverConfig = readServerConfig(roots, options.logger);
  const transportSenders = createTransportSenders({ logger: options.logger, serverConfig: (name) => serverConfig[name], roots, env: options.env ?? process.env });
  const engine = new Engine({
    brokerSenders: transportSenders,
    logger: options.logger,
    httpClient: options.wrapHttpClient ? options.wrapHttpClient(httpClient) : httpClient,
    hooks: [...(options.hooks ?? []), ...(options.debug ? [options.debug.hook] : [])],
    scriptRunner: createNodeScriptRunner(),
    registry: wrapRegistry({ get: (k) => registry.get(k), property: (k, p) => registry.property(k, p) }),
    configProperties: Object.assign({}, ...scans.map((s) => s.configProperties)),
    env: options.env ?? process.env,
    readSource: (src) => readLocalSource(src, scans.map((s) => s.root)),
    apiDefinition: apiDefinitionLookup(() => scans),
    dataSources: createNodeDataSourceProvider({ roots: scans.map((s) => s.root), warn: (m) => options.logger.log('warn', m, { component: 'DataSources' }) }),
  });
  for (const s of scans) for (const p of s.problems) options.logger.log('warn', `${p.file}: ${p.message}`, { component: 'ProjectLoader' });
  const known = new Map<string, string>(); // file -> content hash
  const files = readArtifacts(scans);
  for (const f of files) known.set(f.file, hash(f.text));
  options.debug?.bind(engine);
  await options.debug?.ready();
  const initial = engine.deploy(files);
  const listener: HttpListener = await startHttpListener(engine, { port: options.port, host: options.host, maxBodyBytes });
  const active = await startActiveArtifacts({
    engine,
    logger: options.logger,
    maxBodyBytes,
    roots: [...roots, process.cwd()],
    registryText: (k) => registry.get(k),
    serverConfig: (name) => serverConfig[name],
    portOffset: Number(serverConfig['server.offset'] ?? 0) || 0,
    env: options.env ?? process.env,
  });
  // Stored messages of JDBC stores without a URL survive restarts in <project>/.mediate (SQLite).
  const messaging = new MessagingRuntime({ engine, backends: defaultStoreBackends(), dataDir: roots[0] ? path.join(roots[0], '.mediate') : undefined, logger: options.logger });
  await messaging.sync();
  // Load the outbound client's module once serving, off the start-up path (the first request to a backend then does not wait for it).
  setTimeout(preloadHttpClient, 200).unref();

  let refreshing: Promise<DeployResult> | undefined;
  async function refresh(): Promise<DeployResult> {
    scans = await Promise.all(options.sources.map((s) => scanProject(path.resolve(s))));
    registry = combinedRegistry(scans);
    const current = readArtifacts(scans);
    const changed = current.filter((f) => known.get(f.file) !== hash(f.text));
    const currentFiles = new Set(current.map((f) => f.file));
    for (const file of [...known.keys()]) {
      if (!currentFiles.has(file)) {
        engine.undeploy(file);
        known.delete(file);
      }
    }
    const result = changed.length ? engine.deploy(changed) : { deployed: [], failed: [], warnings: [] };
    for (const f of changed) known.set(f.file, hash(f.text));
    if (result.deployed.length > 0) options.debug?.configurationUpdated();
    await active.settled();
    for (const f of result.failed) for (const d of f.diagnostics) if (d.severity === 'error') options.logger.log('error', formatDiagnostic(d), { component: 'DeploymentEngine' });
    return result;
  }

  let watcher: FSWatcher | undefined;
  if (options.watch) {
    const roots = scans.filter((s) => s.layout !== 'car').map((s) => s.root);
    const { watch: chokidarWatch } = await import('chokidar');
    // No awaitWriteFinish: a file saved in pieces may be compiled half-written; that compile fails, the
    // last good version keeps serving, and the event of the last piece redeploys it. So a short
    // debounce (which only merges the events of one save) is safe, and a save serves in well under 100 ms.
    watcher = chokidarWatch(roots, { ignoreInitial: true, ignored: (p) => /(^|[\\/])(node_modules|target|\.git)([\\/]|$)/.test(p) });
    let timer: NodeJS.Timeout | undefined;
    let trailing: NodeJS.Timeout | undefined;
    const run = () => {
      refreshing = (refreshing ?? Promise.resolve({} as DeployResult)).then(refresh, refresh);
    };
    const schedule = () => {
      clearTimeout(timer);
      timer = setTimeout(run, REDEPLOY_DEBOUNCE_MS);
      // A save seen mid-write (truncate, then write) may not raise another event once it completes:
      // one trailing rescan picks up the final content (unchanged files cost a hash compare).
      clearTimeout(trailing);
      trailing = setTimeout(run, 250);
      trailing.unref();
    };
    watcher.on('all', schedule);
    await new Promise<void>((r) => watcher!.once('ready', () => r()));
  }

  return {
    engine,
    port: listener.port,
    initial,
    active,
    messaging,
    diagnostics: () => [...engine.deployment.lastResults.values()].flatMap((r) => r.diagnostics),
    refresh,
    async close() {
      await watcher?.close();
      await active.close();
      await messaging.close();
      await listener.close();
      await options.debug?.close();
      await httpClient.close();
      await closeTransportSenders(transportSenders);
      await engine.dataServices.close();
    },
  };
}

function readArtifacts(scans: ProjectScan[]): SourceFile[] {
  const out: SourceFile[] = [];
  for (const s of scans) {
    for (const a of s.artifacts) {
      try {
        out.push({ file: a.file, text: fs.readFileSync(a.file, 'utf8') });
      } catch {
        // vanished between scan and read; the next refresh sees it gone
      }
    }
  }
  return out;
}

/** `file:` URLs (absolute, or relative to a project root) for local entries with `src`. */
function readLocalSource(src: string, roots: string[]): string | undefined {
  if (!src.startsWith('file:')) return undefined;
  const rel = decodeURIComponent(src.replace(/^file:(\/\/)?/, ''));
  const candidates = path.isAbsolute(rel) ? [rel] : roots.map((r) => path.join(r, rel));
  for (const c of candidates) {
    try {
      return fs.readFileSync(c, 'utf8');
    } catch {
      // try the next root
    }
  }
  return undefined;
}

function combinedRegistry(scans: ProjectScan[]): RegistryProvider {
  const regs = scans.map((s) => fileRegistry(s.resources));
  return {
    get: (k) => regs.map((r) => r.get(k)).find((v) => v !== undefined),
    property: (k, p) => regs.map((r) => r.property(k, p)).find((v) => v !== undefined),
  };
}

function hash(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}
