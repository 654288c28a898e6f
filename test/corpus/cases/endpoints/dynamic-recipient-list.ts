import { expect } from 'vitest';
import { defineCase, backendAt, addSynapseNs } from '../../case.js';
import { eventually, placeOrderEnvelope, SOAP11_HEADERS } from '../../common.js';

const three = ['b9001', 'b9002', 'b9003'];

export default defineCase({
  id: 'endpoints/dynamic-recipient-list',
  title: 'Dynamic recipient list endpoint (fire-and-forget placeOrder to three backends)',
  status: 'pass',
  expectRefused: ['sequence_errorHandler.xml'],
  docsWrong: [
    'sequence errorHandler uses makefault without version (SOAP 1.1) with a SOAP 1.2 fault code namespace: MI refuses it ("Invalid namespace in fault code for soap11 version")','the proxy XML on the page is not well-formed; our .corrected.xml is deployed', 'sequences errorHandler and fault lack the Synapse namespace'],
  backends: Object.fromEntries(three.map((b) => [b, { kind: 'stock-quote' as const }])),
  artifacts: [
    {
      file: 'proxy_RecipientListProxy.corrected.xml',
      as: 'proxy_RecipientListProxy.xml',
      edits: three.map((b) => backendAt(`http://localhost:${b.slice(1)}`, b)),
    },
    // MI refuses errorHandler too: makefault without version is SOAP 1.1, and a SOAP 1.2 code namespace is rejected.
    { file: 'sequence_errorHandler.xml', edits: [addSynapseNs] },
    { file: 'sequence_fault.xml', edits: [addSynapseNs] },
  ],
  async run(t) {
    const r = await t.request('POST', '/services/RecipientListProxy', { headers: SOAP11_HEADERS('urn:placeOrder'), body: placeOrderEnvelope('185.5', '15738') });
    // OUT_ONLY + FORCE_SC_ACCEPTED: the client gets 202 at once.
    expect(r.status).toBe(202);
    // Each recipient accepts the order (the backend console line of the docs).
    await eventually(() => {
      for (const b of three) expect(t.backend(b).logs).toContainEqual(expect.stringMatching(/SimpleStockQuoteService +:: Accepted order \#1 for : 15738 stocks of IBM at \$ 185\.5$/));
    });
  },
});
