import { expect } from 'vitest';
import { backendAt, defineCase } from '../../case.js';
import { anyPort, connectTcp, count, expectGetQuotes, expectQuoteReply, records, tcpPort } from './_tcp.js';

export default defineCase({
  id: 'transports/tcp-split-by-character',
  title: 'TCP transport, split by a character: two SOAP envelopes joined by | on one connection → two getQuote (IBM) calls; each answer written back on the socket followed by |',
  status: 'pass',
  docsWrong: [
    'the page does not say what goes back with responseClient=true: each getQuote answer is written back on the connection followed by the delimiter | (as MI\'s TCP transport; asserted byte for byte)',
  ],
  deviates: ['the proxy listens on a free port (transport.tcp.port 0, read back from the runtime view) instead of 6061'],
  backends: { quotes: { kind: 'stock-quote' } },
  artifacts: [{ file: 'proxy_TCPProxy.xml', edits: [anyPort] }, { file: 'endpoint_SimpleStockQuoteServiceEp.xml', edits: [backendAt('http://localhost:9000', 'quotes')] }],
  async run(t) {
    const port = await tcpPort(t, 'TCPProxy');
    const request = t.corpusFile('request.txt');
    expect(count(Buffer.from(request), '|')).toBe(1);
    const c = await connectTcp(port);
    try {
      // As netcat: the file's bytes, the socket kept open (the tail after | has no delimiter yet).
      c.write(request);
      const first = await c.until('the first reply', (b) => count(b, '|') >= 1);
      expect(records(first, Buffer.from('|'))).toHaveLength(1);
      // The undelimited second envelope is served when the client closes its side.
      c.end();
      const all = await c.closed();
      const replies = records(all, Buffer.from('|'));
      expect(replies).toHaveLength(2);
      replies.forEach(expectQuoteReply);
      expectGetQuotes(t, 2);
    } finally {
      c.destroy();
    }
    // The full log before the call shows the enriched body, once per record.
    const enriched = t.logs().filter((l) => /<m:getQuote xmlns:m="http:\/\/services\.samples">\s*<m:request>\s*<m:symbol>IBM<\/m:symbol>/.test(l));
    expect(enriched).toHaveLength(2);
    // Two records on a fresh connection, both delimited: both answered without closing.
    const d = await connectTcp(port);
    try {
      d.write(`${request}|`);
      const both = await d.until('two replies', (b) => count(b, '|') >= 2);
      records(both, Buffer.from('|')).forEach(expectQuoteReply);
      expectGetQuotes(t, 4);
    } finally {
      d.destroy();
    }
  },
});
