/**
 * An Engine instance (DESIGN §5): deployed configuration plus the request
 * handling of MI's HTTP listener (APIs and proxy services). Transport-neutral:
 * hosts hand it requests and write back what it returns. Two engines may share
 * a process.
 */
import { MessageContext } from '../core/context.js';
import { HeaderMap } from '../core/headers.js';
import { Message, type BodySource } from '../core/message.js';
import { swaggerAnswer } from '../artifacts/api/swagger-answer.js';
import { generatedOpenApi } from '../artifacts/api/openapi.js';
import type { Logger } from '../core/logger.js';
import { silentLogger } from '../core/logger.js';
import type { FlowHooks, Step } from '../core/step.js';
import type { HttpClient } from '../core/transport.js';
import type { BrokerSenders } from '../core/broker.js';
import type { ScriptRunner } from '../mediators/script/runner.js';
import type { LocalEntryValue, LookupKind, RuntimeServices } from '../core/services.js';
import { PayloadTooLargeError } from '../core/errors.js';
import type { CompiledSequence } from '../model/definition.js';
import type { CompiledApi, CompiledProxy } from '../artifacts/types.js';
import { Deployment, type DeployResult, type SourceFile } from './deployment.js';
import { runSequence, handleFault, isHostError } from './flow.js';
import { selectApi, selectResource } from './dispatch.js';
import { parseQuery } from './uri-template-match.js';
import { responseFromContext, unhandledFaultResponse, simpleResponse, type EngineResponse } from './responses.js';
import { utf8, fromUtf8, base64Decode } from '../core/bytes.js';
import { builderFor } from '../core/content-type.js';
import { DataServiceHost, type CompiledDataService } from '../dataservices/host.js';
import type { DataSourceProvider } from '../dataservices/driver.js';

export interface RegistryProvider {
  /** Text of a registry resource by key (`gov:a/b.xml`, `conf:x`, `/_system/governance/...`). */
  get(key: string): string | undefined;
  property(key: string, name: string): string | undefined;
}

export interface EngineOptions {
  logger?: Logger;
  httpClient: HttpClient;
  /** Senders for broker address URIs (engine/node/transports), by scheme. */
  brokerSenders?: BrokerSenders;
  hooks?: FlowHooks[];
  registry?: RegistryProvider;
  configProperties?: Record<string, string>;
  env?: Record<string, string | undefined>;
  now?: () => number;
  /** Sandbox for the script mediator (the Node host passes its vm-based runner). */
  scriptRunner?: ScriptRunner;
  /** The user store API handlers authenticate against (user -> password); MI's default is admin/admin. */
  users?: Record<string, string>;
  /** Reads a local entry's `src` URL (file: URLs relative to the project); undefined when it cannot. */
  readSource?: (src: string) => string | undefined;
  /** Databases for data services (engine/node/db); without it a data service answers CONNECTION_UNAVAILABLE_ERROR. */
  dataSources?: DataSourceProvider;
  /** The OpenAPI document a project or CAR carries for an API (api-definitions/, `_swagger` metadata), by API name. */
  apiDefinition?: (apiName: string, version?: string) => { text: string; origin: string } | undefined;
}

export interface InboundRequest {
  method: string;
  /** Path and query, e.g. `/orders/1?x=2`. */
  url: string;
  headers: HeaderMap;
  body: BodySource;
  remoteAddress?: string;
  protocol?: 'http' | 'https';
  /** Set when an inbound endpoint or task injected the message (`inbound:Name`, `task:Name`): `inbound.only` proxies accept only these. */
  via?: string;
  /** Message context properties set before mediation starts (IS_INBOUND, INBOUND_ENDPOINT_NAME, task.name ...). */
  properties?: Record<string, unknown>;
}

/** Where an inbound endpoint or a task sends what it injects (see engine/inbound). */
export interface InjectionTarget {
  /** A sequence; when it is not deployed (or not given) the main sequence runs, as MI's inbound HTTP worker does. */
  sequence?: string;
  /** The fault sequence for errors in that sequence; MI's default `fault` when absent. */
  onError?: string;
  /** Run this proxy service's flows instead of a sequence. */
  proxy?: string;
  /** MI's dispatch.filter.pattern: a matching URI dispatches to APIs and proxies like the main port; any other goes to main. */
  dispatchPattern?: RegExp;
  /** With `proxy`: the message is a later response to what that proxy sent (a FIX session's further execution reports); only its outSequence runs. */
  response?: boolean;
}

