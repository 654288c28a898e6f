import { expect } from 'vitest';
import { defineCase, backendAt } from '../../case.js';
import { consuming } from '../inbound-endpoints/_listening.js';
import { collect, connect, runId, settle, until } from '../jms/_jms.js';

export default defineCase({
  id: 'protocol-switching/jms-to-http',
  title: 'JMS to HTTP: a placeOrder put on Queue1 is sent by the JMS proxy as SOAP 1.1 to SimpleStockQuoteService (OUT_ONLY, no reply)',
  status: 'pass',
  docsWrong: [
    'the intro promises the reply "through a JMS temporary queue", but the proxy sets OUT_ONLY and never responds (and placeOrder is one-way): nothing is sent back (asserted on the request\'s reply-to queue)',
    'the listener connection factory myQueueListener is named but not shown: the test defines it like the other JMS pages\' factories (ActiveMQ JNDI, tcp://localhost:61616, QueueConnectionFactory)',
  ],
  deviates: [
    "the OpenWire URL tcp://localhost:61616 is reached over the same ActiveMQ's STOMP connector (127.0.0.1:61613)",
    'Queue1 is named by the docs: the message carries a per-run JMS property, which reaches the back end as an HTTP header, and only that request is asserted',
  ],
  backends: { quotes: { kind: 'stock-quote' } },
  artifacts: [
    {
      name: 'deployment.toml',
      why: 'the listener factory myQueueListener the page names but does not print',
      text: () => `[[transport.jms.listener]]\nname = "myQueueListener"\nparameter.initial_naming_factory = "org.apache.activemq.jndi.ActiveMQInitialContextFactory"\nparameter.provider_url = "tcp://localhost:61616"\nparameter.connection_factory_name = "QueueConnectionFactory"\nparameter.connection_factory_type = "queue"\n`,
    },
    { file: 'endpoint_SimpleStockQuoteService.xml', edits: [backendAt('http://localhost:9000', 'quotes')] },
    { file: 'proxy_JMStoHTTPStockQuoteProxy.xml' },
  ],
  async run(t) {
    const run = runId();
    await consuming(t, 'proxy:JMStoHTTPStockQuoteProxy');
    expect(t.logs().some((l) => l.includes('is not defined in deployment.toml'))).toBe(false);
    const quotes = t.backend('quotes');
    const ofRun = () => (quotes.lastRequests as { headers: Record<string, unknown>; body: string; path: string }[]).filter((r) => r.headers.corpusrun === run);
    const client = await connect();
    try {
      const replies = await collect(client, `/queue/corpus-jms-to-http-${run}`);
      // No contentType property: the <default> rule, text/xml, so the envelope is SOAP 1.1.
      await client.send('/queue/Queue1', t.corpusFile('request.xml'), { 'amq-msg-type': 'text', CorpusRun: run, 'reply-to': `/queue/corpus-jms-to-http-${run}` });
      await until('the order reached the back end', () => ofRun().length >= 1);
      const req = ofRun()[0]!;
      expect(req.path).toBe('/services/SimpleStockQuoteService');
      expect(String(req.headers['content-type'])).toMatch(/^text\/xml/);
      expect(req.body).toMatch(/<soapenv:Envelope[\s\S]*<m0:placeOrder[\s\S]*<m0:quantity>18398<\/m0:quantity>/);
      await until('the back end logged the order', () => quotes.logs.some((l: string) => /Accepted order #\d+ for : 18398 stocks of IBM at \$ 172\.23182849731984$/.test(l)));
      await settle();
      expect(ofRun()).toHaveLength(1);
      expect(replies).toEqual([]);
    } finally {
      await client.disconnect();
    }
  },
});
