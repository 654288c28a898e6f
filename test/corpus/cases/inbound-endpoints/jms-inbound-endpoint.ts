import { expect } from 'vitest';
import { defineCase, backendAt } from '../../case.js';
import { StompClient } from '../../../../engine/node/transports/jms/stomp-client.js';
import { consuming, until } from './_listening.js';

export default defineCase({
  id: 'inbound-endpoints/jms-inbound-endpoint',
  title: 'JMS inbound endpoint on ActiveMQ: a getQuote put on ordersQueue is sent as SOAP 1.2 to SimpleStockQuoteService; the verbatim sequence is refused as not well-formed',
  status: 'pass',
  docsWrong: ['the page\'s sequence closes its root element on the first line and then has children: not well-formed (refused with its file, line and column, asserted); the corrected copy is deployed'],
  deviates: ['ActiveMQ is reached over its STOMP connector (61613) on the host of java.naming.provider.url tcp://localhost:61616 (no OpenWire client for Node)'],
  backends: { quotes: { kind: 'stock-quote' } },
  artifacts: [
    { file: 'inboundendpoint_jms_inbound.xml' },
    { file: 'sequence_request.xml' },
    { file: 'sequence_request.corrected.xml', as: 'sequence_request_corrected.xml', edits: [backendAt('http://localhost:9000', 'quotes')] },
  ],
  expectRefused: ['sequence_request.xml'],
  async run(t) {
    // Refused with the file, line and column of the element after the self-closed root.
    expect(t.logs().some((l) => /sequence_request\.xml failed: 3:3 XML001 malformed XML/.test(l))).toBe(true);
    await consuming(t, 'inbound-endpoint:jms_inbound');
    const stomp = await StompClient.connect({ host: '127.0.0.1', port: 61613 });
    try {
      await stomp.send('/queue/ordersQueue', t.corpusFile('message.xml'), { 'amq-msg-type': 'text' });
      const quotes = t.backend('quotes');
      await until('the back end generated the quote', () => quotes.logs.some((l: string) => l.endsWith('Generating quote for : IBM')), 8000);
      const req = quotes.lastRequests.at(-1);
      expect(String(req.headers['content-type'])).toMatch(/^application\/soap\+xml/);
      expect(quotes.logs.filter((l: string) => l.endsWith('Generating quote for : IBM'))).toHaveLength(1);
    } finally {
      await stomp.disconnect();
    }
  },
});
