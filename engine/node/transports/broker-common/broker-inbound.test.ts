/**
 * RabbitMQ and JMS inbound endpoints on the machine's RabbitMQ and ActiveMQ: each consumes
 * its queue and injects into its sequence; the JMS one applies its message selector; a
 * rollback set in the default scope (as MI's inbound reads it) dead-letters the RabbitMQ
 * message and consuming goes on.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import amqp from 'amqplib';
import { probeService, describeWithServices } from '../../../../test/support/services.js';
import { startTestProject, synapse, waitFor, type TestProject } from '../testing/project.js';
import { StompClient, type StompMessage } from '../jms/stomp-client.js';

const rabbit = await probeService({ name: 'RabbitMQ', port: 5672, start: 'rabbitmq-server -detached' });
const amq = await probeService({ name: 'ActiveMQ (STOMP)', port: 61613, start: '.ci/services/activemq.sh' });

describeWithServices('RabbitMQ and JMS inbound endpoints', [rabbit, amq], () => {
  const id = randomUUID().slice(0, 8);
  const rq = `mediate-inb-${id}`;
  const rdlq = `mediate-inb-dlq-${id}`;
  const rout = `mediate-inb-out-${id}`;
  const jq = `mediate-inb-jms-${id}`;
  const jout = `mediate-inb-jms-out-${id}`;
  let conn: Awaited<ReturnType<typeof amqp.connect>>;
  let ch: Awaited<ReturnType<typeof conn.createChannel>>;
  let stomp: StompClient;
  let p: TestProject;
  const jmsOut: StompMessage[] = [];

  beforeAll(async () => {
    conn = await amqp.connect('amqp://guest:guest@127.0.0.1:5672');
    ch = await conn.createChannel();
    await ch.assertQueue(rdlq, { durable: false });
    await ch.assertQueue(rout, { durable: false });
    stomp = await StompClient.connect({ host: '127.0.0.1', port: 61613 });
    await stomp.subscribe(`/queue/${jout}`, (m) => jmsOut.push(m));
    p = await startTestProject({
      'RabbitEP.xml': synapse(`<inboundEndpoint name="RabbitEP" protocol="rabbitmq" sequence="RabbitSeq" onError="fault" suspend="false"><parameters>
        <parameter name="rabbitmq.server.host.name">localhost</parameter><parameter name="rabbitmq.server.port">5672</parameter>
        <parameter name="rabbitmq.queue.name">${rq}</parameter><parameter name="rabbitmq.queue.durable">false</parameter>
        <parameter name="rabbitmq.queue.auto.ack">false</parameter>
        <parameter name="rabbitmq.queue.optional.x-dead-letter-exchange"></parameter><parameter name="rabbitmq.queue.optional.x-dead-letter-routing-key">${rdlq}</parameter>
      </parameters></inboundEndpoint>`),
      'RabbitSeq.xml': synapse(`<sequence name="RabbitSeq"><filter source="json-eval($.bad)" regex="true"><then><property name="SET_ROLLBACK_ONLY" value="true"/><drop/></then></filter>
        <property name="OUT_ONLY" value="true"/><call blocking="true"><endpoint><address uri="rabbitmq:/${rout}"/></endpoint></call></sequence>`),
      'JmsEP.xml': synapse(`<inboundEndpoint name="JmsEP" protocol="jms" sequence="JmsSeq" onError="fault" suspend="false"><parameters>
        <parameter name="java.naming.factory.initial">org.apache.activemq.jndi.ActiveMQInitialContextFactory</parameter>
        <parameter name="java.naming.provider.url">tcp://localhost:61616</parameter>
        <parameter name="transport.jms.ConnectionFactoryJNDIName">QueueConnectionFactory</parameter>
        <parameter name="transport.jms.Destination">${jq}</parameter>
        <parameter name="transport.jms.MessageSelector">region = 'EU'</parameter>
        <parameter name="transport.jms.SessionAcknowledgement">CLIENT_ACKNOWLEDGE</parameter>
      </parameters></inboundEndpoint>`),
      'JmsSeq.xml': synapse(`<sequence name="JmsSeq"><property name="OUT_ONLY" value="true"/><call blocking="true"><endpoint><address uri="jms:/${jout}"/></endpoint></call></sequence>`),
    });
  });
  afterAll(async () => {
    await p?.close();
    for (const q of [rq, rdlq, rout]) await ch.deleteQueue(q).catch(() => undefined);
    await conn?.close();
    await stomp?.disconnect();
  });

  it('the RabbitMQ endpoint injects each message; a default-scope rollback is dead-lettered and consuming goes on', async () => {
    await waitFor(() => p.host.active.statuses().find((s) => s.artifact === 'inbound-endpoint:RabbitEP' && s.state === 'listening'), 'RabbitEP listening', 8000);
    ch.sendToQueue(rq, Buffer.from('{"bad":true}'), { contentType: 'application/json' });
    ch.sendToQueue(rq, Buffer.from('{"k":1}'), { contentType: 'application/json' });
    const out = await waitFor(async () => (await ch.get(rout, { noAck: true })) || undefined, 'the forwarded message', 8000);
    expect(JSON.parse(out.content.toString())).toEqual({ k: 1 });
    const dead = await waitFor(async () => (await ch.get(rdlq, { noAck: true })) || undefined, 'the dead-lettered message', 8000);
    expect(dead.content.toString()).toBe('{"bad":true}');
  });

  it('the JMS endpoint consumes only what its selector matches', async () => {
    await waitFor(() => p.host.active.statuses().find((s) => s.artifact === 'inbound-endpoint:JmsEP' && s.state === 'listening'), 'JmsEP listening', 8000);
    await stomp.send(`/queue/${jq}`, '<o>us</o>', { region: 'US', 'content-type': 'application/xml', 'amq-msg-type': 'text' });
    await stomp.send(`/queue/${jq}`, '<o>eu</o>', { region: 'EU', 'content-type': 'application/xml', 'amq-msg-type': 'text' });
    await waitFor(() => jmsOut.length >= 1, 'the forwarded EU message', 8000);
    expect(jmsOut.map((m) => m.body.toString())).toEqual(['<o>eu</o>']);
  });
});
