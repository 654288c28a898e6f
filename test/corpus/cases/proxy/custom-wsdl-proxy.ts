import { expect } from 'vitest';
import { defineCase, backendAt } from '../../case.js';
import { soap11, getQuote, payloadOf, expectQuoteResponse } from '../../xml.js';
import { pointWsdlAtStandIn } from './simple-proxy.js';

export default defineCase({
  id: 'proxy/custom-wsdl-proxy',
  title: 'A proxy publishing a custom WSDL at ?wsdl',
  status: 'pass',
  docsWrong: ['the printed response (content-type application/xml, server: ballerina, no ns:return) is a docs artefact; the proxy returns the backend\'s SOAP response'],
  backends: { quotes: { kind: 'stock-quote' } },
  artifacts: [{ file: 'proxy_StockQuoteProxy.xml', edits: [backendAt('http://localhost:9000', 'quotes'), pointWsdlAtStandIn] }],
  async run(t) {
    const wsdl = await t.request('GET', '/services/StockQuoteProxy?wsdl');
    expect(wsdl.status).toBe(200);
    // The custom WSDL (not the default one with only a `mediate` operation), with the proxy's address.
    expect(wsdl.text).toContain('getQuote');
    expect(wsdl.text).toContain('/services/StockQuoteProxy');
    const r = await t.request('POST', '/services/StockQuoteProxy', { headers: { 'Content-Type': 'text/xml', SOAPAction: 'urn:getQuote' }, body: soap11(getQuote('IBM')) });
    expect(r.status).toBe(200);
    expect(r.contentType).toMatch(/^text\/xml/);
    expectQuoteResponse(payloadOf(r.text), 'IBM');
  },
});
