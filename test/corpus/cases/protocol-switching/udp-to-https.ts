import dgram from 'node:dgram';
import { expect } from 'vitest';
import { backendAt, defineCase, replace } from '../../case.js';
import { eventually, sleep } from '../../common.js';
import { tcpPort as listeningPort } from '../transports/_tcp.js';
// @ts-expect-error plain ESM JavaScript module without type declarations
import { simpleStockQuoteWsdl } from '../../../backends/stock-quote-wsdl.mjs';

export default defineCase({
  id: 'protocol-switching/udp-to-https',
  title: 'UDP to HTTP: one SOAP placeOrder datagram on StockQuoteProxy\'s UDP port goes one-way to SimpleStockQuoteService; no datagram comes back',
  status: 'pass',
  docsWrong: ['the title says HTTP/S; the endpoint is plain http://localhost:9000 (followed here)'],
  deviates: [
    'the page does not give conf:UDP_WSDL/sample_proxy_1.wsdl: the stand-in\'s SimpleStockQuoteService WSDL is deployed as a local entry under that key (a local entry answers a registry key, as in MI)',
    'the proxy listens on a free UDP port (transport.udp.port 0, read back from the runtime view) instead of 9999; the datagram\'s wsa:To still names 9999',
  ],
  backends: { quotes: { kind: 'stock-quote' } },
  artifacts: [
    {
      name: 'localentry_UDP_WSDL.xml',
      why: 'the WSDL publishWSDL names, which the page does not give',
      text: (t) => `<localEntry xmlns="http://ws.apache.org/ns/synapse" key="conf:UDP_WSDL/sample_proxy_1.wsdl">${String(simpleStockQuoteWsdl(t.backendUrl('quotes'))).replace(/^<\?xml[^>]*\?>\s*/, '')}</localEntry>`,
    },
    { file: 'proxy_StockQuoteProxy.xml', edits: [backendAt('http://localhost:9000', 'quotes'), replace('<parameter name="transport.udp.port">9999</parameter>', '<parameter name="transport.udp.port">0</parameter>')] },
  ],
  async run(t) {
    const port = await listeningPort(t, 'StockQuoteProxy');
    const socket = dgram.createSocket('udp4');
    const back: Buffer[] = [];
    socket.on('message', (m) => back.push(m));
    try {
      await new Promise<void>((r) => socket.bind(0, '127.0.0.1', () => r()));
      const datagram = Buffer.from(t.corpusFile('request.xml'), 'utf8');
      expect(datagram.length).toBeLessThan(1024);
      await new Promise<void>((r, j) => socket.send(datagram, port, '127.0.0.1', (e) => (e ? j(e) : r())));
      const quotes = t.backend('quotes');
      await eventually(() => expect(quotes.logs).toContainEqual(expect.stringMatching(/SimpleStockQuoteService +:: Accepted order #1 for : 18398 stocks of IBM at \$ 172\.23182849731984$/)), 5000);
      expect(quotes.orders).toEqual([{ number: 1, symbol: 'IBM', quantity: 18398, price: 172.23182849731984 }]);
      const logged = await t.waitForLog(/\{proxy:StockQuoteProxy\}.*Envelope:/);
      expect(logged).toContain('udp://localhost:9999/services/StockQuoteProxy');
      expect(logged).toContain('<wsa:MessageID>urn:uuid:464d2e2a-cd47-4c63-a7c6-550c282a1e3c</wsa:MessageID>');
      // publishWSDL from the registry key: the proxy's ?wsdl is that WSDL.
      const wsdl = await t.request('GET', '/services/StockQuoteProxy?wsdl');
      expect(wsdl.status).toBe(200);
      expect(wsdl.text).toMatch(/^<wsdl:definitions [^>]*targetNamespace="http:\/\/services\.samples"/);
      expect(wsdl.text).toContain('<wsdl:operation name="placeOrder">');
      await sleep(300);
      expect(back).toEqual([]);
    } finally {
      socket.close();
    }
  },
});
