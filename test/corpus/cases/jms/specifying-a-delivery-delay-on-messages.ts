import { expect } from 'vitest';
import { defineCase, replace } from '../../case.js';
import { collect, connect, runId, settle, until } from './_jms.js';

const run = runId();
const queue = `mySampleQueue-${run}`;
const toQueue = replace('jms:/queue/mySampleQueue', `jms:/${queue}`);
const factory = (name: string, spec?: string) =>
  `[[transport.jms.sender]]\nname = "${name}"\nparameter.initial_naming_factory = "org.apache.activemq.jndi.ActiveMQInitialContextFactory"\nparameter.provider_url = "tcp://localhost:61616"\nparameter.connection_factory_name = "QueueConnectionFactory"\nparameter.connection_factory_type = "queue"\n${spec ? `parameter.jms_spec_version = "${spec}"\n` : ''}`;

export default defineCase({
  id: 'jms/specifying-a-delivery-delay-on-messages',
  title: 'JMS delivery delay: JMSDelivery and JMSDeliveryDelayed answer 202 and put the request on the queue as POX; JMSDeliveryDelayed\'s JMS_MESSAGE_DELAY=10000 holds its message back (JMS 2.0 sender factory), so a later undelayed message overtakes it; with the factory at JMS 1.1 the property is ignored',
  status: 'pass',
  docsWrong: [
    'the printed address URIs have no destination (jms:transport.jms.ConnectionFactory=... / jms:/transport.jms.ConnectionFactory=...): the corrected proxies (jms:/<destination>?transport.jms.ConnectionFactory=...) are deployed',
    'the proxies are printed without xmlns="http://ws.apache.org/ns/synapse": the corrected copies have it',
    'the sender factory myQueueConnectionFactory is not shown; JMS_MESSAGE_DELAY takes effect only when it declares JMS spec 2.0 (transport.jms.JMSSpecVersion), so the test declares it; a copy at the default 1.1 shows the property ignored (asserted)',
    'the description table swaps the two proxies; the page\'s QueueConsumer.java (arrival timestamps) becomes a STOMP consumer that checks the order of arrival',
  ],
  deviates: [
    'HornetQ (JNP JNDI, queue/mySampleQueue) is not available: the sender factories point at ActiveMQ (tcp://localhost:61616, over its STOMP connector 127.0.0.1:61613) and the destination is a per-run queue mySampleQueue-<run>',
    'ActiveMQ Classic has no JMS 2.0 setDeliveryDelay: Mediate sends JMS_MESSAGE_DELAY as ActiveMQ\'s AMQ_SCHEDULED_DELAY (the broker runs with schedulerSupport="true")',
    'the "more than 10 seconds" between the two arrivals is not timed: the delayed message is sent first and must arrive after an undelayed one sent later, and not before a settle period',
    'sequence_main.xml (the legacy <in>/<out> "open proxy" main sequence, not used by the two proxies) is not deployed: Mediate does not build the in/out mediators',
    'a third proxy JMSDeliveryDelayed11 (the delayed proxy on a JMS 1.1 copy of the factory) is added for the negative check',
  ],
  artifacts: [
    { name: 'deployment.toml', why: 'the sender factory the page names but does not print (JMS spec 2.0), and a JMS 1.1 copy', text: () => `${factory('myQueueConnectionFactory', '2.0')}\n${factory('myQueueConnectionFactory11')}` },
    { file: 'proxy_JMSDelivery.corrected.xml', as: 'proxy_JMSDelivery.xml', edits: [toQueue] },
    { file: 'proxy_JMSDeliveryDelayed.corrected.xml', as: 'proxy_JMSDeliveryDelayed.xml', edits: [toQueue] },
    {
      file: 'proxy_JMSDeliveryDelayed.corrected.xml',
      as: 'proxy_JMSDeliveryDelayed11.xml',
      edits: [toQueue, replace('name="JMSDeliveryDelayed"', 'name="JMSDeliveryDelayed11"'), replace('ConnectionFactory=myQueueConnectionFactory"', 'ConnectionFactory=myQueueConnectionFactory11"')],
    },
    { file: 'sequence_fault.xml', edits: [(s) => (s.includes('http://ws.apache.org/ns/synapse') ? s : s.replace('<sequence name="fault"', '<sequence xmlns="http://ws.apache.org/ns/synapse" name="fault"'))] },
  ],
  async run(t) {
    const consumer = await connect();
    try {
      const got = await collect(consumer, `/queue/${queue}`);
      const request = t.corpusFile('request.xml');
      const post = async (proxy: string, symbol: string) => {
        const r = await t.request('POST', `/services/${proxy}`, { headers: { 'Content-Type': 'text/xml', SOAPAction: 'urn:getQuote' }, body: request.replace('<xsd:symbol>IBM</xsd:symbol>', `<xsd:symbol>${symbol}</xsd:symbol>`) });
        expect(r.status).toBe(202);
        expect(r.text).toBe('');
      };
      const symbols = () => got.map((m) => /<xsd:symbol[^>]*>(\w+)<\/xsd:symbol>/.exec(m.body.toString())?.[1]);

      await post('JMSDeliveryDelayed', 'DELAYED');
      await post('JMSDeliveryDelayed11', 'SPEC11');
      await post('JMSDelivery', 'NOW');
      await until('the two undelayed messages', () => got.length >= 2);
      expect(symbols()).toEqual(['SPEC11', 'NOW']);
      // messageType application/xml: the getQuote element as POX, no SOAP envelope.
      for (const m of got) {
        expect(m.body.toString()).toMatch(/^(<\?xml[^>]*\?>)?<ser:getQuote xmlns:ser="http:\/\/services\.samples"[^>]*>/);
        expect(m.body.toString()).not.toContain('Envelope');
      }
      expect(t.logs().some((l) => l.includes('JMS_MESSAGE_DELAY is applied only with transport.jms.JMSSpecVersion=2.0'))).toBe(true);
      await settle(2000);
      expect(symbols()).toEqual(['SPEC11', 'NOW']);
      // The delayed one comes after its 10 s delay (bounded wait).
      await until('the delayed message', () => got.length >= 3, 30000);
      expect(symbols()).toEqual(['SPEC11', 'NOW', 'DELAYED']);
      expect(got[2]!.body.toString()).not.toContain('Envelope');
      await settle();
      expect(got).toHaveLength(3);
    } finally {
      await consumer.disconnect();
    }
  },
});
