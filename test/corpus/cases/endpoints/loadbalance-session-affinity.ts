import { expect } from 'vitest';
import { defineCase, backendAt } from '../../case.js';
import { eventually, placeOrderEnvelope } from '../../common.js';

const three = ['b9001', 'b9002', 'b9003'];

export default defineCase({
  id: 'endpoints/loadbalance-session-affinity',
  title: 'Load-balance endpoint with simpleClientSession: requests spread round robin',
  status: 'pass',
  docsWrong: [
    'the intro says the same client goes to the same server, but the request sends an HTTP header `simpleClientSession: 123`, which is not the session key (simpleClientSession reads the SOAP header ClientID); MI therefore round-robins, as the page\'s own result says — we assert round robin',
  ],
  backends: Object.fromEntries(three.map((b) => [b, { kind: 'stock-quote' as const }])),
  artifacts: [
    { file: 'proxy_LoadBalanceProxy.xml', edits: three.map((b) => backendAt(`http://localhost:${b.slice(1)}`, b)) },
    { file: 'sequence_errorHandler.xml' },
  ],
  async run(t) {
    for (let i = 0; i < 3; i++) {
      const r = await t.request('POST', '/services/LoadBalanceProxy', {
        headers: { 'Content-Type': 'text/xml;charset=UTF-8', simpleClientSession: '123' },
        body: placeOrderEnvelope('172.23182849731984', '18398'),
      });
      expect(r.status).toBeLessThan(300);
    }
    await eventually(() => {
      for (const b of three) expect(t.backend(b).orders.length, `${b} got one of the three orders`).toBe(1);
    });
    // <enableAddressing/> is not asserted: the page states no addressing result (and Mediate ignores it, see the report).
  },
});
