import { expect } from 'vitest';
import { defineCase, backendAt } from '../../case.js';
import { payloadOf, expectQuoteResponse } from '../../xml.js';

export default defineCase({
  id: 'rest-api/basic-auth-handler',
  title: 'REST API secured by the Basic Auth handler (401 without credentials)',
  status: 'pass',
  backends: { quotes: { kind: 'stock-quote' } },
  artifacts: [{ file: 'api_StockQuoteAPI.xml' }, { file: 'endpoint_SimpleStockQuoteService.xml', edits: [backendAt('http://localhost:9000', 'quotes')] }],
  async run(t) {
    // MI's RESTBasicAuthHandler is built in, against the default user store (admin/admin).
    const denied = await t.request('GET', '/stockquote/view/IBM');
    expect(denied.status).toBe(401);
    expect(String(denied.headers['www-authenticate'])).toMatch(/^Basic realm=/);
    expect((await t.request('GET', '/stockquote/view/IBM', { headers: { Authorization: 'Basic YWRtaW46d3Jvbmc=' } })).status).toBe(401);
    const r = await t.request('GET', '/stockquote/view/IBM', { headers: { Authorization: 'Basic YWRtaW46YWRtaW4=' } });
    expect(r.status).toBe(200);
    expectQuoteResponse(payloadOf(r.text), 'IBM');
  },
});
