import { expect } from 'vitest';
import { defineCase, backendAt } from '../../case.js';
import { soap11, getQuote, payloadOf, expectQuoteResponse, envelopeVersion, quoteJson } from '../../xml.js';

export default defineCase({
  id: 'routing/header-based-routing',
  title: 'Switch on a transport header; messageType picks JSON or XML output',
  status: 'pass',
  backends: { quotes: { kind: 'stock-quote' } },
  artifacts: [
    { file: 'proxy_HeaderBasedRoutingProxy.xml' },
    { file: 'sequence_send_seq.xml', edits: [backendAt('http://localhost:9000', 'quotes')] },
    { file: 'sequence_sequence1.xml' },
    { file: 'sequence_sequence2.xml' },
    { file: 'sequence_sequence3.xml' },
  ],
  async run(t) {
    const send = (custom?: string) =>
      t.request('POST', '/services/HeaderBasedRoutingProxy', { headers: { 'Content-Type': 'text/xml;charset=UTF-8', ...(custom ? { CustomHeader: custom } : {}) }, body: soap11(getQuote('IBM')) });
    // Request 1: the whole SOAP envelope as JSON.
    const asJson = await send('application/json');
    expect(asJson.status).toBe(200);
    expect(asJson.contentType).toMatch(/^application\/json/);
    expect(asJson.json()).toEqual({ Envelope: { Header: null, Body: { getQuoteResponse: { return: quoteJson('IBM') } } } });
    await t.waitForLog(/\{proxy:HeaderBasedRoutingProxy\} 'CustomHeader' = application\/json$/);
    // Request 2: the SOAP envelope.
    const asXml = await send('text/xml');
    expect(asXml.status).toBe(200);
    expect(asXml.contentType).toMatch(/^text\/xml/);
    expect(envelopeVersion(asXml.text)).toBe('soap11');
    expectQuoteResponse(payloadOf(asXml.text), 'IBM');
    await t.waitForLog(/'CustomHeader' = text\/xml$/);
    // Request 3 (not on the page): default case, backend response unchanged.
    const other = await send();
    expect(other.status).toBe(200);
    expectQuoteResponse(payloadOf(other.text), 'IBM');
    await t.waitForLog(/AcceptHeader = other$/);
  },
});
