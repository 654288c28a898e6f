import { expect } from 'vitest';
import { defineCase, backendAt } from '../../case.js';
import { payloadOf, expectQuoteResponse } from '../../xml.js';

export default defineCase({
  id: 'rest-api/custom-basic-auth-handler',
  title: 'REST API secured by a custom Java handler (org.wso2.rest.BasicAuthHandler: 401, admin:admin passes, 403 otherwise)',
  status: 'not-yet',
  reason: 'API handlers written as user Java classes cannot run here: the API naming org.wso2.rest.BasicAuthHandler is refused at deployment, naming the class (no built-in equivalent of that handler)',
  docsWrong: ['the page asks for a user store, but the handler never consults one (admin/admin is hard-coded)', 'no request or response is printed: the three implied by the handler code are sent'],
  backends: { quotes: { kind: 'stock-quote' } },
  artifacts: [{ file: 'api_StockQuoteAPI.xml' }, { file: 'endpoint_SimpleStockQuoteEndpoint.xml', edits: [backendAt('http://localhost:9000', 'quotes')] }],
  blocker(t) {
    const refused = t.refused.find((r) => r.file === 'api_StockQuoteAPI.xml');
    expect(refused?.messages.join(' ')).toContain('org.wso2.rest.BasicAuthHandler');
  },
  async run(t) {
    const denied = await t.request('GET', '/stockquote/view/IBM');
    expect(denied.status).toBe(401);
    expect(denied.headers['www-authenticate']).toBe('Basic realm="WSO2 ESB"');
    expect(denied.text).toBe('');
    const ok = await t.request('GET', '/stockquote/view/IBM', { headers: { Authorization: 'Basic YWRtaW46YWRtaW4=' } });
    expect(ok.status).toBe(200);
    expectQuoteResponse(payloadOf(ok.text), 'IBM');
    const wrong = await t.request('GET', '/stockquote/view/IBM', { headers: { Authorization: 'Basic dXNlcjp3cm9uZw==' } });
    expect(wrong.status).toBe(403);
    expect(wrong.text).toBe('');
  },
});
