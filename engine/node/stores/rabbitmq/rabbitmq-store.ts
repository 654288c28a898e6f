/**
 * MI's RabbitMQStore on a real RabbitMQ (MESSAGING.md §7.2): store.rabbitmq.host.name
 * (localhost), .host.port (5672), .username/.password (guest), .virtual.host (/),
 * .queue.name (default: the store name; declared durable), .exchange.name (declared direct
 * and durable unless amq.*, the queue bound with .route.key, default the queue name).
 * A message is published persistent with message_id = MI's id and the one serialised stored
 * message as body; store() resolves only on the broker's publisher confirm (Mediate always
 * waits for it, so an accepted message survives a broker restart and a kill -9 of the
 * runtime). Consumers use basic.get without auto-ack: ack = basic.ack; release or a consumer
 * that goes away = the message goes back to the queue.
 * The store browser reads by getting messages on a throwaway channel and closing it, which
 * returns every one of them to the queue in order.
 */
import amqp from 'amqplib';
import { StoreUnavailableError, type MessageStoreBackend, type MessageStoreConsumer, type StoreBackendFactory } from '../../../messaging/store.js';
import { decodeStoredMessage, encodeStoredMessageBytes, type StoredMessage } from '../../../messaging/stored-message.js';
import type { Logger } from '../../../core/logger.js';

type Connection = Awaited<ReturnType<typeof amqp.connect>>;
type Channel = Awaited<ReturnType<Connection['createChannel']>>;
type GetMessage = Exclude<Awaited<ReturnType<Channel['get']>>, false>;

export const rabbitmqStoreFactory: StoreBackendFactory = (ctx) => new RabbitMQStore(ctx.storeName, ctx.parameters, ctx.logger);

export class RabbitMQStore implements MessageStoreBackend {
  private conn?: Promise<Connection>;
  readonly queue: string;
  private readonly exchange?: string;
  private readonly routeKey: string;
  private readonly url: string;
  private readonly where: string;

  constructor(readonly storeName: string, private readonly params: Readonly<Record<string, string>>, private readonly logger: Logger) {
    const p = (k: string) => (params[k]?.trim() ? params[k]!.trim() : undefined);
    const host = p('store.rabbitmq.host.name') ?? 'localhost';
    const port = p('store.rabbitmq.host.port') ?? '5672';
    const vhost = p('store.rabbitmq.virtual.host') ?? '/';
    this.url = `amqp://${encodeURIComponent(p('store.rabbitmq.username') ?? 'guest')}:${encodeURIComponent(p('store.rabbitmq.password') ?? 'guest')}@${host === 'localhost' ? '127.0.0.1' : host}:${port}/${encodeURIComponent(vhost)}`;
    this.where = `${host}:${port}`;
    this.queue = p('store.rabbitmq.queue.name') ?? storeName;
    this.exchange = p('store.rabbitmq.exchange.name');
    this.routeKey = p('store.rabbitmq.route.key') ?? this.queue;
  }

