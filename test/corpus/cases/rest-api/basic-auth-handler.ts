import { expect } from 'vitest';
import { defineCase, backendAt } from '../../case.js';
import { payloadOf, expectQuoteResponse } from '../../xml.js';

export default defineCase({
  id: 'rest-api/basic-auth-handler',
  title: 'REST API secured by the Basic Auth handler (401 without credentials)',
  status: 'not-yet',
  reason: 'needs API handlers (org.wso2.micro.integrator.security.handler.RESTBasicAuthHandler) and a user store with admin/admin',
  backends: { quotes: { kind: 'stock-quote' } },
  artifacts: [{ file: 'api_StockQuoteAPI.xml' }, { file: 'endpoint_SimpleStockQuoteService.xml', edits: [backendAt('http://localhost:9000', 'quotes')] }],
  blocker: async (t) => {
    const r = await t.request('GET', '/stockquote/view/IBM');
    expect(r.status, 'the handler is still ignored').not.toBe(401);
  },
  async run(t) {
    expect((await t.request('GET', '/stockquote/view/IBM')).status).toBe(401);
    const r = await t.request('GET', '/stockquote/view/IBM', { headers: { Authorization: 'Basic YWRtaW46YWRtaW4=' } });
    expect(r.status).toBe(200);
    expectQuoteResponse(payloadOf(r.text), 'IBM');
  },
});
