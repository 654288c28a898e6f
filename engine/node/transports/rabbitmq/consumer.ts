/**
 * A RabbitMQ consumer as MI's listener runs it (RMQ ServiceTaskManager / inbound
 * RabbitMQConsumer, MESSAGING.md §3): declares the queue (and exchange, binding) its
 * parameters name, consumes with rabbitmq.channel.consumer.qos prefetch on
 * rabbitmq.concurrent.consumer.count channels, broker auto-ack unless
 * rabbitmq.queue.auto.ack=false, and after mediation acks, rejects with requeue
 * (SET_REQUEUE_ON_ROLLBACK, after rabbitmq.message.requeue.delay) or rejects without requeue
 * (SET_ROLLBACK_ONLY or a message that cannot be built), honouring x-death against
 * rabbitmq.message.max.dead.lettered.count and the error exchange / routing key.
 *
 * A broker that cannot be reached (at start, or a connection the server closes) is reported
 * with the artifact's file, name and reason and retried with backoff (1 s doubling up to
 * rabbitmq.connection.retry.interval, default 30 s); the rest of the runtime keeps serving.
 */
import type { Logger } from '../../../core/logger.js';
import { HeaderMap } from '../../../core/headers.js';
import type { InboundRequest } from '../../../runtime/engine.js';
import type { EngineResponse } from '../../../runtime/responses.js';
import { intOf, truthy } from '../config/uri.js';
import { AmqpConnections, declare, type AmqpChannel, type AmqpConnection } from './connections.js';
import { exchangeOf, queueOf, serverLabel, serverOf } from './settings.js';
import { amqpHeadersToTransport } from './properties.js';
import { buildProblem } from '../broker-common/build-check.js';
import { DELIVERY_PROPERTY, DeliveryOutcome } from '../broker-common/outcome.js';

export interface RabbitConsumerOptions {
  /** `Proxy service Orders (file ...)` / `Inbound endpoint X (file ...)`: who is talking in the logs. */
  label: string;
  /** Merged parameters: factory first, then the artifact's own. */
  params: Record<string, string>;
  /** Proxy listeners read the rollback flags in the axis2 scope, inbound endpoints in the default scope. */
  flagScope: 'axis2' | 'default';
  /** Proxy listeners let rabbitmq.message.content.type override the message's content type. */
  contentTypeOverride: boolean;
  logger: Logger;
  inject(req: InboundRequest): Promise<EngineResponse>;
  setState(state: 'listening' | 'failed' | 'starting' | 'stopped', error?: string): void;
}

type Msg = NonNullable<Parameters<Parameters<AmqpChannel['consume']>[1]>[0]>;

export class RabbitConsumer {
  private readonly connections: AmqpConnections;
  private conn?: AmqpConnection;
  private stopped = false;
  private retryTimer?: NodeJS.Timeout;
  private backoffMs = 1000;
  private inFlight = new Set<Promise<void>>();
  /** Deliveries handled (tests and the runtime view read it). */
  handled = 0;

  constructor(private readonly o: RabbitConsumerOptions) {
    this.connections = new AmqpConnections(o.logger, `mediate ${o.label}`);
  }

  private get queueName(): string {
    return this.o.params['rabbitmq.queue.name'] ?? '';
  }