  private unavailable(e: unknown): StoreUnavailableError {
    return new StoreUnavailableError(this.storeName, `RabbitMQ message store ${this.storeName} cannot reach ${this.where}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }

  private connection(): Promise<Connection> {
    if (!this.conn) {
      const p = amqp.connect(this.url, { timeout: 5000 }).then((c) => {
        c.on('error', () => undefined);
        c.on('close', () => {
          if (this.conn === p) this.conn = undefined;
        });
        return c;
      });
      p.catch(() => {
        if (this.conn === p) this.conn = undefined;
      });
      this.conn = p;
    }
    return this.conn.catch((e: unknown) => {
      throw this.unavailable(e);
    });
  }

  private async channel(): Promise<Channel> {
    const c = await this.connection();
    try {
      const ch = await c.createChannel();
      ch.on('error', () => undefined);
      return ch;
    } catch (e) {
      throw this.unavailable(e);
    }
  }

  async open(): Promise<void> {
    const ch = await this.channel();
    try {
      await ch.assertQueue(this.queue, { durable: true });
      if (this.exchange && !this.exchange.startsWith('amq.')) await ch.assertExchange(this.exchange, 'direct', { durable: true });
      if (this.exchange) await ch.bindQueue(this.queue, this.exchange, this.routeKey);
    } finally {
      await ch.close().catch(() => undefined);
    }
  }

  async store(message: StoredMessage): Promise<void> {
    // Published mandatory: a message no queue takes (the queue was deleted after open) comes back
    // instead of being confirmed and dropped; the topology is declared again and it goes once more.
    if (await this.publish(message)) return;
    await this.open();
    if (await this.publish(message)) return;
    throw this.unavailable(new Error(`no queue took the message (routing key ${this.exchange ? this.routeKey : this.queue})`));
  }

  /** Publishes with a confirm; false when the broker returned the message as unroutable. */
  private async publish(message: StoredMessage): Promise<boolean> {
    const c = await this.connection();
    let ch;
    try {
      ch = await c.createConfirmChannel();
    } catch (e) {
      throw this.unavailable(e);
    }
    ch.on('error', () => undefined);
    let returned = false;
    ch.on('return', () => (returned = true));
    try {
      await new Promise<void>((resolve, reject) => {
        ch.publish(this.exchange ?? '', this.exchange ? this.routeKey : this.queue, Buffer.from(encodeStoredMessageBytes(message)), { persistent: true, mandatory: true, messageId: message.messageId, contentType: 'application/json' }, (err) => (err ? reject(this.unavailable(new Error('the broker refused the message (nack)'))) : resolve()));
      });
      return !returned;
    } finally {
      await ch.close().catch(() => undefined);
    }
  }

  consumer(): MessageStoreConsumer {
    let ch: Channel | undefined;
    let held: { raw: GetMessage; message: StoredMessage } | undefined;
    const store = this;
    // A closed channel gives back what it held (the broker requeues unacked messages), so the held
    // message is forgotten with it: fetch then opens a new channel and gets it again.
    const open = async (): Promise<Channel> => {
      const fresh = await store.channel();
      fresh.once('close', () => {
        if (ch === fresh) {
          ch = undefined;
          held = undefined;
        }
      });
      ch = fresh;
      return fresh;
    };
    /** Settles the held message on its channel; a channel that died meanwhile is unavailability. */
    const settle = (how: (c: Channel, raw: GetMessage) => void) => {
      const h = held;
      const c = ch;
      held = undefined;
      if (!h || !c) return;
      try {
        how(c, h.raw);
      } catch (e) {
        ch = undefined;
        throw store.unavailable(e);
      }
    };
    return {
      async fetch() {
        if (held) return held.message;
        const c = ch ?? (await open());
        let raw: GetMessage | false;
        try {
          raw = await c.get(store.queue, { noAck: false });
        } catch (e) {
          ch = undefined;
          throw store.unavailable(e);
        }
        if (!raw) return undefined;
        try {
          held = { raw, message: decodeStoredMessage(new Uint8Array(raw.content)) };
        } catch (e) {
          store.logger.log('error', `RabbitMQ message store ${store.storeName}: message ${String(raw.properties.messageId ?? '')} is not a stored message (${e instanceof Error ? e.message : String(e)}); it is removed`, { component: 'RabbitMQStore' });
          c.ack(raw);
          return undefined;
        }
        return held.message;
      },
      async ack() {
        settle((c, raw) => c.ack(raw));
      },
      async release() {
        settle((c, raw) => c.nack(raw, false, true));
      },
      async close() {
        held = undefined;
        await ch?.close().catch(() => undefined);
        ch = undefined;
      },
    };
  }

  /** Every message now in the queue, in order (held by nobody afterwards). */
  private async browse(visit: (raw: GetMessage, ch: Channel) => boolean | void): Promise<void> {
    const ch = await this.channel();
    try {
      for (;;) {
        const raw = await ch.get(this.queue, { noAck: false });
        if (!raw) break;
        if (visit(raw, ch) === true) break;
      }
    } finally {
      await ch.close().catch(() => undefined);
    }
  }

  async list(offset: number, limit: number): Promise<StoredMessage[]> {
    const out: StoredMessage[] = [];
    let i = 0;
    await this.browse((raw) => {
      if (i++ >= offset) {
        try {
          out.push(decodeStoredMessage(new Uint8Array(raw.content)));
        } catch {
          // not a stored message: the consumer removes it
        }
      }
      return out.length >= limit;
    });
    return out;
  }

  async get(messageId: string): Promise<StoredMessage | undefined> {
    let found: StoredMessage | undefined;
    await this.browse((raw) => {
      if (String(raw.properties.messageId) !== messageId) return false;
      found = decodeStoredMessage(new Uint8Array(raw.content));
      return true;
    });
    return found;
  }

  async delete(messageId: string): Promise<boolean> {
    let deleted = false;
    await this.browse((raw, ch) => {
      if (String(raw.properties.messageId) !== messageId) return false;
      ch.ack(raw);
      deleted = true;
      return true;
    });
    return deleted;
  }

  async size(): Promise<number> {
    const ch = await this.channel();
    try {
      return (await ch.checkQueue(this.queue)).messageCount;
    } finally {
      await ch.close().catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    const c = this.conn;
    this.conn = undefined;
    await c?.then((x) => x.close(), () => undefined).catch(() => undefined);
  }
}
