import { expect } from 'vitest';
import { defineCase } from '../../case.js';
import { consuming } from '../inbound-endpoints/_listening.js';
import { collect, connect, runId, settle, until } from './_jms.js';

export default defineCase({
  id: 'jms/consume-produce-jms',
  title: 'Consume and produce JMS: a proxy listening on queue StockQuoteProxy (and on HTTP) puts each message unchanged on queue SimpleStockQuoteService (OUT_ONLY call to a jms:/ address)',
  status: 'pass',
  docsWrong: [
    'the printed proxy has <address uri=""/> ("Specify the JMS connection URL here"), which sends nowhere: the corrected copy fills in the page\'s own ActiveMQ URL with & escaped as &amp; (the verbatim copy, same proxy name, is not deployed)',
    'the web-console steps become STOMP client steps (Debian\'s ActiveMQ ships no web console)',
    'the page says the proxy\'s transports is "jms", but it is "jms http https": the same proxy is also an HTTP service, whose POST is put on the queue as well (asserted)',
  ],
  deviates: [
    "the OpenWire URLs (listener factory and jms:/ address, tcp://localhost:61616) are reached over the same ActiveMQ's STOMP connector (127.0.0.1:61613)",
    'both queues are named by the docs (SimpleStockQuoteService is shared with other cases): each message carries a per-run JMS property, which the proxy passes on as a transport header, and the probe selects on it',
  ],
  artifacts: [
    { file: 'snippet_deployment_jms_listener.toml', as: 'deployment.toml' },
    { file: 'proxy_StockQuoteProxy.corrected.xml', as: 'proxy_StockQuoteProxy.xml' },
  ],
  async run(t) {
    const run = runId();
    await consuming(t, 'proxy:StockQuoteProxy');
    const client = await connect();
    try {
      const out = await collect(client, '/queue/SimpleStockQuoteService', { selector: `CorpusRun = '${run}'` });
      // A TextMessage without a Content-Type property is text/plain (the listener's built-in rules) and goes out unchanged.
      await client.send('/queue/StockQuoteProxy', '<order><id>1</id></order>', { 'amq-msg-type': 'text', CorpusRun: run });
      await until('the message on SimpleStockQuoteService', () => out.length >= 1);
      expect(out[0]!.body.toString()).toBe('<order><id>1</id></order>');
      expect(out[0]!.headers['content-type']).toMatch(/^text\/plain/);
      expect(out[0]!.headers['amq-msg-type']).toBe('text'); // a TextMessage

      // The HTTP leg of transports="jms http https" (the page does not describe its answer: only the queued message is asserted).
      await t.request('POST', '/services/StockQuoteProxy', { headers: { 'Content-Type': 'application/xml', CorpusRun: run }, body: '<order><id>2</id></order>', timeoutMs: 3000 }).catch(() => undefined);
      await until('the HTTP message on SimpleStockQuoteService', () => out.length >= 2);
      expect(out[1]!.body.toString()).toBe('<order><id>2</id></order>');
      await settle();
      expect(out).toHaveLength(2);
      expect(t.logs().filter((l) => /^(ERROR|WARN)/.test(l))).toEqual([]);
    } finally {
      await client.disconnect();
    }
  },
});
