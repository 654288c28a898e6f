import { expect } from 'vitest';
import { defineCase, replace } from '../../case.js';
import { consuming } from '../inbound-endpoints/_listening.js';
import { deleteQueues, queueDepth, until, withChannel } from './_rabbit.js';

/** Per run, so two runs on one broker never consume each other's requests. */
const QUEUE = `order-request-${process.pid}-${Date.now().toString(36)}`;

export default defineCase({
  id: 'rabbitmq/request-response-dual-channel',
  title: 'RabbitMQ request-reply: an HTTP proxy calls a queue, a transports="rabbitmq" proxy calls the orders API and responds to reply_to; the HTTP client gets the answer',
  status: 'pass',
  docsWrong: [
    "rabbitmq.message.content.type=Content-Type on the sending side is not read by MI's sender (content_type comes from messageType): a no-op (asserted: the request goes out as application/json)",
    'the reply only goes back because the RPC publisher adds the header rabbitmq.connection.factory (MI adds it to every request-reply publish, a generated name when the URI names no factory); a reply_to request from a foreign client without it is not answered (asserted)',
    'the "mock Orders Backend service" is an API of the same server (the case points its http://localhost:8290 at the runtime itself)',
    'the page names a listener connection factory AMQPConnectionFactory it never prints: the consumer uses the localhost defaults and says so (asserted)',
  ],
  deviates: [
    'the queue order-request gets a per-run suffix (order-request-<run>) in both proxies, and is deleted afterwards',
    "without a factory in the URI MI's generated factory name carries the server password (host_port_user_password_...); Mediate sends host_port_user_vhost instead",
  ],
  artifacts: [
    { file: 'proxy_OrderRequestService.xml', edits: [replace('rabbitmq:/order-request?', `rabbitmq:/${QUEUE}?`)] },
    { file: 'proxy_OrderProcessingService.xml', edits: [replace('>order-request<', `>${QUEUE}<`), (text, t) => text.split('http://localhost:8290').join(t.selfUrl)] },
    { file: 'api_mockOrdersBackend.xml' },
  ],
  async run(t) {
    try {
      await consuming(t, 'proxy:OrderProcessingService');
      expect(t.logs().some((l) => l.includes('Proxy service OrderProcessingService') && l.includes('RabbitMQ connection factory AMQPConnectionFactory is not defined in deployment.toml'))).toBe(true);

      // HTTP -> queue -> proxy -> orders API -> reply_to -> HTTP.
      const r = await t.request('POST', '/services/OrderRequestService', { headers: { 'Content-Type': 'application/json' }, body: t.corpusFile('request.json') });
      expect(r.status).toBe(200);
      expect(r.contentType).toMatch(/^application\/json/);
      expect(r.json()).toEqual({ message: 'Order created' });
      const placed = await t.waitForLog(/Info = Your order has been placed successfully\./);
      expect(placed).toContain('{proxy:OrderProcessingService}');
      expect(placed).toMatch(/Direction: response, .*Payload: \{"message":"Order created"\}, Info = /);
      await until('the request queue empty', async () => (await queueDepth(QUEUE)) === 0);

      // A foreign client's reply_to request: answered only when it carries the header rabbitmq.connection.factory (MI's processReplyToHeader).
      const placedCount = () => t.logs().filter((l) => l.includes('Info = Your order has been placed successfully.')).length;
      const replies = await withChannel(async (ch) => {
        const { queue: replyTo } = await ch.assertQueue('', { exclusive: true, autoDelete: true, durable: false });
        const got: { body: string; correlationId: unknown; contentType: unknown }[] = [];
        await ch.consume(replyTo, (m) => void (m && got.push({ body: m.content.toString(), correlationId: m.properties.correlationId, contentType: m.properties.contentType })), { noAck: true });
        ch.sendToQueue(QUEUE, Buffer.from('{"orderId":"1"}'), { replyTo, correlationId: 'c-1', contentType: 'application/json', headers: { 'x-test': '1' } });
        await until('the request without the header handled', () => placedCount() === 2);
        ch.sendToQueue(QUEUE, Buffer.from('{"orderId":"2"}'), { replyTo, correlationId: 'c-2', contentType: 'application/json', headers: { 'rabbitmq.connection.factory': 'AMQPConnectionFactory' } });
        await until('the request with the header answered', () => placedCount() === 3 && got.length > 0);
        await new Promise((r) => setTimeout(r, 300));
        return got;
      });
      expect(replies).toEqual([{ body: '{"message":"Order created"}', correlationId: 'c-2', contentType: 'application/json' }]);
    } finally {
      await deleteQueues(QUEUE);
    }
  },
});
