/**
 * The RabbitMQ message store on the machine's RabbitMQ: the backend contract every store
 * owes the processors (FIFO, held messages, release, browse, durability across a reopen),
 * each run on its own queue; exchange binding; an unreachable broker.
 */
import { afterAll, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import amqp from 'amqplib';
import { probeService, describeWithServices } from '../../../../test/support/services.js';
import { MemoryLogger } from '../../../core/logger.js';
import { backendContract, storedMessage } from '../testing/backend-contract.js';
import { RabbitMQStore } from './rabbitmq-store.js';

const rabbit = await probeService({ name: 'RabbitMQ', port: 5672, start: 'rabbitmq-server -detached' });
const queues: string[] = [];

describeWithServices('RabbitMQ message store', [rabbit], () => {
  afterAll(async () => {
    const c = await amqp.connect('amqp://guest:guest@127.0.0.1:5672');
    const ch = await c.createChannel();
    for (const q of queues) await ch.deleteQueue(q).catch(() => undefined);
    await c.close();
  });

  backendContract(
    async () => {
      const q = `mediate-store-${randomUUID()}`;
      queues.push(q);
      return () => new RabbitMQStore('S', { 'store.rabbitmq.queue.name': q, 'store.rabbitmq.host.name': 'localhost' }, new MemoryLogger());
    },
    { durable: true },
  );

  it('binds its queue to the exchange it names and publishes through it', async () => {
    const q = `mediate-store-x-${randomUUID()}`;
    const x = `mediate-store-ex-${randomUUID()}`;
    queues.push(q);
    const s = new RabbitMQStore('S', { 'store.rabbitmq.queue.name': q, 'store.rabbitmq.exchange.name': x, 'store.rabbitmq.route.key': 'k' }, new MemoryLogger());
    await s.open();
    await s.store(storedMessage(7));
    expect(await s.size()).toBe(1);
    expect((await s.get(storedMessage(7).messageId))?.payload).toEqual({ kind: 'json', json: '{"n":7}' });
    await s.close();
    const c = await amqp.connect('amqp://guest:guest@127.0.0.1:5672');
    await (await c.createChannel()).deleteExchange(x);
    await c.close();
  });

  it('a queue deleted after open is declared again: the message is kept, not confirmed into nowhere', async () => {
    const q = `mediate-store-gone-${randomUUID()}`;
    queues.push(q);
    const s = new RabbitMQStore('S', { 'store.rabbitmq.queue.name': q }, new MemoryLogger());
    await s.open();
    const c = await amqp.connect('amqp://guest:guest@127.0.0.1:5672');
    await (await c.createChannel()).deleteQueue(q);
    await c.close();
    await s.store(storedMessage(8));
    expect(await s.size()).toBe(1);
    expect((await s.get(storedMessage(8).messageId))?.payload).toEqual({ kind: 'json', json: '{"n":8}' });
    await s.close();
  });

  it('an unreachable broker is a StoreUnavailableError naming the store and the server', async () => {
    const s = new RabbitMQStore('Orders', { 'store.rabbitmq.host.port': '1' }, new MemoryLogger());
    await expect(s.open()).rejects.toMatchObject({ name: 'StoreUnavailableError', message: expect.stringMatching(/RabbitMQ message store Orders cannot reach localhost:1/) });
  });
});
