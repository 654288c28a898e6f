/**
 * MI's JmsStore on ActiveMQ (MESSAGING.md §7.2), over the STOMP connector (see
 * engine/node/transports/jms/jms-settings.ts for how java.naming.provider.url maps to it):
 * store.jms.destination (default `<storeName>_Queue`), store.jms.username/password. A message
 * is sent persistent with the string property OrigMessageID = MI's id and the one serialised
 * stored message as body, and store() resolves on the broker's receipt. A consumer holds one
 * message on its own connection (client-individual ack, prefetch 1): ack = ACK; release drops
 * that connection, so the broker puts the message back first in line. The browser uses
 * ActiveMQ's queue browsing (SUBSCRIBE browser:true); delete consumes by OrigMessageID selector.
 */
import { StoreUnavailableError, type MessageStoreBackend, type MessageStoreConsumer, type StoreBackendFactory } from '../../../messaging/store.js';
import { decodeStoredMessage, encodeStoredMessage, type StoredMessage } from '../../../messaging/stored-message.js';
import type { Logger } from '../../../core/logger.js';
import { StompClient, type StompMessage } from '../../transports/jms/stomp-client.js';
import { stompEndpointOf, type StompEndpoint } from '../../transports/jms/jms-settings.js';

export const jmsStoreFactory: StoreBackendFactory = (ctx) => new JmsStore(ctx.storeName, ctx.parameters, ctx.logger);

const RECEIVE_WAIT_MS = 300;

export class JmsStore implements MessageStoreBackend {
  readonly destination: string;
  private readonly ep: StompEndpoint;
  private producer?: Promise<StompClient>;

  constructor(readonly storeName: string, params: Readonly<Record<string, string>>, private readonly logger: Logger) {
    const trimmed: Record<string, string> = {};
    for (const [k, v] of Object.entries(params)) if (v.trim()) trimmed[k] = v.trim();
    this.ep = stompEndpointOf(trimmed);
    this.destination = `/queue/${trimmed['store.jms.destination'] ?? `${storeName}_Queue`}`;
  }

  private async connect(): Promise<StompClient> {
    try {
      return await StompClient.connect({ host: this.ep.host, port: this.ep.port, login: this.ep.login, passcode: this.ep.passcode, connectTimeoutMs: 5000 });
    } catch (e) {
      throw new StoreUnavailableError(this.storeName, `JMS message store ${this.storeName} cannot reach the broker at ${this.ep.host}:${this.ep.port} (${this.ep.mappedFrom}): ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    }
  }

  private async producerClient(): Promise<StompClient> {
    const existing = await this.producer?.catch(() => undefined);
    if (existing?.isOpen) return existing;
    this.producer = this.connect();
    return this.producer;
  }

  async open(): Promise<void> {
    await this.producerClient();
    this.logger.log('info', `JMS message store ${this.storeName}: ${this.destination} on ${this.ep.mappedFrom} (ActiveMQ STOMP ${this.ep.host}:${this.ep.port})`, { component: 'JmsStore' });
  }

  async store(message: StoredMessage): Promise<void> {
    const c = await this.producerClient();
    try {
      await c.send(this.destination, encodeStoredMessage(message), { persistent: 'true', OrigMessageID: message.messageId, 'amq-msg-type': 'text' });
    } catch (e) {
      throw new StoreUnavailableError(this.storeName, `JMS message store ${this.storeName}: the broker did not accept ${message.messageId}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    }
  }

  consumer(): MessageStoreConsumer {
    const store = this;
    let client: StompClient | undefined;
    const queue: StompMessage[] = [];
    let held: { raw: StompMessage; message: StoredMessage } | undefined;
    const drop = () => {
      client?.destroy();
      client = undefined;
      queue.length = 0;
      held = undefined;
    };
    return {
      async fetch() {
        if (held) return held.message;
        if (!client?.isOpen) {
          queue.length = 0;
          client = await store.connect();
          await client.subscribe(store.destination, (m) => queue.push(m), { ack: 'client-individual', headers: { 'activemq.prefetchSize': 1 } });
        }
        const deadline = Date.now() + RECEIVE_WAIT_MS;
        while (queue.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
        const raw = queue.shift();
        if (!raw) return undefined;
        try {
          held = { raw, message: decodeStoredMessage(raw.body.toString('utf8')) };
        } catch (e) {
          store.logger.log('error', `JMS message store ${store.storeName}: message ${raw.messageId} is not a stored message (${e instanceof Error ? e.message : String(e)}); it is removed`, { component: 'JmsStore' });
          await client.ack(raw).catch(() => undefined);
          return undefined;
        }
        return held.message;
      },
      async ack() {
        if (held && client) await client.ack(held.raw);
        held = undefined;
      },
      async release() {
        if (held) drop();
      },
      async close() {
        const c = client;
        client = undefined;
        held = undefined;
        await c?.disconnect();
      },
    };
  }

  /** The queue's messages in order, without consuming them (ActiveMQ queue browser). */
  private async browse(): Promise<StompMessage[]> {
    const c = await this.connect();
    try {
      return await new Promise<StompMessage[]>((resolve, reject) => {
        const out: StompMessage[] = [];
        const timer = setTimeout(() => resolve(out), 5000);
        c.subscribe(
          this.destination,
          (m) => {
            if (m.headers.browser === 'end') {
              clearTimeout(timer);
              resolve(out);
            } else out.push(m);
          },
          { ack: 'auto', headers: { browser: 'true' } },
        ).catch(reject);
      });
    } finally {
      await c.disconnect();
    }
  }

  async list(offset: number, limit: number): Promise<StoredMessage[]> {
    const out: StoredMessage[] = [];
    for (const m of (await this.browse()).slice(offset)) {
      if (out.length >= limit) break;
      try {
        out.push(decodeStoredMessage(m.body.toString('utf8')));
      } catch {
        // not a stored message: a consumer removes it
      }
    }
    return out;
  }

  async get(messageId: string): Promise<StoredMessage | undefined> {
    const m = (await this.browse()).find((x) => x.headers.OrigMessageID === messageId);
    return m ? decodeStoredMessage(m.body.toString('utf8')) : undefined;
  }

  async delete(messageId: string): Promise<boolean> {
    if (!(await this.browse()).some((x) => x.headers.OrigMessageID === messageId)) return false;
    const c = await this.connect();
    try {
      return await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), 3000);
        void c.subscribe(
          this.destination,
          (m) => {
            clearTimeout(timer);
            void c.ack(m).then(() => resolve(true), () => resolve(false));
          },
          { ack: 'client-individual', selector: `OrigMessageID = '${messageId.replace(/'/g, "''")}'` },
        );
      });
    } finally {
      await c.disconnect();
    }
  }

  async size(): Promise<number> {
    return (await this.browse()).length;
  }

  async close(): Promise<void> {
    const p = this.producer;
    this.producer = undefined;
    await p?.then((c) => c.disconnect(), () => undefined);
  }
}
