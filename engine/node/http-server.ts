/**
 * MI's HTTP listener (default 8290) over node:http, feeding an Engine.
 * Graceful close: stop accepting, let in-flight requests finish, then close
 * idle keep-alive connections.
 */
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { HeaderMap } from '../core/headers.js';
import type { Engine, InboundRequest } from '../runtime/engine.js';
import type { EngineResponse } from '../runtime/responses.js';
import type { BodySource } from '../core/message.js';
import { streamBodySource } from './body-source.js';

export interface HttpListenerOptions {
  port: number;
  host?: string;
  maxBodyBytes: number;
  /** TLS: serve HTTPS with these options (HTTPS inbound endpoints). */
  tls?: https.ServerOptions;
  /** Handles each request instead of `engine.handle` (an inbound endpoint injects into its own target). */
  handle?: (req: InboundRequest) => Promise<EngineResponse>;
}

export interface HttpListener {
  readonly port: number;
  close(): Promise<void>;
}

export async function startHttpListener(engine: Engine, options: HttpListenerOptions): Promise<HttpListener> {
  let closing = false;
  const handle = options.handle ?? ((r: InboundRequest) => engine.handle(r));
  const protocol = options.tls ? 'https' : 'http';
  const onRequest = (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (closing) res.setHeader('Connection', 'close');
    void serve(engine, handle, protocol, req, res, options.maxBodyBytes);
  };
  const server = options.tls ? https.createServer(options.tls, onRequest) : http.createServer(onRequest);
  server.keepAliveTimeout = 60000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    async close() {
      closing = true;
      const closed = new Promise<void>((r) => server.close(() => r()));
      server.closeIdleConnections();
      await engine.idle();
      // Responses being written finish, then their keep-alive connections close.
      const sweep = setInterval(() => server.closeIdleConnections(), 25);
      const force = setTimeout(() => server.closeAllConnections(), 10000);
      await closed;
      clearInterval(sweep);
      clearTimeout(force);
    },
  };
}

async function serve(engine: Engine, handle: (req: InboundRequest) => Promise<EngineResponse>, protocol: 'http' | 'https', req: http.IncomingMessage, res: http.ServerResponse, maxBodyBytes: number): Promise<void> {
  // From rawHeaders: `req.headers` would build a second header object per request.
  const headers = new HeaderMap();
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    const value = raw[i + 1]!;
    const prev = headers.get(name);
    headers.set(name, prev === undefined ? value : `${prev}, ${value}`);
  }
  const lengthHeader = headers.get('content-length');
  const length = lengthHeader !== undefined ? Number(lengthHeader) : undefined;
  const hasBody = length !== undefined ? length > 0 : headers.has('transfer-encoding');
  const body = hasBody ? streamBodySource(req, length, maxBodyBytes) : EMPTY_BODY;
  try {
    const out = await handle({ method: req.method ?? 'GET', url: req.url ?? '/', headers, body, remoteAddress: req.socket.remoteAddress, protocol });
    // A refused body is still arriving: answering and closing now would reach the client as EPIPE, not 413.
    if (out.status === 413 && !req.complete) await drainRequest(req, REFUSED_BODY_DRAIN_MS);
    // A body that has already arrived is written with the headers in one piece, the headers as one flat
    // list for writeHead (no per-header setHeader bookkeeping; Node validates each header either way).
    const whole = out.body instanceof Uint8Array ? out.body : out.body.completed?.();
    if (whole) {
      const head: string[] = [];
      for (const [k, v] of out.headers) head.push(k, v);
      head.push('Content-Length', String(whole.length));
      res.writeHead(out.status, head);
      res.end(whole);
    } else {
      // Streamed: the head goes with the first chunk, so a body that fails before it still gets a 500.
      res.statusCode = out.status;
      for (const [k, v] of out.headers) res.setHeader(k, v);
      const source = out.body as BodySource;
      if (source.length !== undefined) res.setHeader('Content-Length', source.length);
      const stream = source.stream ? source.stream() : [await source.read()];
      for await (const chunk of stream) {
        if (!res.write(chunk)) await new Promise((r) => res.once('drain', r));
      }
      res.end();
    }
    // Drain what the flow did not read (e.g. a dropped request), so the connection stays usable.
    if (!req.complete) req.resume();
  } catch (e) {
    engine.logger.log('error', `Failed to answer ${req.method} ${req.url}: ${e instanceof Error ? e.message : String(e)}`, { component: 'HttpListener' });
    if (!res.headersSent) {
      res.statusCode = 500;
      res.statusMessage = ''; // a refused writeHead may have set the first status's phrase
      res.end();
    } else res.destroy();
  }
}

/** How long a refused body may keep arriving (discarded) before its connection is cut. */
const REFUSED_BODY_DRAIN_MS = 30_000;

/** Discards the rest of a request; resolves when it ended, its connection closed, or `limitMs` passed (then cut). */
function drainRequest(req: http.IncomingMessage, limitMs: number): Promise<void> {
  return new Promise((resolve) => {
    const finish = () => {
      clearTimeout(timer);
      req.off('end', finish);
      req.off('close', finish);
      resolve();
    };
    const timer = setTimeout(() => {
      req.socket.destroy();
      finish();
    }, limitMs);
    req.once('end', finish);
    req.once('close', finish);
    req.resume();
  });
}

const EMPTY_BODY: BodySource = { length: 0, read: async () => new Uint8Array() };
