import { expect } from 'vitest';
import { defineCase } from '../../case.js';
import { collect, connect, runId, settle, until } from '../jms/_jms.js';
// @ts-expect-error plain ESM JavaScript module without type declarations
import { simpleStockQuoteWsdl } from '../../../backends/stock-quote-wsdl.mjs';

export default defineCase({
  id: 'protocol-switching/http-to-jms',
  title: 'HTTP to JMS: a placeOrder POSTed to the proxy\'s SOAP 1.1 endpoint URL is answered 202 at once and put on queue Queue1 as a text message with the SOAP action',
  status: 'pass',
  docsWrong: [
    'the curl command sends soapaction: \\"urn:placeOrder\\" inside single quotes, so the header value carries the backslashes; it is sent as printed and the call still succeeds (asserted)',
    'the page checks the message count in the ActiveMQ web console, which Debian\'s ActiveMQ does not ship: a STOMP consumer on Queue1 checks the message',
  ],
  deviates: [
    "the OpenWire URL tcp://localhost:61616 of JMSEndpoint is reached over the same ActiveMQ's STOMP connector (127.0.0.1:61613)",
    'the page does not give conf:HTTP_JMS/sample_proxy_1.wsdl (MI, like Mediate, refuses the proxy without it): the stand-in\'s SimpleStockQuoteService WSDL is deployed as a local entry under that key (a local entry answers a registry key, as in MI)',
    'Queue1 is named by the docs: the request carries a per-run HTTP header, which the JMS sender turns into a JMS property, and the probe selects on it',
  ],
  artifacts: [
    {
      name: 'localentry_HTTP_JMS_WSDL.xml',
      why: 'the WSDL publishWSDL names, which the page does not give',
      text: () => `<localEntry xmlns="http://ws.apache.org/ns/synapse" key="conf:HTTP_JMS/sample_proxy_1.wsdl">${String(simpleStockQuoteWsdl('http://localhost:9000')).replace(/^<\?xml[^>]*\?>\s*/, '')}</localEntry>`,
    },
    { file: 'endpoint_JMSEndpoint.xml' },
    { file: 'proxy_HTTPtoJMSStockQuoteProxy.xml' },
  ],
  async run(t) {
    const run = runId();
    const client = await connect();
    try {
      const got = await collect(client, '/queue/Queue1', { selector: `CorpusRun = '${run}'` });
      const r = await t.request('POST', '/services/HTTPtoJMSStockQuoteProxy.HTTPtoJMSStockQuoteProxyHttpSoap11Endpoint', {
        headers: { 'cache-control': 'no-cache', 'content-type': 'text/xml', soapaction: '\\"urn:placeOrder\\"', CorpusRun: run },
        body: t.corpusFile('request.xml'),
      });
      expect(r.status).toBe(202);
      expect(r.text).toBe('');
      await until('the message on Queue1', () => got.length >= 1);
      const m = got[0]!;
      expect(m.headers['amq-msg-type']).toBe('text');
      expect(m.body.toString()).toMatch(/^<soapenv:Envelope xmlns:soapenv="http:\/\/schemas\.xmlsoap\.org\/soap\/envelope\/">[\s\S]*<m0:placeOrder xmlns:m0="http:\/\/services\.samples">[\s\S]*<m0:price>172\.23182849731984<\/m0:price>[\s\S]*<m0:quantity>18398<\/m0:quantity>[\s\S]*<m0:symbol>IBM<\/m0:symbol>/);
      expect(m.headers.SOAPAction).toContain('urn:placeOrder');
      await settle();
      expect(got).toHaveLength(1);
      // publishWSDL from the registry key: the proxy's ?wsdl is that WSDL.
      const wsdl = await t.request('GET', '/services/HTTPtoJMSStockQuoteProxy?wsdl');
      expect(wsdl.status).toBe(200);
      expect(wsdl.text).toContain('<wsdl:operation name="placeOrder">');
    } finally {
      await client.disconnect();
    }
  },
});
