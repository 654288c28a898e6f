import { expect } from 'vitest';
import { addSynapseNs, defineCase, replace } from '../../case.js';
import { consuming } from '../inbound-endpoints/_listening.js';
import { connect, runId, settle, until } from './_jms.js';
import type { StompMessage } from '../../../../engine/node/transports/jms/stomp-client.js';

const run = runId();
const topic = `VirtualTopic.sampleTopic-${run}`;
const order = (n: number) =>
  `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><m:placeOrder xmlns:m="http://services.samples"><m:order><m:price>${(100 + n * 1.5).toFixed(2)}</m:price><m:quantity>${n}</m:quantity><m:symbol>IBM</m:symbol></m:order></m:placeOrder></soapenv:Body></soapenv:Envelope>`;

export default defineCase({
  id: 'jms/shared-topic-subscription',
  title: 'Shared topic subscription: the JMS inbound endpoint (spec 2.0, SharedSubscription, subscription mySubscription) and a second subscriber of mySubscription share the 5 published messages: each is consumed by exactly one of them',
  status: 'pass',
  docsWrong: [
    'the inbound endpoint is printed with sequence="request"onError="fault" (not well-formed XML): the corrected copy is deployed',
    'every artifact is printed without xmlns="http://ws.apache.org/ns/synapse": the namespace is added to the sequences',
    'step 3 asks for a proxy, a registry artifact and a scheduled task the example does not have; snippet_registry.xml / snippet_taskManager.xml are synapse.xml settings, not artifacts, and are not deployed',
    'DurableSubscriberName names the shared subscription although it is not durable (SubscriptionDurable is not set)',
  ],
  deviates: [
    'HornetQ (JNP JNDI jnp://localhost:1099, /topic/exampleTopic) is not available: the inbound endpoint points at ActiveMQ\'s JNDI (tcp://localhost:61616, over its STOMP connector 127.0.0.1:61613)',
    'ActiveMQ Classic 5.17 has no JMS 2.0 shared subscriptions: Mediate maps a shared subscription S on a virtual topic VirtualTopic.T to ActiveMQ\'s consumer queue Consumer.S.VirtualTopic.T, so the topic is a per-run VirtualTopic.sampleTopic-<run>; the subscription therefore keeps messages while no subscriber is connected (as a durable shared one would)',
    'TopicConsumer.java (createSharedConsumer(topic, "mySubscription")) becomes a STOMP consumer of that same consumer queue; TopicPublisher.java becomes a STOMP publisher of five placeOrder envelopes to the topic',
    'which subscriber gets which message is the broker\'s choice; the test asserts that together they got each of the five exactly once, and that each subscriber got at least one (both take one message at a time)',
  ],
  artifacts: [
    {
      file: 'inboundendpoint_jms_inbound.corrected.xml',
      as: 'inboundendpoint_jms_inbound.xml',
      edits: [replace('org.jnp.interfaces.NamingContextFactory', 'org.apache.activemq.jndi.ActiveMQInitialContextFactory'), replace('jnp://localhost:1099', 'tcp://localhost:61616'), replace('/topic/exampleTopic', topic)],
    },
    { file: 'sequence_request.xml', edits: [addSynapseNs] },
    { file: 'sequence_fault.xml', edits: [addSynapseNs] },
  ],
  async run(t) {
    await consuming(t, 'inbound-endpoint:jms_inbound');
    expect(t.logs().some((l) => l.includes(`consuming /queue/Consumer.mySubscription.${topic}`))).toBe(true);
    const inbound = () => t.logs().filter((l) => l.includes('{sequence:request}') && l.includes('m:placeOrder')).map((l) => Number(/<m:quantity>(\d+)<\/m:quantity>/.exec(l)?.[1]));
    const consumer = await connect();
    const publisher = await connect();
    try {
      const mine: StompMessage[] = [];
      // One at a time (client ack after a short pause), as a consumer doing work would: the broker spreads the messages.
      await consumer.subscribe(
        `/queue/Consumer.mySubscription.${topic}`,
        (m) => {
          mine.push(m);
          setTimeout(() => void consumer.ack(m).catch(() => undefined), 100);
        },
        { ack: 'client-individual', headers: { 'activemq.prefetchSize': 1 } },
      );
      for (let n = 1; n <= 5; n++) await publisher.send(`/topic/${topic}`, order(n), { 'amq-msg-type': 'text', contentType: 'text/xml' });
      const byTest = () => mine.map((m) => Number(/<m:quantity>(\d+)<\/m:quantity>/.exec(m.body.toString())?.[1]));
      await until('all five consumed', () => inbound().length + mine.length >= 5, 15000);
      await settle(800);
      const all = [...inbound(), ...byTest()].sort((a, b) => a - b);
      expect(all).toEqual([1, 2, 3, 4, 5]);
      expect(mine.length).toBeGreaterThanOrEqual(1);
      expect(inbound().length).toBeGreaterThanOrEqual(1);
      expect(mine[0]!.body.toString()).toContain('<m:symbol>IBM</m:symbol>');
    } finally {
      await consumer.disconnect();
      await publisher.disconnect();
    }
  },
});
