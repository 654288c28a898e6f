import { expect } from 'vitest';
import { defineCase, backendAt } from '../../case.js';
import { soap11, getQuote, payloadOf, expectQuoteResponse } from '../../xml.js';

export default defineCase({
  id: 'proxy/proxy-via-inbound-only',
  title: 'A proxy reachable only through an HTTP inbound endpoint (inbound.only)',
  status: 'not-yet',
  reason: 'needs HTTP inbound endpoints (a listener on port 9090 dispatching to proxies) — the inbound-endpoint issue; the inbound.only parameter is only meaningful with them',
  backends: { quotes: { kind: 'stock-quote' } },
  artifacts: [{ file: 'endpoint_endpoint1.xml', edits: [backendAt('http://localhost:9000', 'quotes')] }, { file: 'proxy_InboundProxy.xml' }, { file: 'inboundendpoint_inbound1.xml' }],
  blocker: async (t) => {
    // inbound.only is not honoured yet: the proxy answers when invoked directly.
    const direct = await t.request('POST', '/services/InboundProxy', { headers: { 'Content-Type': 'text/xml', SOAPAction: 'urn:getQuote' }, body: soap11(getQuote('IBM')) });
    expect(direct.text).toContain('getQuoteResponse');
  },
  async run(t) {
    // Directly invoked: no response payload (inbound.only).
    const direct = await t.request('POST', '/services/InboundProxy', { headers: { 'Content-Type': 'text/xml', SOAPAction: 'urn:getQuote' }, body: soap11(getQuote('IBM')) });
    expect(direct.text).not.toContain('getQuoteResponse');
    // Through the inbound endpoint's listener (port 9090 on the page), the quote comes back.
    expect(t.refused).toEqual([]);
    expectQuoteResponse(payloadOf(direct.text), 'IBM');
  },
});
