import { expect } from 'vitest';
import { defineCase, backendAt, replace } from '../../case.js';
import { soap11, getQuote, payloadOf, expectQuoteResponse } from '../../xml.js';

/** The page's inbound port 9090 moved to a port of this run (9090 may be taken on a test machine). */
const INBOUND_PORT = 20000 + Math.floor(Math.random() * 20000);

export default defineCase({
  id: 'proxy/proxy-via-inbound-only',
  title: 'A proxy reachable only through an HTTP inbound endpoint (inbound.only)',
  status: 'pass',
  backends: { quotes: { kind: 'stock-quote' } },
  artifacts: [
    { file: 'endpoint_endpoint1.xml', edits: [backendAt('http://localhost:9000', 'quotes')] },
    { file: 'proxy_InboundProxy.xml' },
    { file: 'inboundendpoint_inbound1.xml', edits: [replace('>9090<', `>${INBOUND_PORT}<`)] },
  ],
  async run(t) {
    expect(t.refused).toEqual([]);
    const request = { headers: { 'Content-Type': 'text/xml', SOAPAction: 'urn:getQuote' }, body: soap11(getQuote('IBM')) };
    // Directly invoked on the main port: inbound.only hides the proxy.
    const direct = await t.request('POST', '/services/InboundProxy', request);
    expect(direct.status).toBe(404);
    expect(direct.text).not.toContain('getQuoteResponse');
    // Through the inbound endpoint's own listener (dispatch.filter.pattern .* matches, so /services/InboundProxy dispatches to the proxy).
    const res = await fetch(`http://127.0.0.1:${INBOUND_PORT}/services/InboundProxy`, { method: 'POST', headers: request.headers, body: request.body });
    expect(res.status).toBe(200);
    expectQuoteResponse(payloadOf(await res.text()), 'IBM');
  },
});
