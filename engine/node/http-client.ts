/**
 * The outbound HTTP client (undici): pooled keep-alive connections per origin,
 * per-request timeouts, and MI's error codes for transport failures.
 *
 * It drives undici's dispatcher with its own handler rather than
 * `undici.request`: no Node stream and no header object per response, and a
 * body that has already arrived is sent in one write (measured about twice as
 * cheap per request for 1 KB pass-through).
 */
import type { Agent, Dispatcher } from 'undici';
import { HeaderMap } from '../core/headers.js';
import { TransportError, type HttpClient, type OutboundRequest, type OutboundResponse } from '../core/transport.js';
import { ErrorCodes } from '../core/errors.js';
import type { BodySource } from '../core/message.js';
import { ResponseBody } from './response-body.js';

export interface NodeHttpClientOptions {
  /** Largest response body a mediator may build. */
  maxBodyBytes: number;
  connectTimeoutMs?: number;
}

type Undici = typeof import('undici');
/** undici is loaded on the first request, not at start-up (it is a large part of the CLI's module loading). */
let undici: Promise<Undici> | undefined;
let undiciErrors: Undici['errors'] | undefined;
function loadUndici(): Promise<Undici> {
  undici ??= import('undici').then((m) => {
    undiciErrors = m.errors;
    return m;
  });
  return undici;
}

export function createNodeHttpClient(options: NodeHttpClientOptions): HttpClient & { close(): Promise<void> } {
  let agent: Agent | undefined;
  const agentReady = async () => {
    if (!agent) {
      const { Agent } = await loadUndici();
      agent ??= new Agent({ keepAliveTimeout: 30000, connections: 256, connectTimeout: options.connectTimeoutMs ?? 10000 });
    }
    return agent;
  };
  return {
    send: async (req) => send(agent ?? (await agentReady()), req, options.maxBodyBytes),
    close: async () => {
      await agent?.close();
    },
  };
}

/** Starts loading undici in the background (a host calls this once it is serving, so the first call does not wait). */
export function preloadHttpClient(): void {
  void loadUndici();
}

/** Origin and path of a URL, cached: endpoints call the same few URLs again and again. */
const targets = new Map<string, { origin: string; path: string }>();
function targetOf(url: string): { origin: string; path: string } {
  let t = targets.get(url);
  if (!t) {
    const u = new URL(url);
    t = { origin: u.origin, path: `${u.pathname}${u.search}` };
    if (targets.size > 1000) targets.clear();
    targets.set(url, t);
  }
  return t;
}

async function send(agent: Agent, req: OutboundRequest, maxBodyBytes: number): Promise<OutboundResponse> {
  let target;
  try {
    target = targetOf(req.url);
  } catch (e) {
    throw toTransportError(e, req.url);
  }
  const headers: string[] = [];
  let hasLength = false;
  req.headers.forEach((v, k) => {
    headers.push(k, v);
    if (!hasLength && k.length === 14 && k.toLowerCase() === 'content-length') hasLength = true;
  });
  const pending = outboundBody(req.body);
  const body = pending instanceof Promise ? await pending : pending;
  if (req.body && !(req.body instanceof Uint8Array) && !(body instanceof Uint8Array) && req.body.length !== undefined && !hasLength) headers.push('Content-Length', String(req.body.length));
  return new Promise<OutboundResponse>((resolve, reject) => {
    let abort: ((reason: Error) => void) | undefined;
    let response: ResponseBody | undefined;
    const handler: Dispatcher.DispatchHandler = {
      onConnect(abortRequest) {
        abort = abortRequest;
      },
      onHeaders(statusCode, rawHeaders, resume, statusText) {
        const out = new HeaderMap();
        let length: number | undefined;
        for (let i = 0; i < rawHeaders.length; i += 2) {
          const name = rawHeaders[i]!.toString('latin1').toLowerCase();
          const value = rawHeaders[i + 1]!.toString('latin1');
          const prev = out.get(name);
          out.set(name, prev === undefined ? value : `${prev}, ${value}`);
          if (name === 'content-length') length = Number(value);
        }
        response = new ResponseBody(length, maxBodyBytes, resume, (reason) => abort?.(reason));
        resolve({ status: statusCode, statusText: statusText ?? '', headers: out, body: response });
        return true;
      },
      onData(chunk) {
        return response!.push(chunk);
      },
      onComplete() {
        response!.end();
      },
      onError(err) {
        if (response) response.fail(err);
        else reject(toTransportError(err, req.url));
      },
    };
    agent.dispatch(
      { origin: target.origin, path: target.path, method: req.method as Dispatcher.HttpMethod, headers, body: body as never, headersTimeout: req.timeoutMs, bodyTimeout: req.timeoutMs },
      handler,
    );
  });
}

/** A body that has already arrived goes as bytes (one write, no wait); otherwise it streams. */
function outboundBody(body: Uint8Array | BodySource | undefined): Uint8Array | AsyncIterable<Uint8Array> | Promise<Uint8Array> | undefined {
  if (body === undefined || body instanceof Uint8Array) return body;
  const whole = body.completed?.();
  if (whole) return whole;
  return body.stream ? body.stream() : body.read();
}

function toTransportError(e: unknown, url: string): TransportError {
  const err = e as { code?: string; message?: string; cause?: { code?: string } };
  const code = err.code ?? err.cause?.code;
  if ((undiciErrors && (e instanceof undiciErrors.HeadersTimeoutError || e instanceof undiciErrors.BodyTimeoutError)) || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    return new TransportError(ErrorCodes.CONNECTION_TIMEOUT, `Read timeout while waiting for ${url}`);
  }
  if ((undiciErrors && e instanceof undiciErrors.ConnectTimeoutError) || code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'ETIMEDOUT') return new TransportError(ErrorCodes.CONNECT_TIMEOUT, `Connection timed out to ${url}`);
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return new TransportError(ErrorCodes.CONNECTION_FAILED, `Connection refused or failed for : ${url}`);
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE' || code === 'UND_ERR_CLOSED') return new TransportError(ErrorCodes.CONNECTION_CLOSED, `Connection closed by ${url}`);
  return new TransportError(ErrorCodes.SENDING_FAILED, `Error sending to ${url}: ${err.message ?? String(e)}`);
}
