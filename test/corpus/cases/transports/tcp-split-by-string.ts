import { expect } from 'vitest';
import { backendAt, defineCase } from '../../case.js';
import { anyPort, connectTcp, count, expectGetQuotes, expectQuoteReply, records, tcpPort } from './_tcp.js';

const SPLIT = Buffer.from('split');

export default defineCase({
  id: 'transports/tcp-split-by-string',
  title: 'TCP transport, split by the string "split": two envelopes joined by it give two getQuote (IBM) calls and two answers, each followed by "split"; the word inside a message cuts it',
  status: 'pass',
  docsWrong: [
    'the page does not say what goes back: each answer is written back followed by the delimiter text "split" (asserted byte for byte)',
    'not on the page: a delimiter that occurs in the message text cuts the message there (asserted: an envelope with "split" in an element becomes two records that are not XML, and nothing reaches the back end)',
  ],
  deviates: [
    'the proxy listens on a free port (transport.tcp.port 0, read back from the runtime view) instead of 6061',
    'a record that is not XML fails in the first enrich and the proxy\'s faultSequence is empty: where MI leaves the client without an answer, this runtime writes back a SOAP fault (engine/runtime/responses.ts unhandledFaultResponse), followed by the delimiter',
  ],
  backends: { quotes: { kind: 'stock-quote' } },
  artifacts: [{ file: 'proxy_TCPProxy.xml', edits: [anyPort] }, { file: 'endpoint_SimpleStockQuoteServiceEp.xml', edits: [backendAt('http://localhost:9000', 'quotes')] }],
  async run(t) {
    const port = await tcpPort(t, 'TCPProxy');
    const request = Buffer.from(t.corpusFile('request.txt'), 'utf8');
    expect(count(request, SPLIT)).toBe(1);

    // As nc < request.xml: the bytes, then EOF; the first record is answered at once, the tail at the close.
    const a = await connectTcp(port);
    try {
      a.write(request);
      expect(records(await a.until('the first reply', (r) => count(r, SPLIT) >= 1), SPLIT)).toHaveLength(1);
      expectGetQuotes(t, 1);
      a.end();
      const replies = records(await a.closed(), SPLIT);
      expect(replies).toHaveLength(2);
      replies.forEach(expectQuoteReply);
      expectGetQuotes(t, 2);
    } finally {
      a.destroy();
    }

    // The hazard: "split" in the text of an element cuts the envelope in two.
    const b = await connectTcp(port);
    try {
      b.write('<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><note>do not split me</note></soapenv:Body></soapenv:Envelope>split');
      const faults = records(await b.until('two faults', (r) => count(r, SPLIT) >= 2), SPLIT);
      expect(faults).toHaveLength(2);
      for (const f of faults) expect(f.toString()).toMatch(/^<soapenv:Envelope [^>]*><soapenv:Body><soapenv:Fault><faultcode>soapenv:Server<\/faultcode><faultstring>Error while building Passthrough stream<\/faultstring><detail>malformed XML/);
      expectGetQuotes(t, 2);
    } finally {
      b.destroy();
    }
  },
});
