import { expect } from 'vitest';
import { backendAt, defineCase } from '../../case.js';
import { anyPort, connectTcp, count, expectGetQuotes, expectQuoteReply, records, tcpPort } from './_tcp.js';

const ETX = Buffer.from([0x03]);
const DLE = Buffer.from([0x10]);

export default defineCase({
  id: 'transports/tcp-split-by-byte',
  title: 'TCP transport, split by byte 0x03 (binary input): the page\'s undelimited envelope served as one message at half-close; two 0x03-ended envelopes give two getQuote calls and two 0x03-ended answers',
  status: 'pass',
  docsWrong: [
    'the page\'s request has no 0x03 byte, so nothing is split: the one envelope is served when nc closes its side (MI dispatches the tail at end of stream), giving the documented "one message" (asserted)',
    'the page\'s Java client ends its messages with byte 0x10 while the proxy splits on 0x03: its records are never split (asserted: nothing reaches the back end while two 0x10-ended envelopes wait on an open connection; a later 0x03 makes them one record, not XML)',
  ],
  deviates: [
    'the proxy listens on a free port (transport.tcp.port 0, read back from the runtime view) instead of 6061',
    'a record that is not XML fails in the first enrich and the proxy\'s faultSequence is empty: where MI leaves the client without an answer, this runtime writes back a SOAP fault (engine/runtime/responses.ts unhandledFaultResponse), followed by 0x03',
  ],
  backends: { quotes: { kind: 'stock-quote' } },
  artifacts: [{ file: 'proxy_TCPProxy.xml', edits: [anyPort] }, { file: 'endpoint_SimpleStockQuoteServiceEp.xml', edits: [backendAt('http://localhost:9000', 'quotes')] }],
  async run(t) {
    const port = await tcpPort(t, 'TCPProxy');
    const request = Buffer.from(t.corpusFile('request.txt'), 'utf8');
    expect(request.includes(ETX)).toBe(false);

    // A: as the page (nc < request.xml): the bytes, then EOF.
    const a = await connectTcp(port);
    try {
      a.write(request);
      a.end();
      const got = await a.closed();
      const replies = records(got, ETX);
      expect(replies).toHaveLength(1);
      expectQuoteReply(replies[0]!);
      expectGetQuotes(t, 1);
    } finally {
      a.destroy();
    }

    // B: what the delimiter is for: two records on one open connection, two answers, each ended by 0x03.
    const b = await connectTcp(port);
    try {
      b.write(Buffer.concat([request, ETX, request, ETX]));
      const got = await b.until('two 0x03-ended replies', (r) => count(r, ETX) >= 2);
      expect(got[got.length - 1]).toBe(0x03);
      const replies = records(got, ETX);
      expect(replies).toHaveLength(2);
      replies.forEach(expectQuoteReply);
      expectGetQuotes(t, 3);
    } finally {
      b.destroy();
    }

    // C: the Java client's framing (0x10): no record ends, so nothing is mediated while the connection is open.
    const c = await connectTcp(port);
    try {
      c.write(Buffer.concat([request, DLE, request, DLE]));
      // A 0x03-ended record sent after them on another connection is answered: the listener is not stuck,
      // and by then the 0x10 bytes have long been read.
      const probe = await connectTcp(port);
      try {
        probe.write(Buffer.concat([request, ETX]));
        expectQuoteReply(records(await probe.until('the probe reply', (r) => count(r, ETX) >= 1), ETX)[0]!);
      } finally {
        probe.destroy();
      }
      expectGetQuotes(t, 4);
      expect(c.received().length).toBe(0);
      // A 0x03 at last ends one record: both envelopes with their 0x10 bytes, which is not XML. It fails in
      // the first enrich (the body is built), nothing more reaches the back end, and one fault comes back.
      c.write(ETX);
      const replies = records(await c.until('the fault for the joined record', (r) => count(r, ETX) >= 1), ETX);
      expect(replies).toHaveLength(1);
      expect(replies[0]!.toString()).toMatch(/^<soapenv:Envelope [^>]*><soapenv:Body><soapenv:Fault><faultcode>soapenv:Server<\/faultcode><faultstring>Error while building Passthrough stream<\/faultstring><detail>malformed XML: character U\+0010 is not allowed in XML/);
      await t.waitForLog(/ERROR \{EnrichMediator\} - \{proxy:TCPProxy\} .*character U\+0010 is not allowed in XML/);
      expectGetQuotes(t, 4);
    } finally {
      c.destroy();
    }
  },
});
