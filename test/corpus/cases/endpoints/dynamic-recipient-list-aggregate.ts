import { expect } from 'vitest';
import { defineCase, backendAt, addSynapseNs, replace } from '../../case.js';
import { SOAP11_HEADERS } from '../../common.js';
import { soap11, getQuote, payloadOf, childElements, textOf } from '../../xml.js';

const three = ['b9001', 'b9002', 'b9003'];

export default defineCase({
  id: 'endpoints/dynamic-recipient-list-aggregate',
  title: 'Dynamic recipient list + aggregate of the responses (legacy send/outSequence)',
  status: 'pass',
  docsWrong: [
    'the proxy XML is not well-formed (`</faultSequence` without `>`); we close the tag',
    'the header sets Action urn:placeOrder though the example aggregates getQuote responses; MI sends that Action, the stand-in dispatches on it, so we send Action urn:getQuote as the text intends',
    'sequences errorHandler and fault lack the Synapse namespace',
    'sequence errorHandler uses makefault without version (SOAP 1.1) with a SOAP 1.2 fault code namespace: MI refuses it ("Invalid namespace in fault code for soap11 version")',
  ],
  expectRefused: ['sequence_errorHandler.xml'],
  backends: Object.fromEntries(three.map((b) => [b, { kind: 'stock-quote' as const }])),
  artifacts: [
    {
      file: 'proxy_RecipientListProxy.xml',
      edits: [replace('</faultSequence\n', '</faultSequence>\n'), replace('value="urn:placeOrder"', 'value="urn:getQuote"'), ...three.map((b) => backendAt(`http://localhost:${b.slice(1)}`, b))],
    },
    { file: 'sequence_errorHandler.xml', edits: [addSynapseNs] },
    { file: 'sequence_fault.xml', edits: [addSynapseNs] },
  ],
  async run(t) {
    const r = await t.request('POST', '/services/RecipientListProxy', { headers: SOAP11_HEADERS('urn:getQuote'), body: soap11(getQuote('IBM')) });
    expect(r.status).toBe(200);
    // The aggregate encloses the three getQuoteResponse elements in the first response's body.
    const payload = payloadOf(r.text);
    const all = [payload, ...childElements(payload.parentNode!)].filter((e) => e.localName === 'getQuoteResponse');
    expect(new Set(all).size).toBe(3);
    for (const q of all) expect(textOf(q, 'symbol')).toBe('IBM');
    for (const b of three) expect(t.backend(b).hits.total).toBe(1);
  },
});
