/**
 * Test helpers for messaging: a real HTTP back end that records what it got
 * and answers with a status the test chooses (or is down), and an engine
 * with a MessagingRuntime, for tests in engine/messaging and engine/node/stores.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { testEngine, type TestEngine } from '../../../testing/harness.js';
import { createNodeHttpClient } from '../../http-client.js';
import { defaultStoreBackends } from '../index.js';
import { MessagingRuntime } from '../../../messaging/runtime.js';
import type { StoreBackendRegistry } from '../../../messaging/store-registry.js';

export interface Received {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface RecordingBackend {
  port: number;
  received: Received[];
  /** Status to answer with next (default 200). */
  status: number;
  reply: string;
  /** Stops listening (connections refused) until up() is called. */
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

export async function recordingBackend(): Promise<RecordingBackend> {
  let server: http.Server | undefined;
  let port = 0;
  const state: RecordingBackend = {
    port: 0,
    received: [],
    status: 200,
    reply: '<ok/>',
    async down() {
      const s = server;
      server = undefined;
      if (s) await new Promise<void>((r) => { s.close(() => r()); s.closeAllConnections(); });
    },
    async up() {
      server = http.createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          state.received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
          res.writeHead(state.status, { 'Content-Type': 'application/xml' });
          res.end(state.reply);
        });
      });
      await new Promise<void>((r) => server!.listen(port, '127.0.0.1', () => r()));
      port = (server.address() as AddressInfo).port;
      state.port = port;
    },
    async close() {
      await state.down();
    },
  };
  await state.up();
  return state;
}

export interface MessagingTestEngine extends TestEngine {
  messaging: MessagingRuntime;
  close(): Promise<void>;
}

export async function messagingEngine(artifacts: Record<string, string>, options: { backends?: StoreBackendRegistry; dataDir?: string } = {}): Promise<MessagingTestEngine> {
  const httpClient = createNodeHttpClient({ maxBodyBytes: 1 << 20, connectTimeoutMs: 1000 });
  const t = testEngine(artifacts, { httpClient });
  const messaging = new MessagingRuntime({ engine: t.engine, backends: options.backends ?? defaultStoreBackends(), dataDir: options.dataDir, logger: t.logger, openRetry: { initialMs: 50, maxMs: 200 } });
  await messaging.sync();
  return {
    ...t,
    messaging,
    async close() {
      await messaging.close();
      await httpClient.close();
    },
  };
}

/** Polls `check` every 20 ms until it holds or `ms` pass; throws with `what` on timeout. */
export async function eventually(what: string, check: () => boolean | Promise<boolean>, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export const SYN = 'xmlns="http://ws.apache.org/ns/synapse"';
export const FORWARDER = 'org.apache.synapse.message.processor.impl.forwarder.ScheduledMessageForwardingProcessor';
export const SAMPLER = 'org.apache.synapse.message.processor.impl.sampler.SamplingProcessor';
export const FAILOVER = 'org.apache.synapse.message.processor.impl.failover.FailoverScheduledMessageForwardingProcessor';
export const IN_MEMORY = 'org.apache.synapse.message.store.impl.memory.InMemoryStore';
export const JDBC = 'org.apache.synapse.message.store.impl.jdbc.JDBCMessageStore';

export function params(p: Record<string, string | number>): string {
  return Object.entries(p).map(([k, v]) => `<parameter name="${k}">${v}</parameter>`).join('');
}
