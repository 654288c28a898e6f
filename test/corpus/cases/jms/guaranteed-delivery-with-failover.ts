import net from 'node:net';
import { expect } from 'vitest';
import { defineCase, backendAt, replace } from '../../case.js';
import { runId, STOMP, until } from './_jms.js';

/**
 * The broker "shut down" for this runtime only: the Original store reaches ActiveMQ's STOMP
 * connector through this relay (mediate.jms.stomp.port), which the test closes and reopens;
 * the machine's broker keeps serving everyone else.
 */
class BrokerRelay {
  private server?: net.Server;
  private readonly sockets = new Set<net.Socket>();
  constructor(readonly port: number) {}

  up(): void {
    if (this.server) return;
    const server = net.createServer((client) => {
      const broker = net.connect(STOMP.port, STOMP.host);
      for (const s of [client, broker]) {
        this.sockets.add(s);
        s.on('error', () => undefined);
        s.on('close', () => {
          this.sockets.delete(s);
          client.destroy();
          broker.destroy();
        });
      }
      client.pipe(broker);
      broker.pipe(client);
    });
    server.on('error', () => undefined);
    server.listen(this.port, '127.0.0.1');
    server.unref();
    this.server = server;
  }

  async down(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const s of this.sockets) s.destroy();
    if (server) await new Promise<void>((r) => server.close(() => r()));
  }
}

const freePort = await new Promise<number>((resolve, reject) => {
  const s = net.createServer();
  s.once('error', reject);
  s.listen(0, '127.0.0.1', () => {
    const { port } = s.address() as net.AddressInfo;
    s.close(() => resolve(port));
  });
});
const relay = new BrokerRelay(freePort);
const run = runId();

export default defineCase({
  id: 'jms/guaranteed-delivery-with-failover',
  title: 'Guaranteed delivery with failover: Proxy1 stores into the JMS store Original and the forwarding processor delivers to SimpleStockQuoteService; with the broker down the messages go to the in-memory failover store (202 still) and reach the back end once it is back',
  status: 'pass',
  docsWrong: [
    'both stores are printed without xmlns="http://ws.apache.org/ns/synapse", so MI would read none of Original\'s parameters (no JNDI settings, no failover): the corrected copies are deployed',
    'the back-end console lines belong to a Ballerina stock-quote service; the axis2 SimpleStockQuoteService logs "Generating quote for : IBM" (asserted)',
    'no timing is given: the failover processor retries the Original store every client.retry.interval = 60 s, so after the broker is back messages may wait a minute',
  ],
  deviates: [
    "the OpenWire URL tcp://localhost:61616 is reached over ActiveMQ's STOMP connector; to shut the broker down for this runtime only, the Original store reaches it through a relay the test closes and reopens (store parameter mediate.jms.stomp.port), instead of stopping the machine's broker",
    'the Original store\'s queue is per run (store.jms.destination Original_Queue_<run>) instead of the default Original_Queue, so messages of other runs cannot reach this back end',
    'the failover processor\'s client.retry.interval is 2000 ms instead of 60000, so the test does not wait a minute after the broker is back',
  ],
  backends: { quotes: { kind: 'stock-quote' } },
  artifacts: [
    { file: 'endpoint_SimpleStockQuoteService.xml', edits: [backendAt('http://127.0.0.1:9000', 'quotes')] },
    {
      file: 'messagestore_Original.corrected.xml',
      as: 'messagestore_Original.xml',
      edits: [
        (text) => {
          relay.up();
          return text.replace(
            '<parameter name="store.jms.JMSSpecVersion">1.1</parameter>',
            `<parameter name="store.jms.JMSSpecVersion">1.1</parameter>\n    <parameter name="store.jms.destination">Original_Queue_${run}</parameter>\n    <parameter name="mediate.jms.stomp.port">${relay.port}</parameter>`,
          );
        },
      ],
    },
    { file: 'messagestore_failover.corrected.xml', as: 'messagestore_failover.xml' },
    { file: 'messageprocessor_ForwardMessageProcessor.xml' },
    { file: 'messageprocessor_FailoverMessageProcessor.xml', edits: [replace('<parameter name="client.retry.interval">60000</parameter>', '<parameter name="client.retry.interval">2000</parameter>')] },
    { file: 'proxy_Proxy1.xml' },
  ],
  async run(t) {
    const quotes = t.backend('quotes');
    const send = () => t.request('POST', '/services/Proxy1', { headers: { 'Content-Type': 'text/xml' }, body: t.corpusFile('request.xml') });
    const generated = () => quotes.logs.filter((l: string) => l.endsWith('Generating quote for : IBM')).length;
    try {
      // Broker up: stored in Original, forwarded to the back end.
      const r = await send();
      expect(r.status).toBe(202);
      await until('the first quote', () => generated() >= 1, 10000);
      const first = quotes.lastRequests[0]!;
      expect(String(first.headers['content-type'])).toMatch(/^text\/xml/);
      expect(String(first.headers.soapaction)).toMatch(/^"?urn:getQuote"?$/);
      expect(first.body).toMatch(/<ser:getQuote[\s\S]*<xsd:symbol>IBM<\/xsd:symbol>/);

      // The processor removes the message after the back end answered: wait for that before the broker goes (a lost ACK would mean a redelivery).
      await until('the first message removed from Original', async () => (await t.host.messaging.storeSize('Original')) === 0, 10000);

      // Broker down: each request still gets 202; the messages wait in the failover store.
      await relay.down();
      for (let i = 0; i < 3; i++) expect((await send()).status).toBe(202);
      await until('three messages in the failover store', async () => (await t.host.messaging.storeSize('failover')) === 3, 10000);
      expect(generated()).toBe(1);

      // Broker back: the failover processor moves them to Original, the forwarding processor delivers them.
      relay.up();
      await until('the three quotes after the broker is back', () => generated() >= 4, 20000);
      await until('both stores empty', async () => (await t.host.messaging.storeSize('failover')) === 0 && (await t.host.messaging.storeSize('Original')) === 0, 10000);
      expect(generated()).toBe(4);
      expect(quotes.hits.byOperation.getQuote).toBe(4);
    } finally {
      await relay.down();
    }
  },
});
