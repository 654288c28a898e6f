import { expect } from 'vitest';
import { defineCase, backendAt } from '../../case.js';
import { soap11, getQuote, payloadOf, expectQuoteResponse, quoteJson } from '../../xml.js';

export default defineCase({
  id: 'routing/payload-based-routing',
  title: 'Content-based routing: switch on the symbol in the body',
  status: 'pass',
  backends: { quotes: { kind: 'stock-quote' } },
  artifacts: [
    { file: 'endpoint_SimpleStockQuoteServiceEp.xml', edits: [backendAt('http://localhost:9000', 'quotes')] },
    { file: 'proxy_ContentBasedRoutingProxy.xml' },
    { file: 'sequence_send_seq.xml' },
    { file: 'sequence_sequence1.xml' },
    { file: 'sequence_sequence2.xml' },
  ],
  async run(t) {
    const send = (symbol: string) => t.request('POST', '/services/ContentBasedRoutingProxy', { headers: { 'Content-Type': 'text/xml;charset=UTF-8' }, body: soap11(getQuote(symbol)) });
    const ibm = await send('IBM');
    expect(ibm.status).toBe(200);
    expect(ibm.json()).toEqual({ Envelope: { Header: null, Body: { getQuoteResponse: { return: quoteJson('IBM') } } } });
    const msft = await send('MSFT');
    expect(msft.status).toBe(200);
    expect(msft.contentType).toMatch(/^text\/xml/);
    expectQuoteResponse(payloadOf(msft.text), 'MSFT');
    // Request 3 (not on the page): the default branch only logs.
    await send('SUN');
    await t.waitForLog(/\{proxy:ContentBasedRoutingProxy\} Error = Invalid request for symbol - SUN$/);
    expect(t.backend('quotes').hits.total).toBe(2);
  },
});
