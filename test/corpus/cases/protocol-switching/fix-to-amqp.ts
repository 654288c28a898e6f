import { expect } from 'vitest';
import { randomUUID } from 'node:crypto';
import amqp from 'amqplib';
import { defineCase, replace } from '../../case.js';
import { acceptorListening, executionReportFor, expectWellFramed, fixCaseEnv, FixPeer, newOrderSingle, transportPageCfg } from './_fix.js';

const env = await fixCaseEnv();
const queue = `QpidStockQuoteService-${randomUUID().slice(0, 8)}`;
const documentedAddress =
  'jms:/QpidStockQuoteService?transport.jms.ConnectionFactoryJNDIName=qpidConnectionfactory&amp;java.naming.factory.initial=org.apache.qpid.jndi.PropertiesFileInitialContextFactory&amp;java.naming.provider.url=repository/samples/resources/fix/con.properties&amp;transport.jms.ReplyDestination=replyQueue';

export default defineCase({
  id: 'protocol-switching/fix-to-amqp',
  title: 'FIX to AMQP: a FIX order becomes a message on a RabbitMQ queue; the consumer\'s execution report goes back to Banzai',
  status: 'pass',
  docsWrong: ["con.properties (the Qpid JNDI file) is an EI sample path that MI does not have, and its contents are not shown, so the AMQP broker the page means cannot be known"],
  deviates: [
    "AMQP is RabbitMQ (AMQP 0-9-1) here: the Qpid JNDI jms:/ address is replaced by rabbitmq:/ to a queue of this run; the reply comes on the sender's own reply queue, not the page's replyQueue",
    "Banzai is the Node FIX peer of engine/node/transports/fix/test-counterparty.ts; the acceptor session file is the FIX transport page's fix-synapse.cfg on a free port; the page's 'AMQP consumer' (not provided) is an amqplib consumer in the test that answers each order with an ExecutionReport",
  ],
  artifacts: [
    {
      file: 'proxy_FIXProxy.xml',
      edits: [replace(documentedAddress, `rabbitmq:/${queue}?rabbitmq.queue.name=${queue}&amp;rabbitmq.queue.durable=false`), replace('file:/{file_path}/fix-synapse.cfg', env.cfg('fix-synapse.cfg', transportPageCfg('fix-synapse.cfg')))],
    },
  ],
  async run(t) {
    const conn = await amqp.connect('amqp://guest:guest@127.0.0.1:5672');
    const ch = await conn.createChannel();
    const banzai = new FixPeer('banzai', 'FIX.4.0', 'BANZAI', 'SYNAPSE');
    const orders: string[] = [];
    try {
      await ch.assertQueue(queue, { durable: false });
      await ch.consume(queue, (m) => {
        if (!m) return;
        const body = m.content.toString();
        orders.push(body);
        ch.sendToQueue(m.properties.replyTo, Buffer.from(executionReportFor(body)), { correlationId: m.properties.correlationId ?? m.properties.messageId, contentType: 'text/xml' });
        ch.ack(m);
      });
      await acceptorListening(t, 'FIXProxy');
      await banzai.connect(env.acceptorPort);
      banzai.send(newOrderSingle({ clOrdId: 'amqp1', symbol: 'DELL', side: '1', quantity: '1000', ordType: '2', price: '100' }));
      const report = await banzai.waitFor((m) => m.fields.get(35) === '8');
      expect([report.fields.get(8), report.fields.get(49), report.fields.get(56), report.fields.get(11), report.fields.get(55), report.fields.get(39)]).toEqual(['FIX.4.0', 'SYNAPSE', 'BANZAI', 'amqp1', 'DELL', '0']);
      expectWellFramed(banzai);
      // The queue got the order as MI's FIX XML in a SOAP envelope (text/xml).
      expect(orders).toHaveLength(1);
      expect(orders[0]).toMatch(/<soapenv:Envelope[\s\S]*<message inSession="FIX\.4\.0:SYNAPSE-(?:&gt;|>)BANZAI" counter="1">[\s\S]*<field id="55">DELL<\/field>/);
      await t.waitForLog(/Direction: response.*<field id="11">amqp1<\/field>.*<field id="39">0<\/field>/);
    } finally {
      await banzai.close();
      await ch.deleteQueue(queue).catch(() => undefined);
      await conn.close();
    }
  },
});
