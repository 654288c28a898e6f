import path from 'node:path';
import { expect } from 'vitest';
import { defineCase, backendAt, replace } from '../../case.js';
import { CORPUS } from '../../runtime.js';
import { soap11, getQuote, payloadOf, expectQuoteResponse } from '../../xml.js';

export default defineCase({
  id: 'proxy/securing-proxy-ws-security',
  title: 'A proxy secured by a WS-Security policy (UsernameToken over HTTPS, role admin) with <enableSec/>',
  status: 'not-yet',
  reason: 'WS-Security is not built (no Rampart: <policy>/<enableSec/> are not enforced), so the proxy is refused at deployment (SYN016) rather than served unchecked: the request with credentials gets no quote',
  docsWrong: [
    'the local entry points at file:/path/to/policy1.xml, a placeholder: it is pointed at the policy1.xml of the page',
    'publishWSDL names file:/path/to/sample_proxy_1.wsdl, an external file not on the page: it is left out',
  ],
  backends: { quotes: { kind: 'stock-quote' } },
  artifacts: [
    { file: 'localentry_sec_policy.xml', edits: [replace('file:/path/to/policy1.xml', `file:${path.join(CORPUS, 'proxy/securing-proxy-ws-security/policy1.xml')}`)] },
    { file: 'proxy_StockQuoteProxy.xml', edits: [backendAt('http://localhost:9000', 'quotes'), replace(/\s*<publishWSDL uri="file:\/path\/to\/sample_proxy_1\.wsdl"\/>/, '')] },
  ],
  async run(t) {
    const request = (headers: Record<string, string> = {}) => t.request('POST', '/services/StockQuoteProxy', { headers: { 'Content-Type': 'text/xml', SOAPAction: '"urn:getQuote"', ...headers }, body: soap11(getQuote('IBM')) });
    // Without credentials the policy refuses the message: it never reaches the back end.
    const hitsBefore = t.backend('quotes').lastRequests.length;
    const anonymous = await request();
    expect(anonymous.status).not.toBe(200);
    expect(t.backend('quotes').lastRequests.length).toBe(hitsBefore);
    // With admin's credentials (MI takes HTTP Basic in place of a UsernameToken) it passes, without wsse:Security.
    const admin = await request({ Authorization: 'Basic YWRtaW46YWRtaW4=' });
    expect(admin.status).toBe(200);
    expectQuoteResponse(payloadOf(admin.text), 'IBM');
    expect(t.backend('quotes').lastRequests.at(-1).body).not.toContain('wsse:Security');
  },
});
