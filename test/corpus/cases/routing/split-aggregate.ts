import { expect } from 'vitest';
import { defineCase, backendAt } from '../../case.js';
import { payloadOf, childElements, textOf, SAMPLES } from '../../xml.js';

const REQUEST = `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Header/><soapenv:Body>
  <m0:getQuote xmlns:m0="http://services.samples" xmlns:xsd="http://services.samples/xsd">
    <m0:request><m0:symbol>IBM</m0:symbol></m0:request>
    <m0:request><m0:symbol>SUN</m0:symbol></m0:request>
  </m0:getQuote></soapenv:Body></soapenv:Envelope>`;

export default defineCase({
  id: 'routing/split-aggregate',
  title: 'Iterate + aggregate: split the requests, enclose the responses in ns:Results',
  status: 'pass',
  backends: { quotes: { kind: 'stock-quote' } },
  artifacts: [{ file: 'endpoint_SimpleStockQuoteServiceEp.xml', edits: [backendAt('http://localhost:9000', 'quotes')] }, { file: 'proxy_SplitAggregateProxy.xml' }],
  async run(t) {
    const r = await t.request('POST', '/services/SplitAggregateProxy', { headers: { 'Content-Type': 'text/xml;charset=UTF-8', SOAPAction: '"urn:mediate"', CustomHeader: 'application/json' }, body: REQUEST });
    expect(r.status).toBe(200);
    const results = payloadOf(r.text);
    expect(`{${results.namespaceURI}}${results.localName}`).toBe(`{${SAMPLES}}Results`);
    const responses = childElements(results);
    expect(responses.map((e) => e.localName)).toEqual(['getQuoteResponse', 'getQuoteResponse']);
    expect(responses.map((e) => textOf(e, 'symbol')).sort()).toEqual(['IBM', 'SUN']);
    // Each split message re-wrapped one request under getQuote (attachPath).
    const sent = t.backend('quotes').lastRequests.map((q: { body: string }) => payloadOf(q.body));
    expect(sent.map((p: Element) => `${p.localName}:${childElements(p).length}`)).toEqual(['getQuote:1', 'getQuote:1']);
  },
});
