import { expect } from 'vitest';
import { defineCase, backendAt } from '../../case.js';
import { quoteJson } from '../../xml.js';

export default defineCase({
  id: 'transformation/json-to-soap-xslt',
  title: 'JSON → SOAP with XSLT from a local entry, enrich, call; the reply as JSON without the envelope',
  status: 'pass',
  backends: { quotes: { kind: 'stock-quote' } },
  artifacts: [
    { file: 'api_Convert_JSON_To_Soap_Using_XSLT.xml' },
    { file: 'endpoint_SimpleStockEp.xml', edits: [backendAt('http://localhost:9000', 'quotes')] },
    { file: 'localentry_in_transform.xml' },
  ],
  async run(t) {
    const r = await t.request('POST', '/stockorder_api', { headers: { 'Content-Type': 'application/json', SoapAction: 'urn:getQuote' }, body: '{"getQuote":{"request":{"symbol":"IBM"}}}' });
    expect(r.status).toBe(200);
    expect(r.json()).toEqual({ getQuoteResponse: { return: quoteJson('IBM') } });
    expect(t.backend('quotes').logs).toContainEqual(expect.stringMatching(/SimpleStockQuoteService +:: Generating quote for : IBM$/));
  },
});
