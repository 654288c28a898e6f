/**
 * RabbitMQ Try-it: publishes on a confirm channel, to a queue through the default exchange
 * (routing key = queue name; the queue must exist: a Try-it never declares one) or to an exchange
 * with a routing key. An unroutable message (mandatory) is reported, not silently dropped.
 */
import amqp from 'amqplib';
import type { BrokerTryItRequest } from '../../../contract/index.js';
import { tryItError, type BrokerPublisher } from './publisher.js';

const DEFAULT_URL = 'amqp://guest:guest@127.0.0.1:5672';

async function publish(r: BrokerTryItRequest): Promise<string> {
  const url = r.url || DEFAULT_URL;
  const where = new URL(url);
  let conn: Awaited<ReturnType<typeof amqp.connect>>;
  try {
    conn = await amqp.connect(url);
  } catch (e) {
    throw tryItError(`cannot reach RabbitMQ at ${where.host}: ${e instanceof Error ? e.message : String(e)}`, 'UNREACHABLE');
  }
  // A refused check closes the channel with an 'error' event: it is reported through the rejection.
  conn.on('error', () => undefined);
  try {
    const ch = await conn.createConfirmChannel();
    ch.on('error', () => undefined);
    const toExchange = r.destinationType === 'exchange';
    if (!toExchange) await ch.checkQueue(r.destination).catch(() => Promise.reject(tryItError(`RabbitMQ has no queue ${r.destination} (is the consumer deployed and running?)`, 'NO_DESTINATION')));
    // The broker sends basic.return before the confirm of an unroutable mandatory message.
    let returned = false;
    ch.on('return', () => (returned = true));
    const exchange = toExchange ? r.destination : '';
    const key = toExchange ? r.routingKey ?? '' : r.destination;
    ch.publish(exchange, key, Buffer.from(r.payload, 'utf8'), { contentType: r.contentType, persistent: true, mandatory: true });
    await ch.waitForConfirms();
    if (returned) throw tryItError(`RabbitMQ routed the message to no queue (exchange ${exchange || '(default)'}, routing key ${key})`, 'UNROUTABLE');
    return toExchange ? `RabbitMQ exchange ${r.destination} (routing key ${key}) on ${where.host}` : `RabbitMQ queue ${r.destination} on ${where.host}`;
  } finally {
    await conn.close().catch(() => undefined);
  }
}

const rabbitmqPublisher: BrokerPublisher = { publish };
export default rabbitmqPublisher;
