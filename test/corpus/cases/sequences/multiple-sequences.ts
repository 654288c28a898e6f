import { expect } from 'vitest';
import { defineCase, backendAt } from '../../case.js';
import { payloadOf, childElements } from '../../xml.js';

const REQUEST = `<?xml version="1.0" encoding="UTF-8"?>
<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Header/><soapenv:Body>
  <placeOrder xmlns="http://org.apache.synapse/xsd"><order><price>50</price><quantity>10</quantity><symbol>IBM</symbol></order></placeOrder>
</soapenv:Body></soapenv:Envelope>`;

const selfCall = (text: string, t: { selfUrl: string }) => text.split('http://localhost:8290').join(t.selfUrl);

export default defineCase({
  id: 'sequences/multiple-sequences',
  title: 'A flow split into sequences with onError handlers, calling back into its own API',
  status: 'pass',
  backends: { quotes: { kind: 'stock-quote' } },
  artifacts: [
    { file: 'api_StockQuoteAPI.xml' },
    { file: 'endpoint_SimpleStockQuoteService.xml', edits: [backendAt('http://localhost:9000', 'quotes')] },
    { file: 'proxy_SequenceBreakdownSampleProxy.xml' },
    { file: 'sequence_CallStockQuoteErrorSeq.xml' },
    // The sequence calls the runtime's own API on MI's port 8290: pointed at this runtime's port.
    { file: 'sequence_CallStockQuoteSeq.xml', edits: [selfCall] },
    { file: 'sequence_StockQuoteErrorSeq.xml' },
    { file: 'sequence_StockQuoteSeq.xml' },
    { file: 'sequence_TransformAndRespondErrorSeq.xml' },
    { file: 'sequence_TransformAndRespondSeq.xml' },
  ],
  async run(t) {
    const r = await t.request('POST', '/services/SequenceBreakdownSampleProxy.SequenceBreakdownSampleProxyHttpSoap11Endpoint', {
      headers: { 'Content-Type': 'text/xml;charset=UTF-8', SOAPAction: '"urn:mediate"' },
      body: REQUEST,
    });
    expect(r.status).toBe(200);
    expect(r.contentType).toMatch(/^text\/xml/);
    const info = payloadOf(r.text);
    expect(info.localName).toBe('Information');
    expect(info.namespaceURI ?? null).toBeNull();
    // <High> is filled from //m0:low and <Low> from //m0:high, as the config's argument order says.
    expect(Object.fromEntries(childElements(info).map((e) => [e.localName, e.textContent]))).toEqual({ Name: 'IBM Company', Last: '100.0', High: '98.5', Low: '101.5' });
    const described = t.logs().filter((l) => /Sequence = /.test(l)).map((l) => l.replace(/^.*Sequence = /, ''));
    expect(described).toEqual([
      'StockQuoteSeq, Description = Request recieved',
      'CallStockQuoteSeq, Description = Calling IBM endpoint',
      'CallStockQuoteSeq, Description = Response received from IBM endpoint',
      'TransformAndRespondSeq, Description = Response is ready to be transformed',
      'TransformAndRespondSeq, Description = Responding back to the client with the transformed response',
    ]);
  },
});
