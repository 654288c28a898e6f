import { expect } from 'vitest';
import { defineCase } from '../../case.js';
import amqp from 'amqplib';
import { BROKER_URL, queueDepth } from '../rabbitmq/_rabbit.js';
import { consuming, until } from './_listening.js';

const MESSAGE_ENVELOPE = /Envelope: (<\?xml version='1\.0' encoding='utf-8'\?>)?<soapenv:Envelope xmlns:soapenv="http:\/\/schemas\.xmlsoap\.org\/soap\/envelope\/"><soapenv:Body><m:placeOrder xmlns:m="http:\/\/services\.samples"><m:order><m:price>100<\/m:price><m:quantity>20<\/m:quantity><m:symbol>RMQ<\/m:symbol><\/m:order><\/m:placeOrder><\/soapenv:Body><\/soapenv:Envelope>/;

export default defineCase({
  id: 'inbound-endpoints/rabbitmq-inbound-endpoint',
  title: 'RabbitMQ inbound endpoint: declares queue and exchange, binds them by the queue name, and logs the published placeOrder in full',
  status: 'pass',
  docsWrong: [
    "the page's publisher binds queue to exchange with key route but publishes with key queue: it arrives only because the inbound endpoint binds queue with its own name as the key (asserted: both keys are consumed)",
  ],
  artifacts: [{ file: 'inboundendpoint_test.xml' }, { file: 'sequence_TestIn.xml' }],
  async run(t) {
    await consuming(t, 'inbound-endpoint:test');
    const message = Buffer.from(t.corpusFile('message.xml'));
    const conn = await amqp.connect(BROKER_URL);
    try {
      // The page's Java client, step for step (on a confirm channel, so both are on the broker before the check).
      const ch = await conn.createConfirmChannel();
      await ch.assertQueue('queue', { durable: true });
      await ch.assertExchange('exchange', 'direct', { durable: true });
      await ch.bindQueue('queue', 'exchange', 'route');
      ch.publish('exchange', 'queue', message, { contentType: 'application/xml' });
      ch.publish('exchange', 'route', message, { contentType: 'application/xml' });
      await ch.waitForConfirms();
    } finally {
      await conn.close();
    }
    await until('both messages logged', () => t.logs().filter((l) => MESSAGE_ENVELOPE.test(l)).length === 2, 8000);
    await until('the queue is drained', async () => (await queueDepth('queue')) === 0, 4000);
    expect(t.logs().some((l) => l.includes('consuming queue queue on'))).toBe(true);
  },
});
