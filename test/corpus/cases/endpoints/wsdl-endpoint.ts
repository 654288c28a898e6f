import { expect } from 'vitest';
import { defineCase, replace } from '../../case.js';
import { eventually, placeOrderEnvelope } from '../../common.js';

export default defineCase({
  id: 'endpoints/wsdl-endpoint',
  title: 'WSDL endpoint: the EPR comes from the WSDL service/port',
  status: 'pass',
  docsWrong: [
    'the page shows a placeOrderResponse with status "created", but SimpleStockQuoteService.placeOrder is one-way: the backend answers 202 with no body, which MI relays — we assert the accepted order and a 202',
  ],
  backends: { quotes: { kind: 'stock-quote' } },
  artifacts: [
    // The page's WSDL is a placeholder file path (file:/path/to/sample_proxy_1.wsdl); the stand-in serves
    // an equivalent WSDL (same service and port names) at ?wsdl, with the address of its own host.
    { file: 'proxy_SimpleStockQuoteProxy.xml', edits: [(text, t) => replace('file:/path/to/sample_proxy_1.wsdl', `${t.backendUrl('quotes')}/services/SimpleStockQuoteService?wsdl`)(text, t)] },
  ],
  async run(t) {
    const r = await t.request('POST', '/services/SimpleStockQuoteProxy.SimpleStockQuoteProxyHttpSoap11Endpoint', {
      headers: { 'Content-Type': 'text/xml;charset=UTF-8', SOAPAction: '"urn:mediate"' },
      body: placeOrderEnvelope('172.23182849731984', '18398'),
    });
    expect(r.status).toBe(202);
    await eventually(() => expect(t.backend('quotes').logs).toContainEqual(expect.stringMatching(/SimpleStockQuoteService +:: Accepted order \#1 for : 18398 stocks of IBM at \$ 172\.23182849731984$/)));
    // The call went to the port's soap:address (the service URL), not to the WSDL URL.
    expect(t.backend('quotes').lastRequests.at(-1).path.startsWith('/services/SimpleStockQuoteService')).toBe(true);
    expect(t.backend('quotes').lastRequests.at(-1).path).not.toMatch(/wsdl/);
  },
});
