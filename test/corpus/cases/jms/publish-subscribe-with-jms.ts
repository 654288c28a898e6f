import fs from 'node:fs';
import { expect } from 'vitest';
import { defineCase } from '../../case.js';
import { consuming } from '../inbound-endpoints/_listening.js';
import { collect, connect, settle, until } from './_jms.js';

export default defineCase({
  id: 'jms/publish-subscribe-with-jms',
  title: 'Publish/subscribe with JMS: an HTTP proxy publishes to topic SimpleStockQuoteService (202), both subscriber proxies get each message; an undeployed subscriber gets no backlog',
  status: 'pass',
  docsWrong: [
    'the page prints MI\'s "Started to listen on destination : SimpleStockQuoteService of type topic" lines; Mediate says "consuming /topic/SimpleStockQuoteService" for each subscriber (asserted)',
    'no log text is printed for the delivery; by the configuration each subscriber logs its custom line once per message (asserted)',
    'the subscribers\' content-type rules default to application/xml, so the SOAP envelope the publisher sends (no contentType property) is built as POX; they only log a constant, so it does not show',
  ],
  deviates: [
    "the OpenWire URLs (listener factory and jms:/ address, tcp://localhost:61616) are reached over the same ActiveMQ's STOMP connector (127.0.0.1:61613)",
    'the topic is named by the docs (no per-run name): the subscribers are non-durable, so only messages published while this run is connected reach them',
  ],
  artifacts: [
    { file: 'snippet_deployment_jms_listener.toml', as: 'deployment.toml' },
    { file: 'proxy_StockQuoteProxy.xml' },
    { file: 'proxy_SimpleStockQuoteService1.xml' },
    { file: 'proxy_SimpleStockQuoteService2.xml' },
  ],
  async run(t) {
    await consuming(t, 'proxy:SimpleStockQuoteService1');
    await consuming(t, 'proxy:SimpleStockQuoteService2');
    for (const n of [1, 2]) expect(t.logs().some((l) => l.includes(`Proxy service SimpleStockQuoteService${n} `) && l.includes('consuming /topic/SimpleStockQuoteService'))).toBe(true);
    const count = (n: number) => t.logs().filter((l) => l.endsWith(`{proxy:SimpleStockQuoteService${n}} Subscriber${n} = I am Subscriber${n}`)).length;
    const probe = await connect();
    try {
      const seen = await collect(probe, '/topic/SimpleStockQuoteService');
      const publish = () => t.request('POST', '/services/StockQuoteProxy', { headers: { 'Content-Type': 'text/xml', SOAPAction: 'urn:getQuote' }, body: t.corpusFile('request.xml') });
      const r = await publish();
      expect(r.status).toBe(202);
      expect(r.text).toBe('');
      await until('both subscribers logged', () => count(1) >= 1 && count(2) >= 1);
      await until('the probe got the message', () => seen.length >= 1);
      await settle();
      expect([count(1), count(2)]).toEqual([1, 1]);
      expect(seen).toHaveLength(1);
      expect(seen[0]!.body.toString()).toMatch(/<soapenv:Envelope[\s\S]*<ser:getQuote>[\s\S]*<xsd:symbol>IBM<\/xsd:symbol>/);

      // Subscriber 2 undeployed: the next message reaches subscriber 1 only.
      const file = t.host.initial.deployed.find((d) => d.file.endsWith('proxy_SimpleStockQuoteService2.xml'))!.file;
      fs.rmSync(file);
      await t.host.refresh();
      await until('subscriber 2 stopped', () => !t.host.active.statuses().some((s) => s.artifact === 'proxy:SimpleStockQuoteService2' && s.state === 'listening'));
      expect((await publish()).status).toBe(202);
      await until('subscriber 1 logged again', () => count(1) >= 2);
      await until('the probe got the second message', () => seen.length >= 2);
      await settle();
      expect([count(1), count(2)]).toEqual([2, 1]);
    } finally {
      await probe.disconnect();
    }
  },
});