export class Engine {
  readonly logger: Logger;
  readonly deployment: Deployment;
  /** What message contexts of this engine reach (hosts' message processors build contexts with it). */
  readonly services: RuntimeServices;
  /** Data services' pools and request handling (`/services/<Name>` of a .dbs). */
  readonly dataServices: DataServiceHost;
  private inFlight = 0;
  private idleWaiters: (() => void)[] = [];
  private readonly deploymentListeners = new Set<() => void>();

  constructor(private readonly options: EngineOptions) {
    this.logger = options.logger ?? silentLogger;
    const registry = options.registry;
    this.deployment = new Deployment(
      (key) => registry?.get(key) !== undefined,
      (kind, name) => kind === 'data-source' && options.dataSources?.named(name) !== undefined,
    );
    const self = this;
    const env = options.env ?? {};
    this.services = {
      logger: this.logger,
      hooks: options.hooks ?? [],
      httpClient: options.httpClient,
      brokerSenders: options.brokerSenders,
      scriptRunner: options.scriptRunner,
      localEntry: (key) => self.localEntry(key),
      registryResource(key) {
        const le = self.localEntry(key);
        if (le) return le.kind === 'text' ? le.text : serialize(le.element);
        return registry?.get(key);
      },
      registryProperty: (key, prop) => registry?.property(key, prop),
      config: (name) => options.configProperties?.[name] ?? env[name],
      env: (name) => env[name],
      systemProperty: () => undefined,
      now: options.now ?? Date.now,
      lookup: (kind, name) => self.lookup(kind, name),
    };
    this.dataServices = new DataServiceHost({
      provider: options.dataSources,
      carbon: (name) => {
        const a = self.deployment.get('data-source', name);
        return a?.kind === 'data-source' ? a.value : undefined;
      },
      registry: (key) => self.services.registryResource(key),
      logger: this.logger,
    });
  }

  get hooks(): FlowHooks[] {
    return this.services.hooks as FlowHooks[];
  }

