/**
 * The Kafka protocol fake, driven by kafkajs as a user's client would drive a broker. No
 * Kafka broker can run on this machine, so these tests (and every Kafka test) run against
 * this fake: they check that it keeps records, offsets and groups as Kafka does, so the
 * Kafka inbound endpoint's tests mean something.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kafka, logLevel } from 'kafkajs';
import { KafkaFake } from './server.js';

describe('Kafka protocol fake (no Kafka broker can run here)', () => {
  let fake: KafkaFake;
  let kafka: Kafka;
  beforeAll(async () => {
    fake = await new KafkaFake({ defaultPartitions: 2 }).start();
    kafka = new Kafka({ clientId: 'fake-test', brokers: [fake.bootstrap], logLevel: logLevel.NOTHING, retry: { retries: 3 } });
  });
  afterAll(() => fake.stop());

  it('keeps produced records with keys and headers and serves them to a group member from the earliest offset, then commits', async () => {
    const producer = kafka.producer();
    await producer.connect();
    const sent = await producer.send({ topic: 'orders', messages: [{ key: 'k1', value: 'one', headers: { h: 'v' }, partition: 0 }, { key: 'k2', value: 'two', partition: 0 }] });
    expect(sent[0]).toMatchObject({ topicName: 'orders', partition: 0, baseOffset: '0' });
    await producer.send({ topic: 'orders', messages: [{ value: 'three', partition: 0 }] });
    await producer.disconnect();

    const consumer = kafka.consumer({ groupId: 'g1', maxWaitTimeInMs: 100 });
    await consumer.connect();
    await consumer.subscribe({ topic: 'orders', fromBeginning: true });
    const seen: { value: string; key: string | null; offset: string; headers: Record<string, string> }[] = [];
    await consumer.run({
      eachMessage: async ({ message }) => {
        seen.push({ value: String(message.value), key: message.key ? String(message.key) : null, offset: message.offset, headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)])) });
      },
    });
    await waitUntil(() => seen.length >= 3);
    expect(seen).toEqual([
      { value: 'one', key: 'k1', offset: '0', headers: { h: 'v' } },
      { value: 'two', key: 'k2', offset: '1', headers: {} },
      { value: 'three', key: null, offset: '2', headers: {} },
    ]);
    await consumer.disconnect();
    expect(fake.group('g1').committed('orders', 0)).toBe(3n);
  });

  it('a group that rejoins resumes after its committed offset', async () => {
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: 'orders', messages: [{ value: 'four', partition: 0 }] });
    await producer.disconnect();
    const consumer = kafka.consumer({ groupId: 'g1', maxWaitTimeInMs: 100 });
    await consumer.connect();
    await consumer.subscribe({ topic: 'orders', fromBeginning: true });
    const seen: string[] = [];
    await consumer.run({ eachMessage: async ({ message }) => void seen.push(String(message.value)) });
    await waitUntil(() => seen.length >= 1);
    await new Promise((r) => setTimeout(r, 300));
    expect(seen).toEqual(['four']);
    await consumer.disconnect();
  });
});

async function waitUntil(check: () => boolean, ms = 10000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}
