import { expect } from 'vitest';
import { randomUUID } from 'node:crypto';
import { defineCase } from '../../case.js';
import { StompClient, type StompMessage } from '../../../../engine/node/transports/jms/stomp-client.js';

export default defineCase({
  id: 'brokers/jms-producer-proxy',
  title: 'Produce JMS messages: an HTTP proxy calls a jms:/ queue address (OUT_ONLY, 202 to the client)',
  status: 'pass',
  docsWrong: ['the page checks the queue in the ActiveMQ web console, which Debian\'s ActiveMQ does not ship: a STOMP consumer on the queue checks it'],
  deviates: ['the OpenWire URL tcp://localhost:61616 is reached over the same ActiveMQ\'s STOMP connector (127.0.0.1:61613)'],
  artifacts: [{ file: 'proxy_StockQuoteProxy.xml' }],
  async run(t) {
    const run = randomUUID().slice(0, 8);
    const sub = await StompClient.connect({ host: '127.0.0.1', port: 61613 });
    const received: StompMessage[] = [];
    try {
      // Only this run's message (the queue is named by the docs and may hold others).
      await sub.subscribe('/queue/SimpleStockQuoteService', (m) => received.push(m), { selector: `CorpusRun = '${run}'` });
      const r = await t.request('POST', '/services/StockQuoteProxy', { headers: { 'Content-Type': 'application/xml', CorpusRun: run }, body: '<order><symbol>IBM</symbol></order>' });
      expect(r.status).toBe(202);
      expect(r.text).toBe('');
      const deadline = Date.now() + 8000;
      while (received.length < 1 && Date.now() < deadline) await new Promise((res) => setTimeout(res, 25));
      expect(received.map((m) => m.body.toString())).toEqual(['<order><symbol>IBM</symbol></order>']);
      expect(received[0]!.headers.persistent).toBe('true');
    } finally {
      await sub.disconnect();
    }
  },
});
