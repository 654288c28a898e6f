import { expect } from 'vitest';
import { defineCase, backendAt } from '../../case.js';
import { expectQuoteResponse, parseXml } from '../../xml.js';

const body = '<ser:getQuote xmlns:ser="http://services.samples" xmlns:xsd="http://services.samples/xsd"><ser:request><xsd:symbol>IBM</xsd:symbol></ser:request></ser:getQuote>';

export default defineCase({
  id: 'registry/local-registry-entries',
  title: 'Sequence and endpoint as local registry entries; POX in, POX out',
  status: 'pass',
  docsWrong: ['the request has a header typo "ontent-Type"; we send Content-Type: application/xml as intended'],
  backends: { quotes: { kind: 'stock-quote' } },
  artifacts: [
    { file: 'proxy_MainProxy.xml' },
    // The page says to create them "as local entries": wrapped in <localEntry key=...> (ours), as case.md asks.
    { name: 'localentry_stockquote.xml', why: 'sequence_stockquote.xml wrapped in a local entry', text: (t) => `<localEntry xmlns="http://ws.apache.org/ns/synapse" key="stockquote">${t.corpusFile('sequence_stockquote.xml')}</localEntry>` },
    { name: 'localentry_simple.xml', why: 'endpoint_simple.xml wrapped in a local entry', text: (t) => `<localEntry xmlns="http://ws.apache.org/ns/synapse" key="simple">${backendAt('http://localhost:9000', 'quotes')(t.corpusFile('endpoint_simple.xml'), t)}</localEntry>` },
  ],
  async run(t) {
    const r = await t.request('POST', '/services/MainProxy', { headers: { 'Content-Type': 'application/xml' }, body });
    expect(r.status).toBe(200);
    expect(r.contentType).toMatch(/^application\/xml/);
    expectQuoteResponse(parseXml(r.text).documentElement as unknown as Element, 'IBM');
    await t.waitForLog(/INFO \{LogMediator\} .*Text = Sending quote request, direction = incoming$/);
  },
});
