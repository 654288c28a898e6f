/**
 * The outbound HTTP client (undici): pooled keep-alive connections per origin,
 * per-request timeouts, and MI's error codes for transport failures.
 */
import { Agent, request as undiciRequest, errors as undiciErrors } from 'undici';
import { HeaderMap } from '../core/headers.js';
import { TransportError, type HttpClient, type OutboundRequest, type OutboundResponse } from '../core/transport.js';
import { ErrorCodes } from '../core/errors.js';
import { streamBodySource } from './body-source.js';
import type { Readable } from 'node:stream';

export interface NodeHttpClientOptions {
  /** Largest response body a mediator may build. */
  maxBodyBytes: number;
  connectTimeoutMs?: number;
}

export function createNodeHttpClient(options: NodeHttpClientOptions): HttpClient & { close(): Promise<void> } {
  const agent = new Agent({ keepAliveTimeout: 30000, connections: 256, connectTimeout: options.connectTimeoutMs ?? 10000 });
  return {
    async send(req: OutboundRequest): Promise<OutboundResponse> {
      const headers: Record<string, string> = {};
      for (const [k, v] of req.headers.entries()) headers[k] = v;
      let body: Uint8Array | AsyncIterable<Uint8Array> | undefined;
      if (req.body instanceof Uint8Array) body = req.body;
      else if (req.body) body = req.body.stream ? req.body.stream() : await req.body.read();
      if (req.body && !(req.body instanceof Uint8Array) && req.body.length !== undefined && !headers['content-length'] && !headers['Content-Length']) headers['Content-Length'] = String(req.body.length);
      try {
        const res = await undiciRequest(req.url, {
          method: req.method as 'GET',
          headers,
          body: body as never,
          dispatcher: agent,
          headersTimeout: req.timeoutMs,
          bodyTimeout: req.timeoutMs,
        });
        const out = new HeaderMap();
        for (const [k, v] of Object.entries(res.headers)) {
          if (v === undefined) continue;
          out.set(k, Array.isArray(v) ? v.join(', ') : v);
        }
        const len = res.headers['content-length'];
        return {
          status: res.statusCode,
          statusText: '',
          headers: out,
          body: streamBodySource(res.body as unknown as Readable, len ? Number(len) : undefined, options.maxBodyBytes),
        };
      } catch (e) {
        throw toTransportError(e, req.url);
      }
    },
    close: () => agent.close(),
  };
}

function toTransportError(e: unknown, url: string): TransportError {
  const err = e as { code?: string; message?: string; cause?: { code?: string } };
  const code = err.code ?? err.cause?.code;
  if (e instanceof undiciErrors.HeadersTimeoutError || e instanceof undiciErrors.BodyTimeoutError || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    return new TransportError(ErrorCodes.CONNECTION_TIMEOUT, `Read timeout while waiting for ${url}`);
  }
  if (e instanceof undiciErrors.ConnectTimeoutError || code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'ETIMEDOUT') return new TransportError(ErrorCodes.CONNECT_TIMEOUT, `Connection timed out to ${url}`);
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return new TransportError(ErrorCodes.CONNECTION_FAILED, `Connection refused or failed for : ${url}`);
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE' || code === 'UND_ERR_CLOSED') return new TransportError(ErrorCodes.CONNECTION_CLOSED, `Connection closed by ${url}`);
  return new TransportError(ErrorCodes.SENDING_FAILED, `Error sending to ${url}: ${err.message ?? String(e)}`);
}