  /** Deploys (or redeploys) a batch of artifact files. */
  deploy(files: SourceFile[]): DeployResult {
    const result = this.deployment.apply(files);
    this.apiList = undefined;
    for (const d of result.deployed) this.logger.log('info', `${labelOf(d.kind)} named '${d.name}' has been deployed from file : ${d.file}`, { component: 'DeploymentEngine' });
    for (const f of result.failed) this.logger.log('error', `Deployment of ${f.file} failed: ${f.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.line}:${d.col} ${d.code} ${d.message}`).join('; ')}`, { component: 'DeploymentEngine' });
    this.notifyDeploymentChange();
    return result;
  }

  /** Called after every deploy and undeploy (inbound endpoints and tasks start and stop on it). Returns an unsubscribe. */
  onDeploymentChange(listener: () => void): () => void {
    this.deploymentListeners.add(listener);
    return () => this.deploymentListeners.delete(listener);
  }

  private notifyDeploymentChange(): void {
    for (const l of this.deploymentListeners) l();
  }

  undeploy(file: string): void {
    const a = this.deployment.remove(file);
    this.apiList = undefined;
    if (a) this.logger.log('info', `${labelOf(a.kind)} named '${a.name}' has been undeployed`, { component: 'DeploymentEngine' });
    this.notifyDeploymentChange();
  }

  private readonly sourceCache = new Map<string, LocalEntryValue | undefined>();

  private localEntry(key: string): LocalEntryValue | undefined {
    const a = this.deployment.get('local-entry', key);
    if (!a || a.kind !== 'local-entry') return undefined;
    if (a.src === undefined) return a.value;
    if (!this.sourceCache.has(a.src)) {
      const text = this.options.readSource?.(a.src);
      this.sourceCache.set(a.src, text === undefined ? undefined : { kind: 'text', text });
      if (text === undefined) this.logger.log('error', `Local entry ${key}: cannot read src ${a.src}`, { component: 'LocalEntry' });
    }
    return this.sourceCache.get(a.src);
  }

  lookup(kind: LookupKind, name: string): unknown {
    switch (kind) {
      case 'sequence': {
        const a = this.deployment.get('sequence', name);
        if (a) return a.value;
        const le = this.deployment.get('local-entry', name);
        if (le && le.kind === 'local-entry' && le.sequence) return le.sequence;
        if (name === 'fault') return DEFAULT_FAULT_SEQUENCE;
        return undefined;
      }
      case 'endpoint': {
        const a = this.deployment.get('endpoint', name);
        if (a) return a.value;
        const le = this.deployment.get('local-entry', name);
        return le && le.kind === 'local-entry' ? le.endpoint : undefined;
      }
      default:
        return this.deployment.get(kind, name)?.value;
    }
  }

  /** Deployed APIs, rebuilt only after a deploy or undeploy (dispatch reads it on every request). */
  private apiList: CompiledApi[] | undefined;

  apis(): CompiledApi[] {
    this.apiList ??= this.deployment
      .all()
      .filter((a) => a.kind === 'api')
      .map((a) => a.value as CompiledApi);
    return this.apiList;
  }

  /** Resolves when no request is in flight (graceful shutdown). */
  async idle(): Promise<void> {
    if (this.inFlight === 0) return;
    await new Promise<void>((r) => this.idleWaiters.push(r));
  }

  /** Handles one HTTP request end to end. Never throws for user input. */
  async handle(req: InboundRequest): Promise<EngineResponse> {
    this.inFlight++;
    try {
      return await this.dispatch(req);
    } finally {
      this.inFlight--;
      if (this.inFlight === 0) for (const w of this.idleWaiters.splice(0)) w();
    }
  }

  /**
   * Handles a message an inbound endpoint or task injected (req.via says which), sent where
   * `target` says. Resolves with the flow's answer (what an HTTP inbound writes back). Never
   * throws for user input; a proxy that is not deployed is an Error naming it.
   */
  async handleInjected(req: InboundRequest, target: InjectionTarget): Promise<EngineResponse> {
    this.inFlight++;
    try {
      if (target.proxy !== undefined) {
        const p = this.deployment.get('proxy', target.proxy);
        if (!p || p.kind !== 'proxy') throw new Error(`Proxy Service: ${target.proxy} not found`);
        if (target.response) return await this.runProxyResponse(p.value, req);
        return await this.runProxy(p.value, req, '');
      }
      if (target.dispatchPattern) {
        // Java's String.matches: the whole URI (path and query).
        if (wholeMatch(target.dispatchPattern, req.url)) return await this.dispatch(req);
        return await this.runInjectedSequence(req, 'main', undefined);
      }
      return await this.runInjectedSequence(req, target.sequence, target.onError);
    } finally {
      this.inFlight--;
      if (this.inFlight === 0) for (const w of this.idleWaiters.splice(0)) w();
    }
  }

  private async dispatch(req: InboundRequest): Promise<EngineResponse> {
    const queryAt = req.url.indexOf('?');
    const path = queryAt < 0 ? req.url : req.url.slice(0, queryAt);
    if (path.startsWith('/odata/')) return this.serveOData(req, path);
    if (path === '/services' || path.startsWith('/services/')) {
      const rest = path.slice('/services/'.length);
      // The service name ends at the first '/' (a sub-path) or '.' (e.g. `Name.SOAP11Endpoint`).
      let nameEnd = rest.length;
      const slash = rest.indexOf('/');
      const dot = rest.indexOf('.');
      if (slash >= 0) nameEnd = slash;
      if (dot >= 0 && dot < nameEnd) nameEnd = dot;
      const name = rest.slice(0, nameEnd);
      const proxyArtifact = this.deployment.get('proxy', name);
      // inbound.only proxies are served only to inbound endpoints (MI hides them on the main port).
      if (proxyArtifact && proxyArtifact.kind === 'proxy' && (!proxyArtifact.value.inboundOnly || req.via !== undefined)) return this.runProxy(proxyArtifact.value, req, rest.slice(name.length));
      const dataService = this.deployment.get('data-service', name);
      if (dataService && dataService.kind === 'data-service') return this.serveDataService(dataService.value, req, rest.slice(name.length));
      return simpleResponse(404, '', undefined);
    }
    const host = req.headers.get('host');
    if (queryAt >= 0 && req.method.toUpperCase() === 'GET') {
      const format = /^swagger\.(json|yaml)$/i.exec(req.url.slice(queryAt + 1))?.[1]?.toLowerCase() as 'json' | 'yaml' | undefined;
      const api = format ? this.apiNamed(path.slice(1)) : undefined;
      if (api) return this.apiSwagger(api, format!, host);
    }
    const match = selectApi(this.apis(), req.url, host);
    if (!match) {
      const main = this.deployment.get('sequence', 'main');
      if (main && main.kind === 'sequence') return this.runFlow(req, { artifact: 'sequence:main' }, async (ctx) => {
        await runSequence(main.value, ctx);
      });
      this.logger.log('warn', `No API or proxy service matches ${req.method} ${req.url}`, { component: 'RESTRequestHandler' });
      return simpleResponse(404);
    }
    const { api, subPath } = match;
    const refused = this.applyHandlers(api, req);
    if (refused) return refused;
    const result = selectResource(api, { method: req.method.toUpperCase(), subPath, protocol: req.protocol ?? 'http', contentType: req.headers.get('content-type'), userAgent: req.headers.get('user-agent') });
    if (result.kind !== 'match') {
      const handlerName = result.kind === 'method-not-allowed' ? '_method_not_allowed_handler_' : '_resource_mismatch_handler_';
      const handler = this.deployment.get('sequence', handlerName) ?? (result.kind === 'method-not-allowed' ? undefined : undefined);
      if (handler && handler.kind === 'sequence') {
        return this.runFlow(req, { artifact: `api:${api.name}` }, async (ctx) => {
          setRestProperties(ctx, api, subPath, req, {});
          await runSequence(handler.value, ctx);
        });
      }
      this.logger.log('info', `No matching resource found in API ${api.name} for ${req.method} ${req.url}`, { component: 'RESTRequestHandler' });
      return simpleResponse(result.kind === 'method-not-allowed' ? 405 : 404);
    }
    const resource = result.resource;
    return this.runFlow(req, { artifact: `api:${api.name}`, outSequence: resource.outSequence, faultSequence: resource.faultSequence }, async (ctx) => {
      setRestProperties(ctx, api, subPath, req, result.uriVars);
      if (!resource.inSequence) return;
      try {
        await runSequence(resource.inSequence, ctx);
      } catch (e) {
        if (isHostError(e)) throw e;
        await handleFault(e, ctx, resource.faultSequence ?? this.faultSequence(), `api:${api.name}`);
      }
    });
  }

  private runInjectedSequence(req: InboundRequest, sequence: string | undefined, onError: string | undefined): Promise<EngineResponse> {
    const wanted = sequence !== undefined ? (this.lookup('sequence', sequence) as CompiledSequence | undefined) : undefined;
    const name = wanted ? sequence! : 'main';
    const seq = wanted ?? (this.lookup('sequence', 'main') as CompiledSequence | undefined);
    const fault = onError !== undefined ? (this.lookup('sequence', onError) as CompiledSequence | undefined) : undefined;
    const artifact = `sequence:${name}`;
    return this.runFlow(req, { artifact, faultSequence: fault }, async (ctx) => {
      if (!seq) {
        this.logger.log('warn', `${req.via ?? 'An inbound message'}: neither sequence ${sequence ?? ''} nor main is deployed; the message is dropped`, { component: 'InboundEndpoint' });
        return;
      }
      try {
        await runSequence(seq, ctx);
      } catch (e) {
        if (isHostError(e)) throw e;
        await handleFault(e, ctx, fault ?? this.faultSequence(), artifact);
      }
    });
  }

  private async serveOData(req: InboundRequest, path: string): Promise<EngineResponse> {
    const body = fromUtf8(await req.body.read());
    const q = req.url.indexOf('?');
    const find = (name: string) => {
      const a = this.deployment.get('data-service', name);
      return a?.kind === 'data-service' ? a.value : undefined;
    };
    const res = await this.dataServices.odata(find, { method: req.method, path, subPath: path, query: q < 0 ? '' : req.url.slice(q + 1), header: (n) => req.headers.get(n), body });
    return { status: res.status, headers: res.headers, body: utf8(res.body) };
  }

  private async serveDataService(service: CompiledDataService, req: InboundRequest, subPath: string): Promise<EngineResponse> {
    const body = fromUtf8(await req.body.read());
    const q = req.url.indexOf('?');
    const res = await this.dataServices.serve(service, { method: req.method, subPath, query: q < 0 ? '' : req.url.slice(q + 1), header: (n) => req.headers.get(n), body });
    return { status: res.status, headers: res.headers, body: utf8(res.body) };
  }

  /** API handlers, before resource dispatch. Basic auth checks the user store (MI's default: admin/admin). */
  private applyHandlers(api: CompiledApi, req: InboundRequest): EngineResponse | undefined {
    for (const h of api.handlers) {
      if (h.kind !== 'basic-auth') continue;
      const header = req.headers.get('authorization') ?? '';
      const m = /^Basic\s+(.+)$/i.exec(header.trim());
      const decoded = m ? fromUtf8(base64Decode(m[1]!)) : '';
      const colon = decoded.indexOf(':');
      const users = this.options.users ?? { admin: 'admin' };
      const ok = colon > 0 && Object.prototype.hasOwnProperty.call(users, decoded.slice(0, colon)) && users[decoded.slice(0, colon)] === decoded.slice(colon + 1);
      if (!ok) {
        this.logger.log('warn', `Basic authentication failed for API ${api.name}`, { component: 'RESTBasicAuthHandler' });
        return { status: 401, headers: [['WWW-Authenticate', `Basic realm="${h.realm}"`]], body: new Uint8Array() };
      }
    }
    return undefined;
  }

  private faultSequence(): CompiledSequence {
    return (this.lookup('sequence', 'fault') as CompiledSequence | undefined) ?? DEFAULT_FAULT_SEQUENCE;
  }

  private async runProxy(proxy: CompiledProxy, req: InboundRequest, subPath: string): Promise<EngineResponse> {
    const query = req.url.includes('?') ? req.url.slice(req.url.indexOf('?') + 1) : '';
    if (req.method === 'GET' && /^(wsdl|wsdl2)$/i.test(query)) return this.proxyWsdl(proxy, req.headers.get('host'));
    const artifact = `proxy:${proxy.name}`;
    return this.runFlow(req, { artifact, outSequence: proxy.outSequence, faultSequence: proxy.faultSequence }, async (ctx) => {
      ctx.axis2.set('REST_URL_POSTFIX', subPath + (query ? `?${query}` : ''));
      ctx.properties.set('proxy.name', proxy.name);
      try {
        const outcome = proxy.inSequence ? await runSequence(proxy.inSequence, ctx) : 'continue';
        if (outcome === 'continue' && proxy.endpoint && !ctx.responded) {
          // The target endpoint is a send: with OUT_ONLY the response is not mediated (the client gets 202 if nothing answered).
          const outOnly = ctx.properties.get('OUT_ONLY');
          await proxy.endpoint(ctx).send(ctx, {});
          if (outOnly === true || String(outOnly).toLowerCase() === 'true') return;
          if (proxy.outSequence) await runSequence(proxy.outSequence, ctx);
          else await ctx.sendResponse();
        }
      } catch (e) {
        if (isHostError(e)) throw e;
        await handleFault(e, ctx, proxy.faultSequence ?? this.faultSequence(), artifact);
      }
    });
  }

  /** A response that arrived after the proxy's flow had its first one: the outSequence (or, without one, straight back). */
  private async runProxyResponse(proxy: CompiledProxy, req: InboundRequest): Promise<EngineResponse> {
    const artifact = `proxy:${proxy.name}`;
    return this.runFlow(req, { artifact, outSequence: proxy.outSequence, faultSequence: proxy.faultSequence }, async (ctx) => {
      ctx.properties.set('proxy.name', proxy.name);
      ctx.isResponse = true;
      try {
        if (proxy.outSequence) await runSequence(proxy.outSequence, ctx);
        else await ctx.sendResponse();
      } catch (e) {
        if (isHostError(e)) throw e;
        await handleFault(e, ctx, proxy.faultSequence ?? this.faultSequence(), artifact);
      }
    });
  }

  /** An API by its name as MI's swagger URL gives it (`Name`, or `Name:v1.0.0` for a versioned one). */
  private apiNamed(name: string): CompiledApi | undefined {
    let decoded: string;
    try {
      decoded = decodeURIComponent(name);
    } catch {
      return undefined;
    }
    return this.apis().find((a) => (a.version ? `${a.name}:v${a.version}` : a.name) === decoded || (!a.version && a.name === decoded));
  }

  /**
   * `?swagger.json|yaml` of an API, served by API name as MI does (not by context): its
   * publishSwagger document, else the one its project or CAR carries, else the generated one.
   */
  private apiSwagger(api: CompiledApi, format: 'json' | 'yaml', host: string | undefined): EngineResponse {
    let own: { text: string; origin: string } | undefined;
    if (api.publishSwagger) {
      const text = this.services.registryResource(api.publishSwagger);
      if (text === undefined) {
        this.logger.log('error', `API ${api.name}: the swagger document ${api.publishSwagger} (publishSwagger) is not in the registry`, { component: 'SwaggerGenerator' });
        return simpleResponse(404, '', undefined);
      }
      own = { text, origin: api.publishSwagger };
    } else own = this.options.apiDefinition?.(api.name, api.version);
    const answer = swaggerAnswer(own, () => generatedOpenApi(api, `http://${host ?? 'localhost:8290'}`), format);
    if (answer.status !== 200) this.logger.log('error', `API ${api.name}: ${answer.body}`, { component: 'SwaggerGenerator' });
    return { status: answer.status, headers: [['Content-Type', answer.contentType]], body: utf8(answer.body) };
  }

  private readonly fetchedWsdl = new Map<string, string>();

  /**
   * `?wsdl`: the proxy's publishWSDL (inline, registry key, file: or http(s): URI), with its
   * service addresses rewritten to the proxy's own, as MI publishes it.
   */
  private async proxyWsdl(proxy: CompiledProxy, host: string | undefined): Promise<EngineResponse> {
    const w = proxy.wsdl;
    let text = w?.inline ?? (w?.key ? this.services.registryResource(w.key) : undefined);
    if (text === undefined && w?.uri) text = /^https?:/i.test(w.uri) ? await this.fetchWsdl(w.uri) : this.options.readSource?.(w.uri);
    if (!text) return simpleResponse(404, '', undefined);
    const epr = `http://${host ?? 'localhost:8290'}/services/${proxy.name}`;
    const rewritten = text.replace(/(<(?:[\w-]+:)?address\b[^>]*\blocation=)(["'])[^"']*\2/g, `$1$2${epr}$2`);
    return { status: 200, headers: [['Content-Type', 'text/xml; charset=UTF-8']], body: utf8(rewritten) };
  }

  private async fetchWsdl(uri: string): Promise<string | undefined> {
    const cached = this.fetchedWsdl.get(uri);
    if (cached !== undefined) return cached;
    try {
      const res = await this.options.httpClient.send({ method: 'GET', url: uri, headers: new HeaderMap(), timeoutMs: 10000 });
      const text = fromUtf8(await res.body.read());
      if (res.status !== 200) return undefined;
      this.fetchedWsdl.set(uri, text);
      return text;
    } catch (e) {
      this.logger.log('warn', `Cannot read the WSDL ${uri}: ${e instanceof Error ? e.message : String(e)}`, { component: 'ProxyService' });
      return undefined;
    }
  }

  /**
   * Runs a flow for one request and produces its answer: the first response
   * the flow sends; otherwise 202 Accepted after a drop (MI's pass-through
   * behaviour), or 500 after an unanswered fault.
   */
  private async runFlow(req: InboundRequest, owner: MessageContext['flow'], body: (ctx: MessageContext) => Promise<void>): Promise<EngineResponse> {
    const message = Message.fromSource(req.headers.get('content-type') ?? undefined, req.body);
    const ctx = new MessageContext(this.services, message, { method: req.method.toUpperCase(), url: req.url, remoteAddress: req.remoteAddress, transport: req.protocol ?? 'http' }, req.headers);
    ctx.flow = owner;
    ctx.to = req.url;
    if (req.properties) for (const [k, v] of Object.entries(req.properties)) ctx.properties.set(k, v);
    const requestBuilder = builderFor(req.headers.get('content-type'));
    ctx.doingRest = req.method.toUpperCase() === 'GET' || !(requestBuilder === 'soap11' || requestBuilder === 'soap12');
    const soapAction = req.headers.get('soapaction');
    if (soapAction !== undefined) ctx.soapAction = soapAction.replace(/^"|"$/g, '');
    const requestHeaderNames = req.headers.names();
    let resolveResponse!: (r: EngineResponse) => void;
    const response = new Promise<EngineResponse>((r) => (resolveResponse = r));
    ctx.responder = async (c) => {
      try {
        resolveResponse(await responseFromContext(c, requestHeaderNames));
      } catch (e) {
        if (e instanceof PayloadTooLargeError) resolveResponse(tooLarge(e));
        else throw e;
      }
    };
    const done = (async () => {
      try {
        await body(ctx);
      } catch (e) {
        if (e instanceof PayloadTooLargeError) {
          resolveResponse(tooLarge(e));
          return;
        }
        this.logger.log('error', `Unexpected failure in ${owner?.artifact ?? 'flow'}: ${e instanceof Error ? e.stack ?? e.message : String(e)}`, { component: 'Engine' });
        resolveResponse(unhandledFaultResponse(ctx, req.headers.get('content-type'), req.headers.get('accept')));
        return;
      }
      // Copies still in flight (clone continueParent) or aggregations may still answer the client.
      if (!ctx.responded) await ctx.drainPending();
      if (!ctx.responded) {
        if (ctx.isFault) resolveResponse(unhandledFaultResponse(ctx, req.headers.get('content-type'), req.headers.get('accept')));
        else resolveResponse(simpleResponse(202));
      }
    })();
    void done;
    return response;
  }

  /** Runs a named sequence on a message that did not come from HTTP (tasks, inbound endpoints, tests). */
  async inject(sequenceName: string, message: Message, headers?: HeaderMap): Promise<MessageContext> {
    const seq = this.lookup('sequence', sequenceName) as CompiledSequence | undefined;
    if (!seq) throw new Error(`sequence ${sequenceName} is not deployed`);
    const ctx = new MessageContext(this.services, message, { method: 'POST', url: '/', transport: 'internal' }, headers);
    ctx.flow = { artifact: `sequence:${sequenceName}` };
    try {
      await runSequence(seq, ctx);
    } catch (e) {
      await handleFault(e, ctx, this.faultSequence(), `sequence:${sequenceName}`);
    }
    return ctx;
  }
}

function wholeMatch(pattern: RegExp, text: string): boolean {
  const m = new RegExp(`^(?:${pattern.source})$`, pattern.flags.replace('g', '')).exec(text);
  return m !== null;
}

function tooLarge(e: PayloadTooLargeError): EngineResponse {
  return { status: 413, headers: [['Content-Type', 'application/json; charset=UTF-8'], ['Connection', 'close']], body: utf8(JSON.stringify({ Error: { code: '413', message: e.message } })) };
}

function setRestProperties(ctx: MessageContext, api: CompiledApi, subPath: string, req: InboundRequest, uriVars: Record<string, string>): void {
  ctx.properties.set('REST_API_CONTEXT', api.context);
  ctx.properties.set('REST_FULL_REQUEST_PATH', req.url);
  ctx.properties.set('REST_SUB_REQUEST_PATH', subPath);
  ctx.properties.set('REST_METHOD', req.method.toUpperCase());
  ctx.properties.set('SYNAPSE_REST_API', api.version ? `${api.name}:v${api.version}` : api.name);
  if (api.version) ctx.properties.set('SYNAPSE_REST_API_VERSION', api.version);
  ctx.axis2.set('REST_URL_POSTFIX', subPath === '/' ? '' : subPath);
  for (const [k, v] of Object.entries(uriVars)) ctx.properties.set(`uri.var.${k}`, v);
  const q = subPath.indexOf('?');
  if (q >= 0) for (const [k, v] of parseQuery(subPath.slice(q + 1))) ctx.properties.set(`query.param.${k}`, v);
}

function labelOf(kind: string): string {
  const labels: Record<string, string> = { api: 'API', proxy: 'ProxyService', sequence: 'Sequence', endpoint: 'Endpoint', 'local-entry': 'LocalEntry', template: 'Template' };
  return labels[kind] ?? kind;
}

function serialize(el: Element): string {
  return String((el as unknown as { toString(): string }).toString());
}

/** MI's default `fault` sequence: logs the error (the transport then answers the client). */
const faultLogStep: Step = {
  kind: 'log',
  path: 'sequence:fault/0',
  loc: { line: 1, col: 1 },
  contentAware: false,
  async run(ctx) {
    ctx.services.logger.log('error', `MESSAGE = Executing default 'fault' sequence, ERROR_CODE = ${String(ctx.properties.get('ERROR_CODE') ?? '')}, ERROR_MESSAGE = ${String(ctx.properties.get('ERROR_MESSAGE') ?? '')}`, { component: 'LogMediator', artifact: 'sequence:fault' });
    return 'continue';
  },
};
const DEFAULT_FAULT_SEQUENCE: CompiledSequence = { name: 'fault', path: 'sequence:fault', steps: [faultLogStep] };
