/**
 * The RabbitMQ sender on the machine's RabbitMQ (127.0.0.1:5672): an API's `rabbitmq:/`
 * address declares and binds what the URI names, publishes with MI's AMQP properties,
 * waits for publisher confirms, and does request-reply over a server-named reply queue.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import amqp from 'amqplib';
import { probeService, describeWithServices } from '../../../../test/support/services.js';
import { testEngine } from '../../../testing/harness.js';
import { MemoryLogger } from '../../../core/logger.js';
import { createRabbitSender } from './sender.js';

const rabbit = await probeService({ name: 'RabbitMQ', port: 5672, start: 'rabbitmq-server -detached' });
const SYN = 'xmlns="http://ws.apache.org/ns/synapse"';

describeWithServices('RabbitMQ sender', [rabbit], () => {
  let conn: Awaited<ReturnType<typeof amqp.connect>>;
  let ch: Awaited<ReturnType<typeof conn.createChannel>>;
  const logger = new MemoryLogger();
  const sender = createRabbitSender({ logger, factories: [{ name: 'AMQPConnectionFactory', parameters: { 'rabbitmq.server.host.name': 'localhost', 'rabbitmq.server.port': '5672' } }] });
  const cleanup: string[] = [];
  beforeAll(async () => {
    conn = await amqp.connect('amqp://guest:guest@127.0.0.1:5672');
    ch = await conn.createChannel();
  });
  afterAll(async () => {
    for (const q of cleanup) await ch.deleteQueue(q).catch(() => undefined);
    await sender.close();
    await conn?.close();
  });

  function engineWith(inSequence: string) {
    return testEngine({ 'a.xml': `<api ${SYN} name="R" context="/r"><resource methods="POST"><inSequence>${inSequence}</inSequence>
      <faultSequence><payloadFactory media-type="text"><format>$1 $2</format><args><arg expression="get-property('ERROR_CODE')"/><arg expression="get-property('ERROR_MESSAGE')"/></args></payloadFactory><respond/></faultSequence></resource></api>` }, { brokerSenders: new Map([['rabbitmq', sender]]) });
  }

  /** Polls the queue (an OUT_ONLY call publishes after the client got its 202, so the queue may not exist yet). */
  async function getOne(queue: string) {
    for (let i = 0; i < 100; i++) {
      const probe = await conn.createChannel();
      probe.on('error', () => undefined);
      const m = await probe.get(queue, { noAck: true }).catch(() => false as const);
      await probe.close().catch(() => undefined);
      if (m) return m;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`nothing arrived on ${queue}`);
  }

  it('declares the exchange and the durable queue, binds them, and publishes persistently with MI\'s properties', async () => {
    const q = `mediate-rmq-${randomUUID()}`;
    const x = `mediate-x-${randomUUID()}`;
    cleanup.push(q);
    const t = engineWith(`<property name="OUT_ONLY" value="true"/><property name="FORCE_SC_ACCEPTED" value="true" scope="axis2"/>
      <property name="rabbitmq.message.correlation.id" value="c-77" scope="axis2"/>
      <call><endpoint><address uri="rabbitmq:/ignored?rabbitmq.connection.factory=AMQPConnectionFactory&amp;rabbitmq.exchange.name=${x}&amp;rabbitmq.queue.name=${q}&amp;rabbitmq.queue.routing.key=orders"/></endpoint></call>`);
    const res = await t.request('POST', '/r', { headers: { 'Content-Type': 'application/json', 'X-Tenant': 'acme' }, body: '{"order":1}' });
    expect(res.status).toBe(202);
    const m = await getOne(q);
    expect(m.content.toString()).toBe('{"order":1}');
    expect(m.fields.exchange).toBe(x);
    expect(m.fields.routingKey).toBe('orders');
    expect(m.properties.deliveryMode).toBe(2);
    expect(m.properties.contentType).toBe('application/json');
    expect(m.properties.correlationId).toBe('c-77');
    expect(String(m.properties.messageId)).toMatch(/^urn:uuid:/);
    expect(m.properties.headers?.['X-Tenant']).toBe('acme');
    const check = await ch.checkQueue(q);
    expect(check.queue).toBe(q);
    await ch.deleteExchange(x);
  });

  it('publisher confirms: the call returns once the broker confirmed; the message is on the queue', async () => {
    const q = `mediate-rmq-confirm-${randomUUID()}`;
    cleanup.push(q);
    const t = engineWith(`<property name="OUT_ONLY" value="true"/><call blocking="true"><endpoint><address uri="rabbitmq:/${q}?rabbitmq.queue.name=${q}&amp;rabbitmq.publisher.confirms.enabled=true"/></endpoint></call><payloadFactory media-type="text"><format>sent</format><args/></payloadFactory><respond/>`);
    const res = await t.request('POST', '/r', { headers: { 'Content-Type': 'text/plain' }, body: 'hi' });
    expect(res.text).toBe('sent');
    expect((await getOne(q)).content.toString()).toBe('hi');
  });

  it('request-reply: the call waits on a server-named reply queue and continues with the reply', async () => {
    const q = `mediate-rmq-rpc-${randomUUID()}`;
    cleanup.push(q);
    await ch.assertQueue(q, { durable: false, autoDelete: true });
    const seen: amqp.ConsumeMessage[] = [];
    await ch.consume(q, (m) => {
      if (!m) return;
      seen.push(m);
      ch.sendToQueue(String(m.properties.replyTo), Buffer.from(`{"echo":${m.content.toString()}}`), { correlationId: m.properties.correlationId, contentType: 'application/json' });
      ch.ack(m);
    });
    const t = engineWith(`<call><endpoint><address uri="rabbitmq:/${q}"/></endpoint></call><respond/>`);
    const res = await t.request('POST', '/r', { headers: { 'Content-Type': 'application/json' }, body: '{"n":5}' });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ echo: { n: 5 } });
    // As MI, the request names a connection factory even when the URI names none (a listener answers only then), without the password.
    expect(seen[0]?.properties.headers?.['rabbitmq.connection.factory']).toBe('127.0.0.1_5672_guest_/');
    expect(String(seen[0]?.properties.replyTo)).toMatch(/^amq\.gen-/);
  });

  it('a reply that never comes faults with MI\'s message after RABBITMQ_WAIT_REPLY', async () => {
    const q = `mediate-rmq-silent-${randomUUID()}`;
    cleanup.push(q);
    const t = engineWith(`<property name="RABBITMQ_WAIT_REPLY" value="200" scope="axis2"/><call><endpoint><address uri="rabbitmq:/${q}?rabbitmq.queue.name=${q}"/></endpoint></call><respond/>`);
    const res = await t.request('POST', '/r', { headers: { 'Content-Type': 'text/plain' }, body: 'x' });
    expect(res.text).toMatch(/^101504 Did not receive a response within 200ms to the replyTo queue amq\.gen-/);
  });

  it('an unreachable server faults with 101503 naming it; an undefined factory is said in the log', async () => {
    const t = engineWith(`<call><endpoint><address uri="rabbitmq:/q?rabbitmq.connection.factory=Nope&amp;rabbitmq.server.port=1"/></endpoint></call><respond/>`);
    const res = await t.request('POST', '/r', { headers: { 'Content-Type': 'text/plain' }, body: 'x' });
    expect(res.text).toMatch(/^101503 Cannot connect to RabbitMQ at 127\.0\.0\.1:1/);
    expect(logger.records.some((e) => e.message.includes('connection factory Nope is not defined in deployment.toml'))).toBe(true);
  });
});
