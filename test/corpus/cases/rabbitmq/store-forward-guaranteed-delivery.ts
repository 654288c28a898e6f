import { expect } from 'vitest';
import { defineCase, backendAt } from '../../case.js';
import { deleteQueues, purgeQueue, queueDepth, until } from './_rabbit.js';

/** The back end fails (503) until the case lets it answer. */
let backendUp = true;

export default defineCase({
  id: 'rabbitmq/store-forward-guaranteed-delivery',
  title: 'Guaranteed delivery through a RabbitMQ message store: store, forward, deactivate after 4 failures, deliver after re-activation',
  status: 'pass',
  docsWrong: [
    'message.processor.failMessagesStore names sales-store, which the page never defines: after 4 failed attempts the processor deactivates and the message stays in the queue (asserted), as in MI',
    'the back end on localhost:8280 is not described: a recording stand-in answers POST /deliveries',
  ],
  deviates: ['the back end fails with 503 rather than refusing the connection (the stand-in keeps its port for the second half); both are delivery failures to the forwarding processor'],
  backends: {
    deliveries: { kind: 'recording', options: { routes: { 'POST /deliveries': () => (backendUp ? { status: 200, body: { ok: true } } : { status: 503, body: { down: true } }) } } },
  },
  artifacts: [
    { file: 'endpoint_DeliveryEndpoint.xml', edits: [backendAt('http://localhost:8280', 'deliveries')] },
    { file: 'messagestore_sales-delivery-store.xml' },
    { file: 'messageprocessor_sales-delivery-processor.xml' },
    { file: 'proxy_sales-delivery-proxy.xml' },
  ],
  async run(t) {
    await purgeQueue('sales-delivery');
    const deliveries = () => t.backend('deliveries').requests.filter((r) => r.path === '/deliveries');
    const post = () => t.request('POST', '/services/sales-delivery-proxy', { headers: { 'Content-Type': 'application/xml' }, body: t.corpusFile('request.xml') });
    try {
      // Happy path: 202, one delivery with the stored XML, the queue drained.
      backendUp = true;
      const r = await post();
      expect(r.status).toBe(202);
      expect(r.text).toBe('');
      await until('the message delivered', () => deliveries().length === 1);
      expect(deliveries()[0]!.headers['content-type']).toMatch(/^application\/xml/);
      expect(deliveries()[0]!.body).toContain('<SaleName>HealthCorp</SaleName>');
      await until('the queue drained', async () => (await queueDepth('sales-delivery')) === 0);

      // Guaranteed delivery: 4 failed attempts deactivate the processor; the message waits in the queue.
      backendUp = false;
      expect((await post()).status).toBe(202);
      await t.waitForLog(/failed to forward message 4 times\. Deactivating message processor/i, 15000);
      expect(deliveries().length).toBe(5);
      expect(t.host.messaging.processorStatuses().find((p) => p.name === 'sales-delivery-processor')?.active).toBe(false);
      await until('the message back in the queue', async () => (await queueDepth('sales-delivery')) === 1);

      // Re-activated with the back end up: delivered once, the queue drains.
      backendUp = true;
      await t.host.messaging.setProcessorActive('sales-delivery-processor', true);
      await until('the message delivered after re-activation', () => deliveries().length === 6);
      await until('the queue drained again', async () => (await queueDepth('sales-delivery')) === 0);
      expect(deliveries().length).toBe(6);
    } finally {
      backendUp = true;
      await deleteQueues('sales-delivery');
    }
  },
});
