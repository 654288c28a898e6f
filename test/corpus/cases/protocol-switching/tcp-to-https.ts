import { expect } from 'vitest';
import { backendAt, defineCase } from '../../case.js';
import { eventually } from '../../common.js';
import { descendants, parseXml } from '../../xml.js';
import { connectTcp, tcpPort } from '../transports/_tcp.js';

export default defineCase({
  id: 'protocol-switching/tcp-to-https',
  title: 'TCP to HTTP: a raw SOAP placeOrder on the server-level TCP listener, dispatched to StockQuoteProxy by its WS-Addressing To, goes one-way to SimpleStockQuoteService; nothing comes back on the socket',
  status: 'pass',
  docsWrong: [
    'the title says HTTP/S; the endpoint is plain http://localhost:9000 (followed here)',
    'the page relies on the server-level TCP listener on 6060 without showing its configuration: the case enables it in deployment.toml ([transport.tcp] listener.enable = true)',
  ],
  deviates: [
    'the server-level TCP listener takes a free port (listener.port = 0, read back from the runtime view) instead of 6060; the request\'s wsa:To still names 6060, and dispatch uses only its /services/StockQuoteProxy path',
  ],
  backends: { quotes: { kind: 'stock-quote' } },
  artifacts: [
    { file: 'proxy_StockQuoteProxy.xml', edits: [backendAt('http://localhost:9000', 'quotes')] },
    { name: 'deployment.toml', why: 'enables the server-level TCP listener the page links to ("Enable the TCP transport")', text: () => '[transport.tcp]\nlistener.enable = true\nlistener.port = 0\n' },
  ],
  async run(t) {
    const port = await tcpPort(t, 'StockQuoteProxy');
    const c = await connectTcp(port);
    try {
      // As netcat < request.xml: the file, then EOF (no delimiter: the record ends with the stream).
      c.write(t.corpusFile('request.xml'));
      c.end();
      // OUT_ONLY: the listener closes its side without writing a byte.
      expect((await c.closed()).length).toBe(0);
    } finally {
      c.destroy();
    }
    const quotes = t.backend('quotes');
    await eventually(() => expect(quotes.logs).toContainEqual(expect.stringMatching(/SimpleStockQuoteService +:: Accepted order #1 for : 18398 stocks of IBM at \$ 172\.23182849731984$/)), 5000);
    expect(quotes.orders).toEqual([{ number: 1, symbol: 'IBM', quantity: 18398, price: 172.23182849731984 }]);
    const sent = quotes.lastRequests as { body: string; method: string; url: string }[];
    expect(sent).toHaveLength(1);
    expect(sent[0]!.method).toBe('POST');
    const order = descendants(parseXml(sent[0]!.body), 'placeOrder');
    expect(order).toHaveLength(1);
    expect(order[0]!.namespaceURI).toBe('http://services.samples');
    // The full log of the envelope as it came off the socket.
    const logged = await t.waitForLog(/\{proxy:StockQuoteProxy\}.*Envelope:/);
    expect(logged).toContain('<wsa:MessageID>urn:uuid:464d2e2a-cd47-4c63-a7c6-550c282a1e3c</wsa:MessageID>');
    expect(logged).toContain('<wsa:To>tcp://localhost:6060/services/StockQuoteProxy</wsa:To>');
    expect(logged).toContain('<m0:price>172.23182849731984</m0:price>');
  },
});
