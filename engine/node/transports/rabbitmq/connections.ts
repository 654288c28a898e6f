/**
 * AMQP connections shared per server (one connection, channels opened as needed), re-opened
 * after the broker closes them. Declarations go through `declare()`, which swallows MI's
 * "inequivalent arg" case (406 PRECONDITION_FAILED on a declare: the existing entity is used,
 * as RabbitMQUtils.checkAndIgnoreInEquivalentParamException does) on a throwaway channel.
 */
import amqp from 'amqplib';
import type { Logger } from '../../../core/logger.js';
import { amqpUrl, serverLabel, type ExchangeDeclaration, type QueueDeclaration, type RabbitServer } from './settings.js';

export type AmqpConnection = Awaited<ReturnType<typeof amqp.connect>>;
export type AmqpChannel = Awaited<ReturnType<AmqpConnection['createChannel']>>;
export type AmqpConfirmChannel = Awaited<ReturnType<AmqpConnection['createConfirmChannel']>>;

export class AmqpConnections {
  private readonly open = new Map<string, Promise<AmqpConnection>>();

  /** `name` is shown by the broker (connection_name), so an operator can find and close it. */
  constructor(private readonly logger: Logger, private readonly name = 'mediate') {}

  connection(server: RabbitServer): Promise<AmqpConnection> {
    const url = amqpUrl(server);
    const existing = this.open.get(url);
    if (existing) return existing;
    const p = amqp.connect(url, { timeout: 5000, clientProperties: { connection_name: this.name } }).then((c) => {
      c.on('error', (e: Error) => this.logger.log('warn', `RabbitMQ connection to ${serverLabel(server)} failed: ${e.message}`, { component: 'RabbitMQTransport' }));
      c.on('close', () => this.open.get(url) === p && this.open.delete(url));
      return c;
    });
    this.open.set(url, p);
    p.catch(() => this.open.get(url) === p && this.open.delete(url));
    return p;
  }

  async close(): Promise<void> {
    const all = [...this.open.values()];
    this.open.clear();
    await Promise.all(all.map((p) => p.then((c) => c.close(), () => undefined).catch(() => undefined)));
  }
}

function isInequivalent(e: unknown): boolean {
  return e instanceof Error && /PRECONDITION_FAILED|inequivalent arg/i.test(e.message);
}

/** Declares the exchange and queue and binds them; an existing entity with other arguments is used as it is. */
export async function declare(conn: AmqpConnection, q: QueueDeclaration | undefined, x: ExchangeDeclaration | undefined, routingKey: string | undefined, logger: Logger): Promise<void> {
  const attempt = async (op: (ch: AmqpChannel) => Promise<unknown>, what: string) => {
    const ch = await conn.createChannel();
    ch.on('error', () => undefined);
    try {
      await op(ch);
    } catch (e) {
      if (!isInequivalent(e)) throw e;
      logger.log('warn', `${what} exists with different arguments; using it as it is (${(e as Error).message})`, { component: 'RabbitMQTransport' });
    } finally {
      await ch.close().catch(() => undefined);
    }
  };
  if (x?.autodeclare) await attempt((ch) => ch.assertExchange(x.name, x.type, { durable: x.durable, autoDelete: x.autoDelete, arguments: x.arguments }), `Exchange ${x.name}`);
  if (q?.autodeclare) await attempt((ch) => ch.assertQueue(q.name, { durable: q.durable, exclusive: q.exclusive, autoDelete: q.autoDelete, arguments: q.arguments }), `Queue ${q.name}`);
  if (q && x) await attempt((ch) => ch.bindQueue(q.name, x.name, routingKey ?? q.name), `Binding of ${q.name} to ${x.name}`);
}
