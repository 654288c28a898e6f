/**
 * The suite's mock services: one real HTTP server per `<mock-service>` on its
 * declared port (127.0.0.1, and ::1 where the machine has it, so endpoints
 * written with `localhost` reach it either way), answering its resources.
 *
 * A request matches a resource when the method is the same, the path equals
 * `<context><sub-context>` (a trailing `/` aside) and the query has the same
 * parameters (in any order); when the resource lists request headers or a
 * payload, those must match too (the payload compared as assertEquals
 * compares). Anything else gets 404 with a text saying what the mock offers.
 *
 * MI also redirects calls of the endpoint named like the mock to the mock
 * when their path and query match; `route()` does the same by path and query
 * (the outbound client does not know which endpoint sends).
 */
import http from 'node:http';
import type { MockResource, MockSpec } from './suite-model.js';
import { judgeEquals } from './compare.js';

export interface MockCall {
  service: string;
  method: string;
  url: string;
  /** Index of the resource that answered, or -1 (404). */
  resource: number;
}

export interface RunningMocks {
  readonly calls: MockCall[];
  /** The mock URL an outbound request should go to instead, when one of the mocks serves its path and query. */
  route(method: string, url: string): string | undefined;
  close(): Promise<void>;
}

export type StartResult = { ok: true; mocks: RunningMocks } | { ok: false; mock: MockSpec; message: string };

export async function startMockServices(specs: MockSpec[]): Promise<StartResult> {
  const servers: http.Server[] = [];
  const calls: MockCall[] = [];
  const closeAll = () => Promise.all(servers.map((s) => new Promise<void>((r) => { s.closeAllConnections(); s.close(() => r()); }))).then(() => undefined);
  for (const spec of specs) {
    const handler = (req: http.IncomingMessage, res: http.ServerResponse) => void answer(spec, req, res, calls);
    const primary = http.createServer(handler);
    const error = await listen(primary, spec.info.port, '127.0.0.1');
    if (error) {
      await closeAll();
      const why = (error as NodeJS.ErrnoException).code === 'EADDRINUSE' ? `port ${spec.info.port} is already in use` : error.message;
      return { ok: false, mock: spec, message: `mock service ${spec.info.name} cannot start: ${why}` };
    }
    servers.push(primary);
    const v6 = http.createServer(handler);
    if (!(await listen(v6, spec.info.port, '::1'))) servers.push(v6);
  }
  return {
    ok: true,
    mocks: {
      calls,
      route(method, url) {
        let parsed: URL;
        try {
          parsed = new URL(url);
        } catch {
          return undefined;
        }
        for (const spec of specs) {
          if (spec.resources.some((r) => r.method === method.toUpperCase() && pathMatches(spec.info.context, r, parsed.pathname, parsed.search))) {
            const target = `http://127.0.0.1:${spec.info.port}${parsed.pathname}${parsed.search}`;
            return target === url ? undefined : target;
          }
        }
        return undefined;
      },
      close: closeAll,
    },
  };
}

function listen(server: http.Server, port: number, host: string): Promise<Error | undefined> {
  return new Promise((resolve) => {
    const onError = (e: Error) => resolve(e);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve(undefined);
    });
  });
}

function splitTarget(target: string): { path: string; query: string } {
  const q = target.indexOf('?');
  return q < 0 ? { path: target, query: '' } : { path: target.slice(0, q), query: target.slice(q + 1) };
}

function trimSlash(p: string): string {
  return p.length > 1 && p.endsWith('/') ? p.slice(0, -1) : p;
}

function sameQuery(a: string, b: string): boolean {
  const norm = (q: string) => [...new URLSearchParams(q)].map(([k, v]) => `${k}=${v}`).sort().join('&');
  return norm(a) === norm(b);
}

function pathMatches(context: string, r: MockResource, path: string, search: string): boolean {
  const sub = r.subContext === '' || r.subContext.startsWith('/') || r.subContext.startsWith('?') ? r.subContext : `/${r.subContext}`;
  const want = splitTarget((context === '/' ? '' : context) + sub);
  return trimSlash(decodeURIComponent(want.path || '/')) === trimSlash(decodeURIComponent(path || '/')) && sameQuery(want.query, search.replace(/^\?/, ''));
}

async function answer(spec: MockSpec, req: http.IncomingMessage, res: http.ServerResponse, calls: MockCall[]): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const body = Buffer.concat(chunks).toString('utf8');
  const { path, query } = splitTarget(req.url ?? '/');
  const index = spec.resources.findIndex((r) => r.method === req.method && pathMatches(spec.info.context, r, path, query ? `?${query}` : '') && requestMatches(r, req, body));
  calls.push({ service: spec.info.name, method: req.method ?? '', url: req.url ?? '', resource: index });
  const r = spec.resources[index];
  if (!r) {
    const offered = spec.resources.map((x) => `${x.method} ${spec.info.context === '/' ? '' : spec.info.context}${x.subContext}`).join(', ') || 'nothing';
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=UTF-8' });
    res.end(`mock service ${spec.info.name} has no resource for ${req.method} ${req.url} (it serves: ${offered})`);
    return;
  }
  const headers: Record<string, string> = {};
  for (const h of r.response.headers) headers[h.name] = h.value;
  if (!Object.keys(headers).some((k) => k.toLowerCase() === 'content-type') && r.response.payload) headers['Content-Type'] = guessType(r.response.payload);
  res.writeHead(r.response.status, headers);
  res.end(req.method === 'HEAD' ? undefined : r.response.payload);
}

function requestMatches(r: MockResource, req: http.IncomingMessage, body: string): boolean {
  if (!r.request) return true;
  for (const h of r.request.headers) if (req.headers[h.name.toLowerCase()] !== h.value) return false;
  if (r.request.payload !== undefined && r.request.payload !== '' && !judgeEquals(r.request.payload, body).equal) return false;
  return true;
}

export function guessType(payload: string): string {
  const t = payload.trim();
  if (t.startsWith('<')) return 'application/xml';
  if (t.startsWith('{') || t.startsWith('[')) return 'application/json';
  return 'text/plain';
}
