/**
 * transports="jms" proxies on ActiveMQ (STOMP connector): the listener factory comes from
 * deployment/deployment.toml as MI writes it (OpenWire URL, JNDI names), the proxy consumes
 * its queue and forwards to another queue over a jms:/ address; with CLIENT_ACKNOWLEDGE a
 * SET_ROLLBACK_ONLY flow is redelivered (delivery count raised) by ActiveMQ's client redelivery
 * policy, then NACKed (ActiveMQ dead-letters it), a malformed payload is NACKed at once, and
 * consuming goes on; a flow that rolls back twice succeeds on the second redelivery.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { probeService, describeWithServices } from '../../../../test/support/services.js';
import { startTestProject, synapse, waitFor, type TestProject } from '../testing/project.js';
import { StompClient, type StompMessage } from './stomp-client.js';
import { redeliveryPolicyOf } from './consumer.js';

const amq = await probeService({ name: 'ActiveMQ (STOMP)', port: 61613, start: '.ci/services/activemq.sh' });

describeWithServices('JMS proxy listener', [amq], () => {
  const id = randomUUID().slice(0, 8);
  const inQ = `mediate-jms-in-${id}`;
  const outQ = `mediate-jms-out-${id}`;
  const retryQ = `mediate-jms-retry-${id}`;
  let probe: StompClient;
  let p: TestProject;
  const forwarded: StompMessage[] = [];

  beforeAll(async () => {
    probe = await StompClient.connect({ host: '127.0.0.1', port: 61613 });
    await probe.subscribe(`/queue/${outQ}`, (m) => forwarded.push(m));
    p = await startTestProject(
      {
        'JmsProxy.xml': synapse(`<proxy name="JmsProxy" transports="jms" startOnLoad="true"><target><inSequence>
            <filter source="json-eval($.fail)" regex="true"><then><property name="SET_ROLLBACK_ONLY" value="true" scope="axis2"/><drop/></then></filter>
            <property name="OUT_ONLY" value="true"/>
            <call blocking="true"><endpoint><address uri="jms:/${outQ}?transport.jms.ConnectionFactoryJNDIName=QueueConnectionFactory&amp;java.naming.factory.initial=org.apache.activemq.jndi.ActiveMQInitialContextFactory&amp;java.naming.provider.url=tcp://localhost:61616&amp;transport.jms.DestinationType=queue"/></endpoint></call>
          </inSequence></target>
          <parameter name="transport.jms.ConnectionFactory">myQueueConnectionFactory</parameter>
          <parameter name="transport.jms.Destination">${inQ}</parameter>
          <parameter name="transport.jms.SessionAcknowledgement">CLIENT_ACKNOWLEDGE</parameter>
        </proxy>`),
        'JmsRetry.xml': synapse(`<proxy name="JmsRetry" transports="jms" startOnLoad="true"><target><inSequence>
            <log level="custom"><property name="retry-delivery" expression="get-property('jms.message.delivery.count')"/></log>
            <filter xpath="number(get-property('jms.message.delivery.count')) &lt; 3"><then><property name="SET_ROLLBACK_ONLY" value="true" scope="axis2"/><drop/></then></filter>
            <property name="OUT_ONLY" value="true"/>
            <call blocking="true"><endpoint><address uri="jms:/${outQ}?transport.jms.ConnectionFactoryJNDIName=QueueConnectionFactory&amp;java.naming.factory.initial=org.apache.activemq.jndi.ActiveMQInitialContextFactory&amp;java.naming.provider.url=tcp://localhost:61616&amp;transport.jms.DestinationType=queue"/></endpoint></call>
          </inSequence></target>
          <parameter name="transport.jms.ConnectionFactory">myQueueConnectionFactory</parameter>
          <parameter name="transport.jms.Destination">${retryQ}</parameter>
          <parameter name="transport.jms.SessionTransacted">true</parameter>
          <parameter name="jms.redeliveryPolicy.redeliveryDelay">50</parameter>
        </proxy>`),
      },
      {
        'deployment/deployment.toml': `[[transport.jms.listener]]\nname = "myQueueConnectionFactory"\nparameter.initial_naming_factory = "org.apache.activemq.jndi.ActiveMQInitialContextFactory"\nparameter.provider_url = "tcp://localhost:61616"\nparameter.connection_factory_name = "QueueConnectionFactory"\nparameter.connection_factory_type = "queue"\n`,
      },
    );
  });
  afterAll(async () => {
    await p?.close();
    await probe?.disconnect();
  });

  it('consumes, forwards, acks; a rollback and a malformed payload are dead-lettered and consuming goes on', async () => {
    await waitFor(() => p.host.active.statuses().find((s) => s.artifact === 'proxy:JmsProxy' && s.state === 'listening'), 'JmsProxy listening', 10000);
    expect(p.logger.records.some((r) => r.message.includes("JMS provider tcp://localhost:61616 is reached over ActiveMQ's STOMP connector at 127.0.0.1:61613") || r.message.includes('consuming /queue/'))).toBe(true);
    const dlq: StompMessage[] = [];
    await probe.subscribe('/queue/ActiveMQ.DLQ', (m) => dlq.push(m), { selector: `mediateRun = '${id}'` });
    const send = (body: string) => probe.send(`/queue/${inQ}`, body, { 'content-type': 'application/json', 'amq-msg-type': 'text', mediateRun: id, persistent: 'true' });
    await send('{"n":1}');
    await send('{"n":2,"fail":true}');
    await send('{"n":3,,');
    await send('{"n":4}');
    await waitFor(() => forwarded.length >= 2, 'two forwarded messages', 20000);
    expect(forwarded.map((m) => JSON.parse(m.body.toString()))).toEqual([{ n: 1 }, { n: 4 }]);
    await waitFor(() => dlq.length >= 2, 'two dead-lettered messages', 15000);
    expect(dlq.map((m) => m.body.toString()).sort()).toEqual(['{"n":2,"fail":true}', '{"n":3,,'].sort());
  });

  it('redelivers a rolled-back message to the same listener with the delivery count raised until the flow succeeds', async () => {
    await waitFor(() => p.host.active.statuses().find((s) => s.artifact === 'proxy:JmsRetry' && s.state === 'listening'), 'JmsRetry listening', 10000);
    const before = forwarded.length;
    await probe.send(`/queue/${retryQ}`, '{"n":5}', { 'content-type': 'application/json', 'amq-msg-type': 'text', mediateRun: id });
    await waitFor(() => forwarded.length > before, 'the message forwarded on its third delivery', 10000);
    expect(JSON.parse(forwarded[before]!.body.toString())).toEqual({ n: 5 });
    const counts = p.logger.records.filter((r) => r.message.includes('retry-delivery = ')).map((r) => r.message.replace(/.*retry-delivery = /, ''));
    expect(counts).toEqual(['1', '2', '3']);
  });
});

it('reads ActiveMQ client redelivery settings (defaults 6 redeliveries, 1000 ms)', () => {
  expect(redeliveryPolicyOf({})).toEqual({ maximumRedeliveries: 6, redeliveryDelay: 1000 });
  expect(redeliveryPolicyOf({ 'java.naming.provider.url': 'tcp://localhost:61616?jms.redeliveryPolicy.maximumRedeliveries=2&jms.redeliveryPolicy.initialRedeliveryDelay=10' })).toEqual({ maximumRedeliveries: 2, redeliveryDelay: 10 });
  expect(redeliveryPolicyOf({ 'jms.redeliveryPolicy.maximumRedeliveries': '0' }).maximumRedeliveries).toBe(0);
});
