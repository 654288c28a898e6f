import { expect } from 'vitest';
import { defineCase, backendAt, replace } from '../../case.js';
import { consuming } from '../inbound-endpoints/_listening.js';
import amqp from 'amqplib';
import { BROKER_URL, queueDepth, until, withChannel } from './_rabbit.js';

/** Per run, so two runs on one broker never share the topology. */
const RUN = `${process.pid}-${Date.now().toString(36)}`;
const ORDERS = `orders-${RUN}`;
const ORDERS_X = `orders-exchange-${RUN}`;
const ERROR_X = `orders-error-exchange-${RUN}`;
const ERRORS = `orders-error-${RUN}`;

/** Whether the back end answers (the second half takes it down). */
let ordersUp = true;

const ORDER = '<order><id>42</id></order>';
/** $body is the SOAP Body element; MI's stringValueOf gives an element without text of its own as its XML. */
const RECEIVED = `<soapenv:Body xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">${ORDER}</soapenv:Body>`;

export default defineCase({
  id: 'rabbitmq/move-msgs-to-dlq',
  title: 'RabbitMQ dead-lettering: a transports="rabbitmq" proxy with client ack sets SET_ROLLBACK_ONLY in its fault sequence; the broker moves the rejected message to the dead letter exchange',
  status: 'pass',
  docsWrong: [
    'the page describes the topology in prose only and leaves the exchange types and the dead letter routing key open: the case declares orders-exchange direct (the proxy declares it direct anyway), orders-error-exchange fanout, orders with x-dead-letter-exchange only (asserted: the dead-lettered message keeps its routing key)',
    'the request is not given: the case publishes <order><id>42</id></order> with a headers table (MI 4.4 fails on a rejected message without one)',
    'the back end http://localhost:8280/orders is not described: a recording stand-in answers POST /orders, and drops the connection when "unavailable"',
    'the page names a listener connection factory AMQPConnectionFactory it never prints: the consumer uses the localhost defaults',
    "the custom log of $body prints the SOAP Body element, not the bare order: MI's SynapseXPath.stringValueOf gives an element with no text of its own as its XML (asserted: Message Received = <soapenv:Body xmlns:soapenv=...><order>...</order></soapenv:Body>)",
  ],
  deviates: [
    "the case declares the page's topology after deployment, so the proxy (autodeclare false) first fails to bind with NOT_FOUND and consumes on its retry a second later",
    'the queues and exchanges get a per-run suffix (orders-<run>, orders-exchange-<run>, orders-error-exchange-<run>, orders-error-<run>), so the routing key (the queue name, as the proxy binds it) is orders-<run>; all are deleted afterwards',
  ],
  backends: {
    orders: { kind: 'recording', options: { routes: { 'POST /orders': () => (ordersUp ? { status: 200, body: { ok: true } } : { dropConnection: true }) } } },
  },
  artifacts: [
    {
      file: 'proxy_OrdersService.xml',
      edits: [backendAt('http://localhost:8280', 'orders'), replace('>orders-exchange<', `>${ORDERS_X}<`), replace('<parameter name="rabbitmq.queue.name">orders<', `<parameter name="rabbitmq.queue.name">${ORDERS}<`)],
    },
  ],
  async run(t) {
    // The page's steps 2-4, before the proxy connects (it declares no queue: rabbitmq.queue.autodeclare=false).
    await withChannel(async (ch) => {
      await ch.assertExchange(ORDERS_X, 'direct', { durable: true });
      await ch.assertExchange(ERROR_X, 'fanout', { durable: true });
      await ch.assertQueue(ERRORS, { durable: true });
      await ch.bindQueue(ERRORS, ERROR_X, '');
      await ch.assertQueue(ORDERS, { durable: true, arguments: { 'x-dead-letter-exchange': ERROR_X } });
      await ch.bindQueue(ORDERS, ORDERS_X, ORDERS);
    });
    const publish = async () => {
      const c = await amqp.connect(BROKER_URL);
      try {
        const ch = await c.createConfirmChannel();
        ch.publish(ORDERS_X, ORDERS, Buffer.from(ORDER), { contentType: 'application/xml', messageId: `m-${Date.now()}`, headers: { 'x-test': '1' } });
        await ch.waitForConfirms();
      } finally {
        await c.close();
      }
    };
    try {
      await consuming(t, 'proxy:OrdersService');
      const orders = () => t.backend('orders').requests.filter((r: { path: string }) => r.path === '/orders');
      const status = (s: string) => t.logs().filter((l) => l.includes(`Status = ${s}`));

      // Control: the back end answers, the message is processed and acked; nothing is dead-lettered.
      await publish();
      await until('the order processed', () => status('The message process successfully').length === 1);
      expect(orders().length).toBe(1);
      expect(orders()[0]!.body).toBe(ORDER);
      await until('the orders queue empty', async () => (await queueDepth(ORDERS)) === 0);
      expect(await queueDepth(ERRORS)).toBe(0);

      // The back end unavailable: the fault sequence rolls back, the message is rejected and dead-lettered.
      ordersUp = false;
      await publish();
      await until('the failure logged', () => status('Could not process the message').length === 1);
      await until('the message dead-lettered', async () => (await queueDepth(ERRORS)) === 1);
      expect(await queueDepth(ORDERS)).toBe(0);
      expect(t.logs().filter((l) => l.includes(`Message Received = ${RECEIVED}`)).length).toBe(2);
      expect(t.logs().some((l) => new RegExp(`The rejected message with message id: m-\\d+ and delivery tag: \\d+ on the queue: ${ORDERS} will discard or dead-lettered\\.`).test(l))).toBe(true);
      const dead = await withChannel((ch) => ch.get(ERRORS, { noAck: true }));
      expect(dead).not.toBe(false);
      if (dead === false) return;
      expect(dead.content.toString()).toBe(ORDER);
      const death = dead.properties.headers?.['x-death']?.[0];
      expect(death).toBeDefined();
      expect({ queue: death?.queue, reason: death?.reason, count: Number(death?.count), exchange: death?.exchange, keys: death?.['routing-keys'] }).toEqual({ queue: ORDERS, reason: 'rejected', count: 1, exchange: ORDERS_X, keys: [ORDERS] });
      expect(status('Could not process the message').length).toBe(1);
      expect(status('The message process successfully').length).toBe(1);
    } finally {
      ordersUp = true;
      await withChannel(async (ch) => {
        for (const q of [ORDERS, ERRORS]) await ch.deleteQueue(q);
        for (const x of [ORDERS_X, ERROR_X]) await ch.deleteExchange(x);
      });
    }
  },
});