  /** Starts connecting; resolves at once (a broker that is down is retried in the background). */
  async start(): Promise<void> {
    if (!this.queueName) throw new Error(`${this.o.label}: rabbitmq.queue.name is required`);
    this.o.setState('starting');
    await this.connect();
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const server = serverOf(this.o.params);
    try {
      const conn = await this.connections.connection(server);
      this.conn = conn;
      conn.on('close', () => this.onLost(`the connection to ${serverLabel(server)} was closed`));
      const queue = queueOf(this.o.params, this.queueName)!;
      const exchange = exchangeOf(this.o.params);
      await declare(conn, queue, exchange, this.o.params['rabbitmq.queue.routing.key'] ?? this.queueName, this.o.logger);
      const count = Math.max(1, intOf(this.o.params['rabbitmq.concurrent.consumer.count'], 1));
      for (let i = 0; i < count; i++) await this.consumeOn(conn);
      this.backoffMs = 1000;
      this.o.setState('listening');
      this.o.logger.log('info', `${this.o.label}: consuming queue ${this.queueName} on ${serverLabel(server)}`, { component: 'RabbitMQListener' });
    } catch (e) {
      this.onLost(`cannot connect to RabbitMQ at ${serverLabel(server)}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private onLost(reason: string): void {
    if (this.stopped || this.retryTimer) return;
    this.conn = undefined;
    const max = intOf(this.o.params['rabbitmq.connection.retry.interval'], 30000);
    const wait = Math.min(this.backoffMs, max);
    this.backoffMs = Math.min(this.backoffMs * 2, max);
    this.o.setState('failed', reason);
    this.o.logger.log('error', `${this.o.label}: ${reason}; retrying in ${wait} ms`, { component: 'RabbitMQListener' });
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.connect();
    }, wait);
    this.retryTimer.unref?.();
  }

  private async consumeOn(conn: AmqpConnection): Promise<void> {
    const ch = await conn.createChannel();
    ch.on('error', (e: Error) => this.o.logger.log('warn', `${this.o.label}: channel error: ${e.message}`, { component: 'RabbitMQListener' }));
    const autoAck = truthy(this.o.params['rabbitmq.queue.auto.ack'], true);
    const qos = intOf(this.o.params['rabbitmq.channel.consumer.qos'], 0);
    if (qos > 0) await ch.prefetch(qos);
    const tag = this.o.params['rabbitmq.consumer.tag'];
    await ch.consume(
      this.queueName,
      (m) => {
        if (!m) return;
        const p = this.onMessage(ch, m, autoAck).finally(() => this.inFlight.delete(p));
        this.inFlight.add(p);
      },
      { noAck: autoAck, consumerTag: tag || undefined },
    );
  }

  private async onMessage(ch: AmqpChannel, m: Msg, autoAck: boolean): Promise<void> {
    const headers = amqpHeadersToTransport(m.properties);
    const override = this.o.contentTypeOverride ? this.o.params['rabbitmq.message.content.type'] : undefined;
    let contentType = override || (m.properties.contentType ? String(m.properties.contentType) : undefined);
    if (!contentType) {
      contentType = 'text/plain';
      this.o.logger.log('warn', `${this.o.label}: message ${String(m.properties.messageId ?? '')} has no content type; building it as text/plain`, { component: 'RabbitMQListener' });
    }
    const encoding = this.o.params['rabbitmq.message.content.encoding'] ?? (m.properties.contentEncoding ? String(m.properties.contentEncoding) : undefined);
    const fullType = encoding && !/charset=/i.test(contentType) ? `${contentType}; charset=${encoding}` : contentType;
    headers.set('Content-Type', fullType);
    const body = new Uint8Array(m.content);
    const outcome = new DeliveryOutcome(this.o.flagScope);
    const problem = buildProblem(fullType, body);
    if (problem) {
      this.o.logger.log('error', `${this.o.label}: message ${String(m.properties.messageId ?? '')} from queue ${this.queueName}: ${problem}; rejecting it (dead-lettered when the queue has a dead letter exchange)`, { component: 'RabbitMQListener' });
      outcome.rollbackOnly = true;
    } else {
      try {
        const res = await this.o.inject(request(headers, body, m, outcome));
        await this.reply(ch, m, res);
      } catch (e) {
        this.o.logger.log('error', `${this.o.label}: mediation failed: ${e instanceof Error ? e.message : String(e)}`, { component: 'RabbitMQListener' });
        outcome.rollbackOnly = true;
      }
    }
    this.handled++;
    if (autoAck) return;
    await this.settle(ch, m, outcome);
  }

  /**
   * A proxy's answer goes back only when the request had reply_to and the header
   * rabbitmq.connection.factory (RabbitMQUtils.processReplyToHeader): to the default exchange,
   * routing key = reply_to, correlation id copied.
   */
  private async reply(ch: AmqpChannel, m: Msg, res: EngineResponse): Promise<void> {
    const replyTo = m.properties.replyTo ? String(m.properties.replyTo) : undefined;
    if (!replyTo || m.properties.headers?.['rabbitmq.connection.factory'] === undefined || res.status === 202) return;
    const body = res.body instanceof Uint8Array ? res.body : await res.body.read();
    const contentType = res.headers.find(([k]) => k.toLowerCase() === 'content-type')?.[1];
    ch.publish('', replyTo, Buffer.from(body), { correlationId: m.properties.correlationId ?? m.properties.messageId, contentType: contentType?.split(';')[0] });
  }

  /** MI's outcome table (MESSAGING.md §3). */
  private async settle(ch: AmqpChannel, m: Msg, outcome: DeliveryOutcome): Promise<void> {
    try {
      if (outcome.rollbackOnly) {
        // ServiceTaskManager.handleDelivery, REQUEUE_FALSE; the log lines are MI's.
        const xDeath = (m.properties.headers?.['x-death'] as { count?: number }[] | undefined)?.[0];
        const maxRaw = this.o.params['rabbitmq.message.max.dead.lettered.count'];
        const max = maxRaw === undefined ? 0 : intOf(maxRaw, 0);
        const which = `message id: ${String(m.properties.messageId ?? '')} and delivery tag: ${m.fields.deliveryTag}`;
        const count = Number(xDeath?.count ?? 0);
        if (!xDeath || max === -1 || count <= max) {
          ch.reject(m, false);
          this.o.logger.log('info', xDeath && max !== -1 ? `The rejected message with ${which} on the queue: ${this.queueName} is dead-lettered ${count} time(s).` : `The rejected message with ${which} on the queue: ${this.queueName} will discard or dead-lettered.`, { component: 'RabbitMQListener' });
          return;
        }
        const errorExchange = this.o.params['rabbitmq.message.error.exchange.name'];
        const errorKey = this.o.params['rabbitmq.message.error.queue.routing.key'];
        if (errorKey) {
          ch.publish(errorExchange || '', errorKey, m.content, m.properties as object);
          ch.ack(m);
          this.o.logger.log('info', `The max dead lettered count exceeded. Hence message with ${which} publish to the ${errorExchange ? `exchange: ${errorExchange}` : 'default exchange'} with the routing key: ${errorKey}.`, { component: 'RabbitMQListener' });
        } else {
          ch.ack(m);
          this.o.logger.log('info', `The max dead lettered count exceeded. No 'rabbitmq.message.error.queue.routing.key' specified for publishing the message. Hence the message with ${which} on the queue: ${this.queueName} will discard.`, { component: 'RabbitMQListener' });
        }
        return;
      }
      if (outcome.requeueOnRollback) {
        const delay = intOf(this.o.params['rabbitmq.message.requeue.delay'], 0);
        if (delay > 0) await new Promise((r) => setTimeout(r, delay));
        ch.reject(m, true);
        return;
      }
      ch.ack(m);
    } catch (e) {
      // The channel is gone (connection lost): the broker redelivers the unacked message.
      this.o.logger.log('warn', `${this.o.label}: could not settle a delivery (${e instanceof Error ? e.message : String(e)}); the broker will redeliver it`, { component: 'RabbitMQListener' });
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    await Promise.allSettled([...this.inFlight]);
    await this.connections.close();
    this.o.setState('stopped');
  }
}

function request(headers: HeaderMap, body: Uint8Array, m: Msg, outcome: DeliveryOutcome): InboundRequest {
  const correlation = headers.get('rabbitmq.message.correlation.id');
  return {
    method: 'POST',
    url: '/',
    headers,
    body: { length: body.length, read: async () => body },
    properties: {
      [DELIVERY_PROPERTY]: outcome,
      ...(correlation !== undefined ? { 'rabbitmq.message.correlation.id': correlation } : {}),
      ...(m.fields.redelivered ? { 'rabbitmq.message.redelivered': 'true' } : {}),
    },
  };
}
