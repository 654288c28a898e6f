import { expect } from 'vitest';
import { defineCase, backendAt, replace } from '../../case.js';
import { consuming } from '../inbound-endpoints/_listening.js';
import { collect, connect, drain, runId, settle, until } from './_jms.js';

const quotes = backendAt('http://localhost:9000', 'quotes');

export default defineCase({
  id: 'jms/consuming-jms',
  title: 'Consume JMS: a queue-listening proxy sends the message on to SimpleStockQuoteService (one way), answers to ResponseQueue or the JMSReplyTo (two way), and takes the content type from the <rules>',
  status: 'pass',
  docsWrong: [
    'the back-end console lines printed for Example 1 belong to a Ballerina stock-quote service; the documented axis2 SimpleStockQuoteService logs "Generating quote for : IBM" (asserted)',
    'Example 2 says the reply queue is chosen by a ReplyDestination on the request; transport.jms.ReplyDestination is only the fallback for a request without JMSReplyTo: a request with reply-to gets its answer there, not on ResponseQueue (asserted)',
    'the web-console steps become STOMP client steps (Debian\'s ActiveMQ ships no web console)',
  ],
  deviates: [
    "the OpenWire URL tcp://localhost:61616 of the toml's listener factory is reached over the same ActiveMQ's STOMP connector (127.0.0.1:61613)",
    'Example 3 has the same proxy name as Example 1 (MI cannot deploy both): it is deployed renamed JMStoHTTPStockQuoteProxy3; it names its queue (MyJMSQueue), so the name does not change what it consumes',
  ],
  backends: { quotes: { kind: 'stock-quote' } },
  artifacts: [
    { file: 'snippet_deployment_jms_listener.toml', as: 'deployment.toml' },
    { file: 'proxy_JMStoHTTPStockQuoteProxy.example1.xml', edits: [quotes] },
    { file: 'proxy_JMStoHTTPStockQuoteProxy1.xml', edits: [quotes] },
    { file: 'proxy_JMStoHTTPStockQuoteProxy.example3.xml', as: 'proxy_JMStoHTTPStockQuoteProxy3.xml', edits: [quotes, replace('name="JMStoHTTPStockQuoteProxy"', 'name="JMStoHTTPStockQuoteProxy3"')] },
  ],
  async run(t) {
    const run = runId();
    const backend = t.backend('quotes');
    for (const p of ['proxy:JMStoHTTPStockQuoteProxy', 'proxy:JMStoHTTPStockQuoteProxy1', 'proxy:JMStoHTTPStockQuoteProxy3']) await consuming(t, p);
    await drain('/queue/ResponseQueue');
    const client = await connect();
    const ofRun = () => backend.lastRequests.filter((r: { headers: Record<string, unknown> }) => r.headers.corpusrun === run);
    try {
      const responses = await collect(client, '/queue/ResponseQueue');
      const mine = await collect(client, `/queue/corpus-replies-${run}`);
      const envelope = t.corpusFile('request.xml');

      // Example 1: one way. No contentType property: the <default> rule makes it SOAP 1.1 (text/xml).
      await client.send('/queue/JMStoHTTPStockQuoteProxy', envelope, { 'amq-msg-type': 'text', CorpusRun: run, Example: '1' });
      await until('Example 1 reached the back end', () => ofRun().length >= 1);
      const one = ofRun()[0]!;
      expect(one.method).toBe('POST');
      expect(one.path).toBe('/services/SimpleStockQuoteService');
      expect(String(one.headers['content-type'])).toMatch(/^text\/xml/);
      expect(String(one.headers.soapaction)).toMatch(/^"?urn:getQuote"?$/);
      expect(one.body).toMatch(/<soapenv:Envelope[\s\S]*<ser:getQuote[\s\S]*<xsd:symbol>IBM<\/xsd:symbol>/);
      expect(backend.logs.some((l: string) => l.endsWith('Generating quote for : IBM'))).toBe(true);

      // Example 2: two way; no JMSReplyTo on the request, so the answer goes to ResponseQueue, correlated by the request's JMSMessageID.
      await client.send('/queue/JMStoHTTPStockQuoteProxy1', envelope, { 'amq-msg-type': 'text', CorpusRun: run, Example: '2' });
      await until('the answer on ResponseQueue', () => responses.length >= 1);
      const two = ofRun()[1]!;
      const requestId = String(two.headers.jmsmessageid);
      expect(requestId).toMatch(/^ID:/);
      expect(responses[0]!.headers['correlation-id']).toBe(requestId);
      expect(responses[0]!.body.toString()).toMatch(/<soapenv:Envelope[\s\S]*getQuoteResponse[\s\S]*<ax21:symbol>IBM<\/ax21:symbol>/);

      // The request's own JMSReplyTo wins over transport.jms.ReplyDestination; the correlation id it set is kept.
      await client.send('/queue/JMStoHTTPStockQuoteProxy1', envelope, { 'amq-msg-type': 'text', CorpusRun: run, Example: '2b', 'reply-to': `/queue/corpus-replies-${run}`, 'correlation-id': `corr-${run}` });
      await until('the answer on the request\'s reply-to queue', () => mine.length >= 1);
      expect(mine[0]!.headers['correlation-id']).toBe(`corr-${run}`);
      expect(mine[0]!.body.toString()).toContain('getQuoteResponse');

      // Example 3: MyJMSQueue, default application/xml: a plain getQuote goes to the back end as POX.
      await client.send('/queue/MyJMSQueue', '<getQuote xmlns="http://services.samples"><request><symbol>MSFT</symbol></request></getQuote>', { 'amq-msg-type': 'text', CorpusRun: run, Example: '3' });
      await until('Example 3 reached the back end', () => ofRun().length >= 4);
      const three = ofRun()[3]!;
      expect(String(three.headers['content-type'])).toMatch(/^application\/xml/);
      expect(three.body).toMatch(/<symbol>MSFT<\/symbol>/);
      expect(three.body).not.toContain('Envelope');

      await settle();
      expect(ofRun()).toHaveLength(4);
      // Example 1 (OUT_ONLY) and Example 3 answer nobody; only Example 2's first request used ResponseQueue.
      expect(responses).toHaveLength(1);
      expect(mine).toHaveLength(1);
    } finally {
      await client.disconnect();
    }
  },
});
