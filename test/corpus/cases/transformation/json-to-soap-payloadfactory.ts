import { expect } from 'vitest';
import { defineCase, backendAt } from '../../case.js';
import { eventually } from '../../common.js';

export default defineCase({
  id: 'transformation/json-to-soap-payloadfactory',
  title: 'JSON → SOAP with a payloadFactory whose format is a whole SOAP envelope',
  status: 'pass',
  backends: { quotes: { kind: 'stock-quote' } },
  artifacts: [{ file: 'api_JSONToSOAP.xml' }, { file: 'endpoint_SimpleStockEp.xml', edits: [backendAt('http://localhost:9000', 'quotes')] }],
  async run(t) {
    const r = await t.request('POST', '/stockorder_api', {
      headers: { 'Content-Type': 'application/json', SoapAction: 'urn:placeOrder' },
      body: '{"placeOrder":{"order":{"symbol":"IBM","price":"3.141593E0","quantity":"4"}}}',
    });
    // The one-way placeOrder: 202 from the backend, relayed to the JSON client.
    expect(r.status).toBe(202);
    await eventually(() => expect(t.backend('quotes').logs).toContainEqual(expect.stringMatching(/SimpleStockQuoteService +:: Accepted order #1 for : 4 stocks of IBM at \$ 3\.141593$/)));
    // The format replaced the whole envelope: the backend got the order once, not an envelope inside a body.
    expect(t.backend('quotes').lastRequests[0].body.match(/placeOrder>/g)).toHaveLength(2);
    expect(t.backend('quotes').lastRequests[0].body).not.toMatch(/Body>[\s\S]*<[\w:]*Envelope/);
    // HTTP 202, no body.
    expect(r.text).toBe('');
  },
});
