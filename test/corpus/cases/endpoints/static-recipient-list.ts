import { expect } from 'vitest';
import { defineCase, backendAt } from '../../case.js';
import { eventually, placeOrderEnvelope, SOAP11_HEADERS } from '../../common.js';

const three = ['b9001', 'b9002', 'b9003'];

export default defineCase({
  id: 'endpoints/static-recipient-list',
  title: 'Static recipient list: the placeOrder is cloned to three backends',
  status: 'pass',
  backends: Object.fromEntries(three.map((b) => [b, { kind: 'stock-quote' as const }])),
  artifacts: [
    { file: 'proxy_RecipientListProxy.xml', edits: three.map((b) => backendAt(`http://localhost:${b.slice(1)}`, b)) },
    { file: 'sequence_ErrorHandler.xml' },
  ],
  async run(t) {
    // The invoke section is commented out on the page; this is the request case.md reconstructs.
    await t.request('POST', '/services/RecipientListProxy', { headers: SOAP11_HEADERS('urn:placeOrder'), body: placeOrderEnvelope('185.51155223506518', '15738') });
    await eventually(() => {
      for (const b of three) expect(t.backend(b).logs).toContainEqual(expect.stringMatching(/SimpleStockQuoteService +:: Accepted order \#1 for : 15738 stocks of IBM at \$ 185\.51155223506518$/));
    });
    // "If one backend is shut down, the other two still process requests."
    await t.backend('b9003').close();
    await t.request('POST', '/services/RecipientListProxy', { headers: SOAP11_HEADERS('urn:placeOrder'), body: placeOrderEnvelope('185.51155223506518', '15738') });
    await eventually(() => {
      for (const b of ['b9001', 'b9002']) expect(t.backend(b).orders.length).toBe(2);
    });
  },
});
