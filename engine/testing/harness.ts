/**
 * Test harness: an Engine with a memory logger, artifacts given as XML text,
 * and requests sent straight to Engine.handle (no sockets). Tests that need
 * real backends pass `httpClient: createNodeHttpClient(...)` from engine/node.
 */
import { Engine, type EngineOptions } from '../runtime/engine.js';
import { HeaderMap } from '../core/headers.js';
import { MemoryLogger } from '../core/logger.js';
import { utf8, fromUtf8 } from '../core/bytes.js';
import { TransportError, type HttpClient } from '../core/transport.js';
import type { DeployResult } from '../runtime/deployment.js';

export interface TestEngine {
  engine: Engine;
  logger: MemoryLogger;
  deployed: DeployResult;
  /** Sends a request and reads the whole answer. */
  request(method: string, url: string, init?: { headers?: Record<string, string>; body?: string | Uint8Array }): Promise<TestResponse>;
}

export interface TestResponse {
  status: number;
  headers: HeaderMap;
  text: string;
  json(): unknown;
}

/** A client for engines that must not reach the network: every call fails with connection refused. */
export const offlineHttpClient: HttpClient = {
  async send(req) {
    throw new TransportError(101503, `Connection refused or failed for : ${req.url}`);
  },
};

/** `artifacts`: file name -> XML text. */
export function testEngine(artifacts: Record<string, string>, options: Partial<EngineOptions> = {}): TestEngine {
  const logger = new MemoryLogger();
  const engine = new Engine({ httpClient: offlineHttpClient, logger, ...options });
  const deployed = engine.deploy(Object.entries(artifacts).map(([file, text]) => ({ file, text })));
  return {
    engine,
    logger,
    deployed,
    async request(method, url, init = {}) {
      const headers = new HeaderMap(init.headers ?? {});
      const bytes = typeof init.body === 'string' ? utf8(init.body) : init.body ?? new Uint8Array();
      const res = await engine.handle({ method, url, headers, body: { length: bytes.length, read: async () => bytes } });
      const out = res.body instanceof Uint8Array ? res.body : await res.body.read();
      const text = fromUtf8(out);
      return { status: res.status, headers: new HeaderMap(res.headers), text, json: () => JSON.parse(text) };
    },
  };
}

/** Wraps mediators in an API with one POST/GET resource at /test, for mediator behaviour tests. */
export function apiWith(mediatorsXml: string, extra = ''): string {
  return `<api xmlns="http://ws.apache.org/ns/synapse" name="TestAPI" context="/test"><resource methods="GET POST PUT DELETE" uri-template="/*"><inSequence>${mediatorsXml}</inSequence>${extra}</resource><resource methods="GET POST" url-mapping="/*"><inSequence>${mediatorsXml}</inSequence>${extra}</resource></api>`;
}
