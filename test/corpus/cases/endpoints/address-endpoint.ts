import { expect } from 'vitest';
import { defineCase, backendAt } from '../../case.js';
import { envelopeVersion, expectQuoteResponse, payloadOf, SAMPLES } from '../../xml.js';

export default defineCase({
  id: 'endpoints/address-endpoint',
  title: 'Address endpoint: POX in, SOAP 1.1 out (format="soap11")',
  status: 'pass',
  backends: { quotes: { kind: 'stock-quote' } },
  artifacts: [{ file: 'proxy_SimpleStockQuoteProxy.xml', edits: [backendAt('http://localhost:9000', 'quotes')] }],
  async run(t) {
    const body = `<m0:getQuote xmlns:m0="${SAMPLES}" xmlns:xsd="http://services.samples/xsd"><m0:request><m0:symbol>IBM</m0:symbol></m0:request></m0:getQuote>`;
    // The URL carries a suffix after the proxy name; it must still dispatch to the proxy and match the filter on To.
    const r = await t.request('POST', '/services/SimpleStockQuoteProxy/StockQuote', {
      headers: { 'Content-Type': 'application/xml; charset=UTF-8;action="urn:getQuote"', SOAPAction: 'urn:getQuote', 'User-Agent': 'Axis2' },
      body,
    });
    expect(r.status).toBe(200);
    expectQuoteResponse(payloadOf(r.text), 'IBM');
    // The backend received a SOAP 1.1 envelope with the getQuote action.
    const sent = t.backend('quotes').lastRequests.at(-1);
    expect(String(sent.headers['content-type'])).toMatch(/^text\/xml/);
    expect(String(sent.headers.soapaction)).toContain('urn:getQuote');
    expect(envelopeVersion(sent.body)).toBe('soap11');
    expect(payloadOf(sent.body).localName).toBe('getQuote');
  },
});
