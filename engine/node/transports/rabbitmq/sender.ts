/**
 * The `rabbitmq:/path?...` sender (MI's RabbitMQSender). Routing key:
 * rabbitmq.queue.routing.key, else rabbitmq.queue.name, else the path; exchange:
 * rabbitmq.exchange.name, else the default exchange; a queue is declared (and bound) only
 * when rabbitmq.queue.name is given. Three modes, as MI: request-reply when the flow expects
 * a response (reply_to = a fresh server-named exclusive queue, wait RABBITMQ_WAIT_REPLY,
 * 30000 ms), publisher confirms with rabbitmq.publisher.confirms.enabled=true (wait
 * RABBITMQ_WAIT_CONFIRMS), otherwise fire and forget.
 */
import type { Logger } from '../../../core/logger.js';

import { BrokerError, type BrokerReply, type BrokerSendRequest, type BrokerSender } from '../../../core/broker.js';
import { ErrorCodes } from '../../../core/errors.js';
import { parseBrokerUri, truthy, intOf } from '../config/uri.js';
import { findFactory, type ConnectionFactory } from '../config/factories.js';
import { AmqpConnections, declare, type AmqpConnection } from './connections.js';
import { exchangeOf, queueOf, serverLabel, serverOf, type RabbitServer } from './settings.js';
import { amqpHeadersToTransport, publishProperties } from './properties.js';

export interface RabbitSenderOptions {
  logger: Logger;
  /** `[[transport.rabbitmq.sender]]` factories of the project. */
  factories: ConnectionFactory[];
}

const DEFAULT_WAIT_MS = 30000;

export function createRabbitSender(o: RabbitSenderOptions): BrokerSender & { close(): Promise<void> } {
  const connections = new AmqpConnections(o.logger);
  const declared = new WeakMap<AmqpConnection, Set<string>>();
  return {
    async send(req: BrokerSendRequest): Promise<BrokerReply | undefined> {
      const { path, params: inline } = parseBrokerUri(req.uri);
      const factoryName = inline['rabbitmq.connection.factory'];
      const factory = factoryName ? findFactory(o.factories, factoryName, (n) => o.logger.log('warn', `RabbitMQ sender connection factory ${n} is not defined in deployment.toml; using the URI's server settings or localhost`, { component: 'RabbitMQSender' })) : undefined;
      const params = { ...(factory?.parameters ?? {}), ...inline };
      const server = serverOf(params);
      let conn: AmqpConnection;
      try {
        conn = await connections.connection(server);
      } catch (e) {
        throw new BrokerError(ErrorCodes.CONNECTION_FAILED, `Cannot connect to RabbitMQ at ${serverLabel(server)}: ${e instanceof Error ? e.message : String(e)}`);
      }
      const queue = queueOf(params, params['rabbitmq.queue.name']);
      const exchange = exchangeOf(params);
      const routingKey = params['rabbitmq.queue.routing.key'] ?? params['rabbitmq.queue.name'] ?? path;
      const topologyKey = JSON.stringify([queue, exchange, routingKey]);
      const seen = declared.get(conn) ?? new Set<string>();
      declared.set(conn, seen);
      try {
        if (!seen.has(topologyKey)) {
          await declare(conn, queue, exchange, routingKey, o.logger);
          seen.add(topologyKey);
        }
      } catch (e) {
        throw new BrokerError(ErrorCodes.SENDING_FAILED, `RabbitMQ declare for ${req.uri} failed: ${e instanceof Error ? e.message : String(e)}`);
      }
      const props = publishProperties(req, params);
      // MI names the factory on every request-reply publish (RabbitMQMessageSender.buildBasicProperties); a
      // listener answers reply_to only when the header is there. Without a named factory MI sends a name built
      // from the URI's settings, password included; Mediate leaves the password out.
      if (factoryName) props.headers['rabbitmq.connection.factory'] = factoryName;
      else if (req.expectReply) props.headers['rabbitmq.connection.factory'] = generatedFactoryName(server);
      const body = Buffer.from(req.body);
      const exchangeName = exchange?.name ?? '';
      if (req.expectReply) return rpc(conn, exchangeName, routingKey, body, props, Number(req.property('RABBITMQ_WAIT_REPLY')) || req.timeoutMs || DEFAULT_WAIT_MS);
      if (truthy(params['rabbitmq.publisher.confirms.enabled'])) {
        await confirmed(conn, exchangeName, routingKey, body, props, intOf(String(req.property('RABBITMQ_WAIT_CONFIRMS') ?? ''), DEFAULT_WAIT_MS));
        return undefined;
      }
      const ch = await conn.createChannel();
      ch.on('error', () => undefined);
      try {
        ch.publish(exchangeName, routingKey, body, props);
      } finally {
        await ch.close().catch(() => undefined);
      }
      return undefined;
    },
    close: () => connections.close(),
  };
}

type PublishProps = ReturnType<typeof publishProperties>;

/** The factory name of a URI that names none: MI's host_port_user_... without the password. */
function generatedFactoryName(s: RabbitServer): string {
  return `${s.host}_${s.port}_${s.user}_${s.vhost}`;
}

async function confirmed(conn: AmqpConnection, exchange: string, key: string, body: Buffer, props: PublishProps, waitMs: number): Promise<void> {
  const ch = await conn.createConfirmChannel();
  ch.on('error', () => undefined);
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new BrokerError(ErrorCodes.CONNECTION_TIMEOUT, `RabbitMQ did not confirm the message within ${waitMs} ms`)), waitMs);
      ch.publish(exchange, key, body, props, (err) => {
        clearTimeout(timer);
        if (err) reject(new BrokerError(ErrorCodes.SENDING_FAILED, `RabbitMQ refused the message (nack) for ${exchange || '(default exchange)'}/${key}`));
        else resolve();
      });
    });
  } finally {
    await ch.close().catch(() => undefined);
  }
}

async function rpc(conn: AmqpConnection, exchange: string, key: string, body: Buffer, props: PublishProps, waitMs: number): Promise<BrokerReply> {
  const ch = await conn.createChannel();
  ch.on('error', () => undefined);
  try {
    const { queue: replyQueue } = await ch.assertQueue('', { exclusive: true, autoDelete: true, durable: false });
    props.replyTo = replyQueue;
    return await new Promise<BrokerReply>((resolve, reject) => {
      const timer = setTimeout(() => reject(new BrokerError(ErrorCodes.CONNECTION_TIMEOUT, `Did not receive a response within ${waitMs}ms to the replyTo queue ${replyQueue}`)), waitMs);
      ch.consume(
        replyQueue,
        (m) => {
          if (!m) return;
          clearTimeout(timer);
          const headers = amqpHeadersToTransport(m.properties);
          resolve({ body: new Uint8Array(m.content), contentType: m.properties.contentType ? String(m.properties.contentType) : undefined, headers });
        },
        { noAck: true },
      ).then(
        () => ch.publish(exchange, key, body, props),
        (e: unknown) => {
          clearTimeout(timer);
          reject(new BrokerError(ErrorCodes.SENDING_FAILED, `RabbitMQ reply consumer failed: ${e instanceof Error ? e.message : String(e)}`));
        },
      );
    });
  } finally {
    await ch.close().catch(() => undefined);
  }
}


