/**
 * REST dispatch exactly as reference §6: API selection in two passes, then
 * resource selection by url-mapping (exact, longest prefix, extension), then
 * uri-template in declaration order, then the default resource.
 */
import type { ApiResource, CompiledApi } from '../artifacts/types.js';
import { compileUriTemplate, type CompiledUriTemplate } from './uri-template-match.js';

export interface ApiMatch {
  api: CompiledApi;
  /** Request path after the context (and the version for url versioning), with the query; '/' when empty. */
  subPath: string;
}

export function selectApi(apis: readonly CompiledApi[], pathAndQuery: string, host: string | undefined): ApiMatch | undefined {
  const versioned = apis.filter((a) => a.versionType && a.context !== '/');
  for (const api of versioned) {
    const m = canProcess(api, pathAndQuery, host);
    if (m) return m;
  }
  for (const api of apis) {
    if (api.context === '/') continue;
    const m = canProcess(api, pathAndQuery, host);
    if (m) return m;
  }
  // An API at context "/" is the default: it is tried only when no other API matched.
  for (const api of apis) {
    if (api.context !== '/') continue;
    const m = canProcess(api, pathAndQuery, host);
    if (m) return m;
  }
  return undefined;
}

function canProcess(api: CompiledApi, pathAndQuery: string, host: string | undefined): ApiMatch | undefined {
  const ctx = api.context;
  let rest: string;
  if (ctx === '/') rest = pathAndQuery;
  else if (pathAndQuery === ctx) rest = '';
  else if (pathAndQuery.startsWith(ctx + '/') || pathAndQuery.startsWith(ctx + '?')) rest = pathAndQuery.slice(ctx.length);
  else return undefined;
  if (api.versionType === 'url') {
    const prefix = `/${api.version}`;
    if (rest === prefix) rest = '';
    else if (rest.startsWith(prefix + '/') || rest.startsWith(prefix + '?')) rest = rest.slice(prefix.length);
    else return undefined;
  }
  if (api.hostname && host) {
    const [h, p] = host.split(':');
    if (h!.toLowerCase() !== api.hostname.toLowerCase()) return undefined;
    if (api.port !== undefined && Number(p ?? 80) !== api.port) return undefined;
  }
  if (rest === '' || rest.startsWith('?')) rest = '/' + rest;
  return { api, subPath: rest };
}

export type ResourceResult =
  | { kind: 'match'; resource: ApiResource; uriVars: Record<string, string> }
  | { kind: 'method-not-allowed' }
  | { kind: 'not-found' };

const templateCache = new WeakMap<ApiResource, CompiledUriTemplate>();

function templateOf(r: ApiResource): CompiledUriTemplate {
  let t = templateCache.get(r);
  if (!t) {
    t = compileUriTemplate(r.uriTemplate!);
    templateCache.set(r, t);
  }
  return t;
}

export interface RequestFacts {
  method: string;
  subPath: string;
  protocol: 'http' | 'https';
  contentType?: string;
  userAgent?: string;
}

export function selectResource(api: CompiledApi, req: RequestFacts): ResourceResult {
  const candidates = api.resources.filter((r) => methodAllows(r, req.method) && protocolAllows(r, req.protocol) && constraintsAllow(r, req));
  const ordered = [...candidates.filter((r) => r.methods.length === 1 && r.methods[0] === 'OPTIONS'), ...candidates.filter((r) => !(r.methods.length === 1 && r.methods[0] === 'OPTIONS'))];
  const hit = dispatch(ordered, req.subPath);
  if (hit) return { kind: 'match', ...hit };
  // Does the path match some resource with another method? Then 405, else 404.
  if (dispatch(api.resources, req.subPath)) return { kind: 'method-not-allowed' };
  return { kind: 'not-found' };
}

function dispatch(resources: readonly ApiResource[], subPath: string): { resource: ApiResource; uriVars: Record<string, string> } | undefined {
  const path = subPath.split('?')[0]!;
  const mapped = resources.filter((r) => r.urlMapping !== undefined);
  // a. exact
  for (const r of mapped) {
    const m = r.urlMapping!;
    if (!m.includes('*') && stripSlash(m) === stripSlash(path)) return { resource: r, uriVars: {} };
  }
  // b. longest prefix /a/b/*
  let best: ApiResource | undefined;
  let bestLen = -1;
  for (const r of mapped) {
    const m = r.urlMapping!;
    if (!m.endsWith('/*')) continue;
    const prefix = m.slice(0, -2);
    if (prefix === '' || path === prefix || path.startsWith(prefix + '/')) {
      if (prefix.length > bestLen) {
        best = r;
        bestLen = prefix.length;
      }
    }
  }
  if (best) return { resource: best, uriVars: {} };
  // c. extension *.ext
  for (const r of mapped) {
    const m = r.urlMapping!;
    if (m.startsWith('*.') && path.endsWith(m.slice(1))) return { resource: r, uriVars: {} };
  }
  for (const r of resources) {
    if (r.uriTemplate === undefined) continue;
    const vars = templateOf(r).match(subPath);
    if (vars) return { resource: r, uriVars: vars };
  }
  const dflt = resources.find((r) => r.uriTemplate === undefined && r.urlMapping === undefined);
  return dflt ? { resource: dflt, uriVars: {} } : undefined;
}

function stripSlash(s: string): string {
  return s.length > 1 && s.endsWith('/') ? s.slice(0, -1) : s;
}

function methodAllows(r: ApiResource, method: string): boolean {
  return r.methods.length === 0 || r.methods.includes(method) || method === 'OPTIONS';
}

function protocolAllows(r: ApiResource, protocol: string): boolean {
  return !r.protocol || r.protocol.split(/\s+/).includes(protocol);
}

function constraintsAllow(r: ApiResource, req: RequestFacts): boolean {
  if (r.contentType && req.contentType && !req.contentType.toLowerCase().startsWith(r.contentType.toLowerCase())) return false;
  if (r.userAgent && req.userAgent !== undefined && !r.userAgent.test(req.userAgent)) return false;
  return true;
}
