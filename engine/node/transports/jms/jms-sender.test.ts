/**
 * The JMS sender on a real ActiveMQ Classic (STOMP connector, .ci/services/activemq.sh):
 * an API's `jms:/` address publishes, a `call` waits for the reply a responder sends to
 * the temporary reply queue, and JMS properties reach the broker.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { probeService, describeWithServices } from '../../../../test/support/services.js';
import { testEngine } from '../../../testing/harness.js';
import { StompClient, type StompMessage } from './stomp-client.js';
import { createJmsSender } from './sender.js';
import { MemoryLogger } from '../../../core/logger.js';

const amq = await probeService({ name: 'ActiveMQ (STOMP)', port: 61613, start: '.ci/services/activemq.sh' });
const SYN = 'xmlns="http://ws.apache.org/ns/synapse"';

describeWithServices('JMS sender over ActiveMQ STOMP', [amq], () => {
  let probe: StompClient;
  const senderLog = new MemoryLogger();
  const sender = createJmsSender({ logger: senderLog, factories: [{ name: 'mySender', parameters: { 'java.naming.provider.url': 'tcp://localhost:61616' } }] });
  beforeAll(async () => {
    probe = await StompClient.connect({ host: '127.0.0.1', port: 61613 });
  });
  afterAll(async () => {
    await probe?.disconnect();
    await sender.close();
  });

  function nextMessage(dest: string, selector?: string): Promise<StompMessage> {
    return new Promise((resolve) => {
      void probe.subscribe(dest, (m) => resolve(m), { ack: 'auto', selector });
    });
  }

  it('a callout to a jms:/ serviceURL publishes the source envelope (OUT_ONLY); an XA TransactionCommand is warned, not honoured', async () => {
    const q = `mediate-jms-callout-${randomUUID()}`;
    const arrived = nextMessage(`/queue/${q}`);
    const t = testEngine(
      {
        'a.xml': `<api ${SYN} name="C" context="/c"><resource methods="POST"><inSequence>
          <property name="OUT_ONLY" value="true"/>
          <callout serviceURL="jms:/${q}?transport.jms.ConnectionFactory=mySender&amp;transport.jms.DestinationType=queue;transport.jms.TransactionCommand=begin"><source type="envelope"/><target key="r"/></callout>
          <payloadFactory media-type="xml"><format><done xmlns=""/></format><args/></payloadFactory><respond/>
        </inSequence></resource></api>`,
      },
      { brokerSenders: new Map([['jms', sender]]) },
    );
    expect(t.deployed.failed).toEqual([]);
    const res = await t.request('POST', '/c', { headers: { 'Content-Type': 'application/xml' }, body: '<order><id>7</id></order>' });
    expect(res.text).toContain('<done');
    const m = await arrived;
    expect(m.body.toString()).toMatch(/<soapenv:Envelope[^>]*><soapenv:Body><order><id>7<\/id><\/order><\/soapenv:Body><\/soapenv:Envelope>/);
    expect(String(m.headers['content-type'])).toMatch(/^text\/xml/);
    expect(senderLog.records.some((r) => r.level === 'warn' && r.message.includes('transport.jms.TransactionCommand=begin: distributed (XA) JMS transactions are not supported'))).toBe(true);
  });

  it('publishes a persistent text message with its JMS properties (OUT_ONLY)', async () => {
    const q = `mediate-jms-out-${randomUUID()}`;
    const arrived = nextMessage(`/queue/${q}`);
    const t = testEngine(
      {
        'a.xml': `<api ${SYN} name="J" context="/j"><resource methods="POST"><inSequence>
          <property name="OUT_ONLY" value="true"/><property name="FORCE_SC_ACCEPTED" value="true" scope="axis2"/>
          <property name="JMS_PRIORITY" value="7" scope="axis2"/>
          <property name="JMS_COORELATION_ID" value="corr-1" scope="axis2"/>
          <call><endpoint><address uri="jms:/${q}?transport.jms.ConnectionFactory=mySender&amp;transport.jms.DestinationType=queue"/></endpoint></call>
        </inSequence></resource></api>`,
      },
      { brokerSenders: new Map([['jms', sender]]) },
    );
    expect(t.deployed.failed).toEqual([]);
    const res = await t.request('POST', '/j', { headers: { 'Content-Type': 'application/json', 'X-Order': '42' }, body: '{"id":1}' });
    expect(res.status).toBe(202);
    const m = await arrived;
    expect(m.body.toString()).toBe('{"id":1}');
    expect(m.headers.persistent).toBe('true');
    expect(m.headers.priority).toBe('7');
    expect(m.headers['correlation-id']).toBe('corr-1');
    expect(m.headers['X-Order']).toBe('42');
    expect(m.headers['content-type']).toContain('application/json');
  });

  it('request-reply: the call waits on a temporary queue for the reply with its correlation id', async () => {
    const q = `mediate-jms-rpc-${randomUUID()}`;
    await probe.subscribe(`/queue/${q}`, (m) => {
      void probe.send(m.headers['reply-to']!, `<echo>${m.body.toString()}</echo>`, { 'correlation-id': m.headers['correlation-id'], 'content-type': 'application/xml', 'amq-msg-type': 'text' });
    });
    const t = testEngine(
      { 'a.xml': `<api ${SYN} name="J" context="/j"><resource methods="POST"><inSequence><call><endpoint><address uri="jms:/${q}"/></endpoint></call><respond/></inSequence></resource></api>` },
      { brokerSenders: new Map([['jms', sender]]) },
    );
    const res = await t.request('POST', '/j', { headers: { 'Content-Type': 'text/plain' }, body: 'hello' });
    expect(res.status).toBe(200);
    expect(res.text).toBe('<echo>hello</echo>');
  });

  it('a reply that never comes faults with MI\'s message after JMS_WAIT_REPLY', async () => {
    const q = `mediate-jms-silent-${randomUUID()}`;
    const t = testEngine(
      { 'a.xml': `<api ${SYN} name="J" context="/j"><resource methods="POST"><inSequence><property name="JMS_WAIT_REPLY" value="300" scope="axis2"/><call><endpoint><address uri="jms:/${q}"/></endpoint></call><respond/></inSequence>
        <faultSequence><payloadFactory media-type="text"><format>$1</format><args><arg expression="get-property('ERROR_MESSAGE')"/></args></payloadFactory><respond/></faultSequence></resource></api>` },
      { brokerSenders: new Map([['jms', sender]]) },
    );
    const res = await t.request('POST', '/j', { headers: { 'Content-Type': 'text/plain' }, body: 'hello' });
    expect(res.text).toMatch(/^Did not receive a JMS response within 300 ms to destination : \/temp-queue\//);
  });

  it('an unreachable broker faults with connection refused (101503) naming the broker', async () => {
    const down = createJmsSender({ logger: new MemoryLogger(), factories: [], env: { MEDIATE_JMS_STOMP_PORT: '1' } });
    const t = testEngine(
      { 'a.xml': `<api ${SYN} name="J" context="/j"><resource methods="POST"><inSequence><call><endpoint><address uri="jms:/q"/></endpoint></call><respond/></inSequence>
        <faultSequence><payloadFactory media-type="text"><format>$1 $2</format><args><arg expression="get-property('ERROR_CODE')"/><arg expression="get-property('ERROR_MESSAGE')"/></args></payloadFactory><respond/></faultSequence></resource></api>` },
      { brokerSenders: new Map([['jms', down]]) },
    );
    const res = await t.request('POST', '/j', { headers: { 'Content-Type': 'text/plain' }, body: 'x' });
    expect(res.text).toMatch(/^101503 Cannot connect to the JMS broker at 127\.0\.0\.1:1 \(tcp:\/\/localhost:61616\)/);
    await down.close();
  });
});
