/**
 * transports="rabbitmq" proxies on the machine's RabbitMQ, in a project served by
 * startRuntimeHost: the connection factory comes from deployment/deployment.toml, the
 * proxy consumes with client ack, SET_ROLLBACK_ONLY and malformed payloads go to the
 * queue's dead-letter exchange while the consumer keeps consuming, and a proxy whose broker
 * cannot be reached is reported (file, name, reason) and retried while the rest serves.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import amqp from 'amqplib';
import { probeService, describeWithServices } from '../../../../test/support/services.js';
import { startTestProject, synapse, waitFor, type TestProject } from '../testing/project.js';

const rabbit = await probeService({ name: 'RabbitMQ', port: 5672, start: 'rabbitmq-server -detached' });

describeWithServices('RabbitMQ proxy listener', [rabbit], () => {
  const id = randomUUID().slice(0, 8);
  const inQ = `mediate-proxy-in-${id}`;
  const outQ = `mediate-proxy-out-${id}`;
  const dlq = `mediate-proxy-dlq-${id}`;
  let conn: Awaited<ReturnType<typeof amqp.connect>>;
  let ch: Awaited<ReturnType<typeof conn.createChannel>>;
  let p: TestProject;

  beforeAll(async () => {
    conn = await amqp.connect('amqp://guest:guest@127.0.0.1:5672');
    ch = await conn.createChannel();
    await ch.assertQueue(dlq, { durable: false });
    await ch.assertQueue(outQ, { durable: false });
    p = await startTestProject(
      {
        'OrdersProxy.xml': synapse(`<proxy name="OrdersProxy" transports="rabbitmq" startOnLoad="true"><target><inSequence>
            <filter source="json-eval($.fail)" regex="true"><then><property name="SET_ROLLBACK_ONLY" value="true" scope="axis2"/><drop/></then></filter>
            <property name="OUT_ONLY" value="true"/>
            <call blocking="true"><endpoint><address uri="rabbitmq:/${outQ}?rabbitmq.connection.factory=AMQPConnectionFactory"/></endpoint></call>
          </inSequence></target>
          <parameter name="rabbitmq.connection.factory">AMQPConnectionFactory</parameter>
          <parameter name="rabbitmq.queue.name">${inQ}</parameter>
          <parameter name="rabbitmq.queue.auto.ack">false</parameter>
          <parameter name="rabbitmq.queue.durable">false</parameter>
          <parameter name="rabbitmq.queue.optional.x-dead-letter-exchange"></parameter>
          <parameter name="rabbitmq.queue.optional.x-dead-letter-routing-key">${dlq}</parameter>
        </proxy>`),
        'DownProxy.xml': synapse(`<proxy name="DownProxy" transports="rabbitmq"><target><inSequence><drop/></inSequence></target>
          <parameter name="rabbitmq.server.port">1</parameter><parameter name="rabbitmq.queue.name">never</parameter></proxy>`),
        'Ping.xml': synapse(`<api name="Ping" context="/ping"><resource methods="GET"><inSequence><payloadFactory media-type="json"><format>{"ok":true}</format><args/></payloadFactory><respond/></inSequence></resource></api>`),
      },
      {
        'deployment/deployment.toml': `[[transport.rabbitmq.listener]]\nname = "AMQPConnectionFactory"\nparameter.hostname = "localhost"\nparameter.port = 5672\nparameter.username = "guest"\nparameter.password = "guest"\n\n[[transport.rabbitmq.sender]]\nname = "AMQPConnectionFactory"\nparameter.hostname = "localhost"\nparameter.port = 5672\n`,
      },
    );
    await p.host.active.settled();
  });
  afterAll(async () => {
    await p?.close();
    for (const q of [inQ, outQ, dlq]) await ch.deleteQueue(q).catch(() => undefined);
    await conn?.close();
  });

  async function take(queue: string): Promise<string> {
    const m = await waitFor(async () => (await ch.get(queue, { noAck: true })) || undefined, `a message on ${queue}`, 8000);
    return m.content.toString();
  }

  it('consumes the queue, mediates each message and acks it; a rollback and a malformed payload are dead-lettered; the consumer keeps going', async () => {
    await waitFor(() => p.host.active.statuses().find((s) => s.artifact === 'proxy:OrdersProxy' && s.state === 'listening'), 'OrdersProxy listening', 8000);
    ch.sendToQueue(inQ, Buffer.from('{"order":1}'), { contentType: 'application/json', messageId: 'm1' });
    expect(JSON.parse(await take(outQ))).toEqual({ order: 1 });
    ch.sendToQueue(inQ, Buffer.from('{"order":2,"fail":true}'), { contentType: 'application/json', messageId: 'm2' });
    ch.sendToQueue(inQ, Buffer.from('{"order": 3,,,'), { contentType: 'application/json', messageId: 'm3' });
    ch.sendToQueue(inQ, Buffer.from('{"order":4}'), { contentType: 'application/json', messageId: 'm4' });
    expect(JSON.parse(await take(outQ))).toEqual({ order: 4 });
    const dead = [await take(dlq), await take(dlq)];
    expect(dead).toEqual(['{"order":2,"fail":true}', '{"order": 3,,,']);
    expect(p.logger.records.some((r) => r.level === 'error' && r.message.includes('payload cannot be built'))).toBe(true);
    const q = await ch.checkQueue(inQ);
    expect(q.messageCount).toBe(0);
    expect(p.logger.records.some((r) => new RegExp(`^The rejected message with message id: m2 and delivery tag: \\d+ on the queue: ${inQ} will discard or dead-lettered\\.$`).test(r.message))).toBe(true);
  });

  it('a rollback of a message dead-lettered more often than rabbitmq.message.max.dead.lettered.count (default 0) is acked and discarded, in MI\'s words', async () => {
    ch.sendToQueue(inQ, Buffer.from('{"order":5,"fail":true}'), { contentType: 'application/json', messageId: 'm5', headers: { 'x-death': [{ count: 1, queue: inQ, reason: 'rejected' }] } });
    const line = await waitFor(() => p.logger.records.find((r) => r.message.includes('message id: m5')), 'the discard logged', 8000);
    expect(line.message).toMatch(new RegExp(`^The max dead lettered count exceeded\\. No 'rabbitmq\\.message\\.error\\.queue\\.routing\\.key' specified for publishing the message\\. Hence the message with message id: m5 and delivery tag: \\d+ on the queue: ${inQ} will discard\\.$`));
    await waitFor(async () => (await ch.checkQueue(inQ)).messageCount === 0 || undefined, 'the queue empty', 4000);
    await new Promise((r) => setTimeout(r, 200));
    expect(await ch.get(dlq, { noAck: true })).toBe(false);
  });

  it('a proxy whose broker is unreachable is reported with its file, name and reason and retried; the rest keeps serving', async () => {
    const status = await waitFor(() => p.host.active.statuses().find((s) => s.artifact === 'proxy:DownProxy' && s.state === 'failed'), 'DownProxy failed', 8000);
    expect(status.lastError).toMatch(/cannot connect to RabbitMQ at 127\.0\.0\.1:1/);
    const logged = p.logger.records.find((r) => r.level === 'error' && r.message.includes('Proxy service DownProxy'));
    expect(logged?.message).toMatch(/DownProxy \(.*DownProxy\.xml\): cannot connect to RabbitMQ at 127\.0\.0\.1:1.*retrying in \d+ ms/);
    await waitFor(() => p.logger.records.filter((r) => r.message.includes('Proxy service DownProxy') && r.message.includes('retrying')).length >= 2, 'a second attempt', 8000);
    const res = await fetch(`http://127.0.0.1:${p.host.port}/ping`);
    expect(await res.json()).toEqual({ ok: true });
  });
});

describeWithServices('RabbitMQ proxy listener across a connection the broker closes', [rabbit], () => {
  it('reconnects after the server closes its connection and delivers every message published meanwhile', async () => {
    const id = randomUUID().slice(0, 8);
    const inQ = `mediate-reconnect-in-${id}`;
    const outQ = `mediate-reconnect-out-${id}`;
    const conn = await amqp.connect('amqp://guest:guest@127.0.0.1:5672');
    const ch = await conn.createChannel();
    await ch.assertQueue(outQ, { durable: false });
    const p = await startTestProject({
      [`Rc${id}.xml`]: synapse(`<proxy name="Rc${id}" transports="rabbitmq"><target><inSequence><property name="OUT_ONLY" value="true"/>
          <call blocking="true"><endpoint><address uri="rabbitmq:/${outQ}"/></endpoint></call></inSequence></target>
        <parameter name="rabbitmq.queue.name">${inQ}</parameter><parameter name="rabbitmq.queue.auto.ack">false</parameter></proxy>`),
    });
    try {
      await waitFor(() => p.host.active.statuses().find((s) => s.artifact === `proxy:Rc${id}` && s.state === 'listening'), 'listening', 8000);
      for (let n = 1; n <= 3; n++) ch.sendToQueue(inQ, Buffer.from(`{"n":${n}}`), { contentType: 'application/json', persistent: true });
      // Broker-side kill of this proxy's connection only (other tests' connections stay up).
      const { execFileSync } = await import('node:child_process');
      const listing = execFileSync('rabbitmqctl', ['-q', 'list_connections', 'pid', 'client_properties'], { encoding: 'utf8' });
      const pid = listing.split('\n').find((l) => l.includes(`Proxy service Rc${id}`))?.split('\t')[0];
      expect(pid).toBeDefined();
      execFileSync('rabbitmqctl', ['-q', 'close_connection', pid!, 'test closes it']);
      for (let n = 4; n <= 6; n++) ch.sendToQueue(inQ, Buffer.from(`{"n":${n}}`), { contentType: 'application/json', persistent: true });
      await waitFor(() => p.logger.records.some((r) => r.message.includes(`Proxy service Rc${id}`) && r.message.includes('was closed')), 'the lost connection reported', 8000);
      const seen = new Set<number>();
      await waitFor(async () => {
        for (let m = await ch.get(outQ, { noAck: true }); m; m = await ch.get(outQ, { noAck: true })) seen.add((JSON.parse(m.content.toString()) as { n: number }).n);
        return seen.size === 6;
      }, 'all six messages forwarded', 15000);
      expect([...seen].sort()).toEqual([1, 2, 3, 4, 5, 6]);
    } finally {
      await p.close();
      await ch.deleteQueue(inQ).catch(() => undefined);
      await ch.deleteQueue(outQ).catch(() => undefined);
      await conn.close();
    }
  });
});
