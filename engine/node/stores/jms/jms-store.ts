/**
 * MI's JmsStore on ActiveMQ (MESSAGING.md §7.2), over the STOMP connector (see
 * engine/node/transports/jms/jms-settings.ts for how java.naming.provider.url maps to it):
 * store.jms.destination (default `<storeName>_Queue`), store.jms.username/password. A message
 * is sent persistent with the string property OrigMessageID = MI's id and the one serialised
 * stored message as body, and store() resolves on the broker's receipt. A consumer browses the
 * queue in order and claims the first message no other consumer holds (a client-individual
 * subscription selecting its OrigMessageID, on the consumer's own connection): ack = ACK;
 * release closes that connection, so the broker has the message back in its place. The browser uses
 * ActiveMQ's queue browsing (SUBSCRIBE browser:true); delete consumes by OrigMessageID selector.
 */
import { StoreUnavailableError, type MessageStoreBackend, type MessageStoreConsumer, type StoreBackendFactory } from '../../../messaging/store.js';
import { decodeStoredMessage, encodeStoredMessage, type StoredMessage } from '../../../messaging/stored-message.js';
import type { Logger } from '../../../core/logger.js';
import { StompClient, type StompMessage } from '../../transports/jms/stomp-client.js';
import { stompEndpointOf, type StompEndpoint } from '../../transports/jms/jms-settings.js';

export const jmsStoreFactory: StoreBackendFactory = (ctx) => new JmsStore(ctx.storeName, ctx.parameters, ctx.logger);

/** How long a consumer waits for a message it tried to claim before taking it as held by another consumer. */
const CLAIM_WAIT_MS = 150;
/** How many of the queue's messages one claim offers the broker to choose from. */
const CLAIM_BATCH = 50;

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
    let held: { raw: StompMessage; message: StoredMessage; sub: { unsubscribe(): Promise<void> } } | undefined;
    /**
     * Claims the first message of `ids` that no other consumer holds, on this consumer's
     * connection; undefined when all are held. One selector over several ids lets the broker
     * pick (in queue order), so competing instances do not all queue up behind the head.
     */
    const claim = async (c: StompClient, ids: string[]): Promise<{ raw: StompMessage; sub: { unsubscribe(): Promise<void> } } | undefined> => {
      let resolveMsg!: (m: StompMessage | undefined) => void;
      const arrived = new Promise<StompMessage | undefined>((r) => (resolveMsg = r));
      const selector = `OrigMessageID IN (${ids.map((id) => `'${id.replace(/'/g, "''")}'`).join(', ')})`;
      const sub = await c.subscribe(store.destination, (m) => resolveMsg(m), { ack: 'client-individual', selector, headers: { 'activemq.prefetchSize': 1 } });
      const timer = setTimeout(() => resolveMsg(undefined), CLAIM_WAIT_MS);
      const raw = await arrived;
      clearTimeout(timer);
      if (raw) return { raw, sub };
      await sub.unsubscribe().catch(() => undefined);
      return undefined;
    };
    const drop = async () => {
      const c = client;
      client = undefined;
      held = undefined;
      await c?.disconnect();
    };
    return {
      async fetch() {
        // A connection that closed gave its unacked message back to the broker: claim afresh.
        if (held && client?.isOpen) return held.message;
        held = undefined;
        if (!client?.isOpen) client = await store.connect();
        // The queue in order (held messages included): the first one this consumer can claim is its message.
        const ids = (await store.browse()).map((m) => m.headers.OrigMessageID).filter((id): id is string => !!id);
        // The head alone first (FIFO: the broker may hand back given-back messages out of queue
        // order), then the rest in batches.
        const batches = ids.length ? [ids.slice(0, 1)] : [];
        for (let at = 1; at < ids.length; at += CLAIM_BATCH) batches.push(ids.slice(at, at + CLAIM_BATCH));
        for (const batch of batches) {
          const got = await claim(client, batch);
          if (!got) continue;
          try {
            held = { ...got, message: decodeStoredMessage(got.raw.body.toString('utf8')) };
            return held.message;
          } catch (e) {
            store.logger.log('error', `JMS message store ${store.storeName}: message ${got.raw.messageId} is not a stored message (${e instanceof Error ? e.message : String(e)}); it is removed`, { component: 'JmsStore' });
            await client.ack(got.raw).catch(() => undefined);
            await got.sub.unsubscribe().catch(() => undefined);
          }
        }
        return undefined;
      },
      async ack() {
        const h = held;
        held = undefined;
        if (!h || !client) return;
        try {
          await client.ack(h.raw);
        } catch (e) {
          await drop().catch(() => undefined);
          throw new StoreUnavailableError(store.storeName, `JMS message store ${store.storeName} lost the broker before ${h.message.messageId} was acknowledged (it is delivered again): ${e instanceof Error ? e.message : String(e)}`, { cause: e });
        }
        await h.sub.unsubscribe().catch(() => undefined);
      },
      async release() {
        // Closing the connection gives the unacked message back to the broker, in its place.
        if (held) await drop();
      },
      async close() {
        await drop();
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
