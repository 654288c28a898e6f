import { expect } from 'vitest';
import { defineCase, backendAt, replace } from '../../case.js';
import { httpRequest } from '../../runtime.js';
import { expectQuoteResponse, payloadOf, SAMPLES, SAMPLES_XSD } from '../../xml.js';
import { consuming } from './_listening.js';

/** The page's port 8085, moved to one of this run so parallel files do not collide. */
const PORT = 21000 + Math.floor(Math.random() * 20000);

export default defineCase({
  id: 'inbound-endpoints/http-inbound-endpoint',
  title: 'HTTP inbound endpoint on its own port → sequence TestIn calls the stock quote service and responds with its getQuoteResponse',
  status: 'pass',
  docsWrong: ['the page does not print the response: the check is the stock quote service\'s getQuoteResponse for IBM'],
  backends: { quotes: { kind: 'stock-quote' } },
  artifacts: [
    { file: 'inboundendpoint_HttpListenerEP1.xml', edits: [replace('>8085<', `>${PORT}<`)] },
    { file: 'sequence_TestIn.xml', edits: [backendAt('http://localhost:9000', 'quotes')] },
  ],
  async run(t) {
    await consuming(t, 'inbound-endpoint:HttpListenerEP1');
    const body = `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ser="${SAMPLES}" xmlns:xsd="${SAMPLES_XSD}"><soapenv:Header/><soapenv:Body><ser:getQuote><ser:request><xsd:symbol>IBM</xsd:symbol></ser:request></ser:getQuote></soapenv:Body></soapenv:Envelope>`;
    const r = await httpRequest(PORT, 'POST', '/', { headers: { 'Content-Type': 'text/xml;charset=UTF-8', SOAPAction: '"urn:getQuote"' }, body });
    expect(r.status).toBe(200);
    expect(r.contentType).toMatch(/^text\/xml/);
    expectQuoteResponse(payloadOf(r.text), 'IBM');
    // The call went to the backend, not to the runtime's own HTTP port.
    expect(t.backend('quotes').lastRequests.length).toBeGreaterThan(0);
    const own = await t.request('POST', '/', { headers: { 'Content-Type': 'text/xml' }, body });
    expect(own.status).not.toBe(200);
  },
});
