import { expect } from 'vitest';
import { defineCase } from '../../case.js';
import { consuming } from '../inbound-endpoints/_listening.js';
import type { StompMessage } from '../../../../engine/node/transports/jms/stomp-client.js';
import { collect, connect, runId, settle, until } from './_jms.js';

const soap = (body: string) => `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`;

export default defineCase({
  id: 'jms/quad-channel-jms-to-jms',
  title: 'Quad channel JMS to JMS: a client message on ClientReq (reply-to ClientRes) goes to BEReq with reply destination BERes; the back end\'s answer on BERes goes back to ClientRes, correlated end to end',
  status: 'pass',
  docsWrong: [
    'the page starts the HTTP SimpleStockQuoteService as the back end, which reads no queue: the test plays the JMS back end on BEReq (answering on the message\'s reply-to with its correlation id) and the client',
    'no payloads or logs are printed; by the configuration the client gets the back end\'s answer and the proxy logs the request at full level (asserted)',
    'the page says ReplyDestination makes the proxy pick messages from ClientReq; the listener\'s queue comes from transport.jms.Destination (ClientReq), ReplyDestination (BERes) is where the call waits for the back end (asserted)',
  ],
  deviates: [
    "the OpenWire URL tcp://localhost:61616 (jms:/ address; the proxy names no factory, so the listener factory `default`, not defined here, falls back to localhost) is reached over ActiveMQ's STOMP connector (127.0.0.1:61613)",
    'the four queues are named by the docs: the back-end stub answers only this run\'s messages and the client selects its answers by correlation id',
  ],
  artifacts: [{ file: 'proxy_QuadJMS.xml' }],
  async run(t) {
    const run = runId();
    await consuming(t, 'proxy:QuadJMS');
    const stub = await connect();
    const client = await connect();
    try {
      const backendSaw: StompMessage[] = [];
      await stub.subscribe('/queue/BEReq', (m) => {
        const body = m.body.toString();
        if (!body.includes(run)) return;
        backendSaw.push(m);
        void stub.send(m.headers['reply-to']!, body.replace('<req>', '<resp>').replace('</req>', '</resp>'), { 'amq-msg-type': 'text', 'Content-Type': m.headers['Content-Type'], 'correlation-id': m.headers['correlation-id'] ?? m.messageId });
      });

      // With a client correlation id: it is carried to BEReq and back to ClientRes. The contentType property (first rule) makes it POX.
      const answers = await collect(client, '/queue/ClientRes', { selector: `JMSCorrelationID = 'c-${run}'` });
      await client.send('/queue/ClientReq', `<req>${run}-1</req>`, { 'amq-msg-type': 'text', contentType: 'application/xml', 'reply-to': '/queue/ClientRes', 'correlation-id': `c-${run}` });
      await until('the answer on ClientRes', () => answers.length >= 1, 10000);
      expect(backendSaw).toHaveLength(1);
      expect(backendSaw[0]!.body.toString()).toBe(`<req>${run}-1</req>`);
      expect(backendSaw[0]!.headers['correlation-id']).toBe(`c-${run}`);
      expect(backendSaw[0]!.headers['reply-to']).toBe('/queue/BERes');
      // transport.jms.ContentTypeProperty=Content-Type: the content type travels in that property.
      expect(backendSaw[0]!.headers['Content-Type']).toMatch(/^application\/xml/);
      expect(answers[0]!.body.toString()).toBe(`<resp>${run}-1</resp>`);
      await t.waitForLog(new RegExp(`INFO \\{LogMediator\\} - \\{proxy:QuadJMS\\} .*JMS_COORELATION_ID = c-${run}.*Envelope: .*<req>${run}-1</req>`));

      // Without one: the chain correlates on the client message's JMSMessageID. No contentType property: the <default> text/xml, a SOAP 1.1 envelope.
      await client.send('/queue/ClientReq', soap(`<req>${run}-2</req>`), { 'amq-msg-type': 'text', 'reply-to': '/queue/ClientRes' });
      await until('the second request on BEReq', () => backendSaw.length >= 2, 10000);
      expect(backendSaw[1]!.body.toString()).toBe(soap(`<req>${run}-2</req>`));
      expect(backendSaw[1]!.headers['Content-Type']).toMatch(/^text\/xml/);
      const clientMessageId = backendSaw[1]!.headers['correlation-id']!;
      expect(clientMessageId).toMatch(/^ID:/);
      const second = await collect(client, '/queue/ClientRes', { selector: `JMSCorrelationID = '${clientMessageId}'` });
      await until('the second answer on ClientRes', () => second.length >= 1, 10000);
      expect(second[0]!.body.toString()).toBe(soap(`<resp>${run}-2</resp>`));
      await settle();
      expect([answers.length, second.length, backendSaw.length]).toEqual([1, 1, 2]);
    } finally {
      await stub.disconnect();
      await client.disconnect();
    }
  },
});
