import fs from 'node:fs';
import { expect } from 'vitest';
import { addSynapseNs, defineCase, replace } from '../../case.js';
import { consuming } from '../inbound-endpoints/_listening.js';
import { StompClient } from '../../../../engine/node/transports/jms/stomp-client.js';
import { connect, runId, STOMP, until } from './_jms.js';

const run = runId();
const queue = `mySampleQueue-${run}`;
const placeOrder = (n: number) =>
  `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Header/><soapenv:Body><m:placeOrder xmlns:m="http://services.samples"><m:order><m:price>${100 + n}</m:price><m:quantity>${n}</m:quantity><m:symbol>IBM</m:symbol></m:order></m:placeOrder></soapenv:Body></soapenv:Envelope>`;

export default defineCase({
  id: 'jms/detecting-repeatedly-redelivered-messages',
  title: 'Detect redelivered JMS messages: the JMS inbound logs DeliveryCounter = 1 for a first delivery; a message the broker redelivers is stored in JMS-Redelivered-Store and logged as "more than 1"',
  status: 'pass',
  docsWrong: [
    'every artifact is printed without xmlns="http://ws.apache.org/ns/synapse", which MI does not deploy: the namespace is added',
    'with AUTO_ACKNOWLEDGE and a sequence that always drops, nothing in the example causes a redelivery, and the page never shows one: the test makes one by taking the message with a client-acknowledge consumer that disconnects without acknowledging while the inbound endpoint is undeployed',
    'the page says the sequence reads JMSXDeliveryCount; it reads jms.message.delivery.count, the property MI sets from it',
    'the printed log line shows MessageID = the JMS message id; Mediate\'s log shows its own urn:uuid message id (the JMS id is the JMSMessageID transport header)',
  ],
  deviates: [
    'HornetQ (JNP JNDI jnp://localhost:1099, queue/mySampleQueue) is not available: the inbound endpoint is pointed at ActiveMQ\'s JNDI (tcp://localhost:61616, over its STOMP connector 127.0.0.1:61613) and a per-run queue mySampleQueue-<run>',
    'ActiveMQ\'s STOMP frames carry no JMSXDeliveryCount, only redelivered:true: Mediate maps a first delivery to 1 and a redelivered one to 2 (at least one redelivery), so the filter sees "1" or not "1" as with JMS',
    'SOAPPublisher.java (a JMS 2.0 JMSContext producer) is replaced by a STOMP sender of the same kind of placeOrder envelope as a TextMessage',
  ],
  artifacts: [
    {
      file: 'inboundendpoint_jms_inbound.xml',
      edits: [addSynapseNs, replace('org.jnp.interfaces.NamingContextFactory', 'org.apache.activemq.jndi.ActiveMQInitialContextFactory'), replace('jnp://localhost:1099', 'tcp://localhost:61616'), replace('queue/mySampleQueue', queue)],
    },
    { file: 'sequence_request.xml', edits: [addSynapseNs] },
    { file: 'sequence_main.xml', edits: [addSynapseNs] },
    { file: 'sequence_fault.xml', edits: [addSynapseNs] },
    { file: 'messagestore_JMS-Redelivered-Store.xml', edits: [addSynapseNs] },
  ],
  async run(t) {
    await consuming(t, 'inbound-endpoint:jms_inbound');
    const counter = (v: string) => t.logs().filter((l) => l.startsWith('INFO {LogMediator} - {sequence:request}') && l.endsWith(`Direction: request, DeliveryCounter = ${v}`)).length;
    const sender = await connect();
    try {
      // First delivery: JMSXDeliveryCount 1.
      await sender.send(`/queue/${queue}`, placeOrder(1), { 'amq-msg-type': 'text', contentType: 'text/xml' });
      await until('DeliveryCounter = 1', () => counter('1') >= 1);
      expect(t.logs().some((l) => l.includes('<m:quantity>1</m:quantity>'))).toBe(true);
      expect(await t.host.messaging.storeSize('JMS-Redelivered-Store')).toBe(0);

      // A redelivery: undeploy the inbound endpoint, let a client-acknowledge consumer take the message and go away without acknowledging it.
      const file = t.host.initial.deployed.find((d) => d.file.endsWith('inboundendpoint_jms_inbound.xml'))!.file;
      const text = fs.readFileSync(file, 'utf8');
      fs.rmSync(file);
      await t.host.refresh();
      await until('the inbound endpoint stopped', () => !t.host.active.statuses().some((s) => s.artifact === 'inbound-endpoint:jms_inbound' && s.state === 'listening'));
      await sender.send(`/queue/${queue}`, placeOrder(2), { 'amq-msg-type': 'text', contentType: 'text/xml' });
      const taker = await StompClient.connect({ ...STOMP });
      let taken = 0;
      await taker.subscribe(`/queue/${queue}`, () => taken++, { ack: 'client-individual' });
      await until('the unacknowledged delivery', () => taken === 1);
      taker.destroy();

      fs.writeFileSync(file, text);
      await t.host.refresh();
      await consuming(t, 'inbound-endpoint:jms_inbound');
      await until('DeliveryCounter = more than 1', () => counter('more than 1') >= 1);
      expect(await t.host.messaging.storeSize('JMS-Redelivered-Store')).toBe(1);
      expect(counter('1')).toBe(1);
      const stored = await t.host.messaging.listMessages('JMS-Redelivered-Store');
      expect(JSON.stringify(stored)).toContain('<m:quantity>2</m:quantity>');
    } finally {
      await sender.disconnect();
    }
  },
});
