/**
 * What guaranteed-delivery tests share: a back end that counts each numbered message it
 * receives, a client that posts message n and says whether it was accepted (202), and a poll.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

const SYN = 'xmlns="http://ws.apache.org/ns/synapse"';
export const JDBC_STORE = 'org.apache.synapse.message.store.impl.jdbc.JDBCMessageStore';
export const RABBITMQ_STORE = 'org.apache.synapse.message.store.impl.rabbitmq.RabbitMQStore';
export const JMS_STORE = 'org.apache.synapse.message.store.impl.jms.JmsStore';

/**
 * The files of a guaranteed-delivery project: POST /orders stores the message in OrderStore
 * (202 to the client once stored) and the processor Forwarder delivers it to the back end,
 * retrying every 50 ms for ever.
 */
export function storeAndForwardFiles(backendPort: number, storeClass: string, storeParams: string, backendPath = '/orders'): Record<string, string> {
  const A = 'src/main/wso2mi/artifacts';
  return {
    [`${A}/apis/Orders.xml`]: `<api ${SYN} name="Orders" context="/orders"><resource methods="POST"><inSequence><property name="FORCE_SC_ACCEPTED" scope="axis2" value="true"/><property name="OUT_ONLY" value="true"/><store messageStore="OrderStore"/></inSequence></resource></api>`,
    [`${A}/message-stores/OrderStore.xml`]: `<messageStore ${SYN} name="OrderStore" class="${storeClass}">${storeParams}</messageStore>`,
    [`${A}/endpoints/Backend.xml`]: `<endpoint ${SYN} name="Backend"><address uri="http://127.0.0.1:${backendPort}${backendPath}"><suspendOnFailure><errorCodes>-1</errorCodes></suspendOnFailure></address></endpoint>`,
    [`${A}/message-processors/Forwarder.xml`]: `<messageProcessor ${SYN} name="Forwarder" class="org.apache.synapse.message.processor.impl.forwarder.ScheduledMessageForwardingProcessor" messageStore="OrderStore" targetEndpoint="Backend"><parameter name="interval">20</parameter><parameter name="client.retry.interval">50</parameter><parameter name="max.delivery.attempts">-1</parameter></messageProcessor>`,
  };
}

export interface CountingBackend {
  port: number;
  /** message number -> times received */
  counts: Map<number, number>;
  /** request path -> messages received on it (tells apart instances that deliver to different paths) */
  byPath: Map<string, number>;
  /** Deliveries beyond the first of each message. */
  duplicates(): number;
  close(): Promise<void>;
}

/** Answers 200 to `{"n": N}` bodies after a few ms of work (so faults land while messages are in flight). */
export async function countingBackend(): Promise<CountingBackend> {
  const counts = new Map<number, number>();
  const byPath = new Map<string, number>();
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      const n = (JSON.parse(body) as { n: number }).n;
      counts.set(n, (counts.get(n) ?? 0) + 1);
      byPath.set(req.url ?? '/', (byPath.get(req.url ?? '/') ?? 0) + 1);
      setTimeout(() => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end('{"ok":true}');
      }, 3);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    port: (server.address() as AddressInfo).port,
    counts,
    byPath,
    duplicates: () => [...counts.values()].reduce((s, c) => s + (c - 1), 0),
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}

/** Posts message n to `path`; true when the runtime answered 202 (the message was accepted). */
export async function postNumbered(port: number, n: number, path = '/orders'): Promise<boolean> {
  try {
    const r = await fetch(`http://127.0.0.1:${port}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ n }) });
    await r.arrayBuffer();
    return r.status === 202;
  } catch {
    return false; // the process died mid-request: not accepted
  }
}

export async function waitFor(what: string, check: () => boolean, ms = 20000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
