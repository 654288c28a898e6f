import { expect } from 'vitest';
import { defineCase, backendAt } from '../../case.js';
import { payloadOf, expectQuoteResponse, textOf, parseXml } from '../../xml.js';

export default defineCase({
  id: 'rest-api/query-params-outgoing',
  title: 'Query and path parameters read into the outgoing payload',
  status: 'pass',
  backends: { quotes: { kind: 'stock-quote' } },
  artifacts: [{ file: 'api_StockQuoteAPI.xml' }, { file: 'endpoint_SimpleStockQuoteService.xml', edits: [backendAt('http://localhost:9000', 'quotes')] }],
  async run(t) {
    const r = await t.request('GET', '/stockquote/view/IBM?param1=value1&param2=value2');
    expect(r.status).toBe(200);
    expectQuoteResponse(payloadOf(r.text), 'IBM');
    const sent = parseXml(t.backend('quotes').lastRequests.at(-1).body);
    expect([textOf(sent, 'symbol'), textOf(sent, 'customerName'), textOf(sent, 'customerId')]).toEqual(['IBM', 'value1', 'value2']);
  },
});
