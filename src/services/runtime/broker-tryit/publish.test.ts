/**
 * Broker Try-it against the machine's real brokers and the runtime's own consumers: a message
 * published to a RabbitMQ queue, an ActiveMQ (STOMP) queue and an MQTT topic is consumed by the
 * project's inbound endpoint, and the trace holds what its sequence logged. A missing queue and an
 * unreachable broker are reported plainly.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import amqp from 'amqplib';
import type { LogEntry } from '../../../contract/index.js';
import { startTestProject, synapse, waitFor, type TestProject } from '../../../../engine/node/transports/testing/project.js';
import { describeWithServices, probeService } from '../../../../test/support/services.js';
import { publishBrokerTryIt } from './publish.js';

const rabbit = await probeService({ name: 'RabbitMQ', port: 5672, start: 'rabbitmq-server -detached' });
const activemq = await probeService({ name: 'ActiveMQ (STOMP 61613)', port: 61613, start: 'bash .ci/services/activemq.sh' });
const mosquitto = await probeService({ name: 'Mosquitto', port: 1883, start: 'mosquitto -d -c /etc/mosquitto/mosquitto.conf' });

describeWithServices('broker Try-it', [rabbit, activemq, mosquitto], () => {
  const run = randomBytes(4).toString('hex');
  const names = { rabbit: `mediate_tryit_${run}`, jms: `mediate_tryit_${run}`, mqtt: `mediate/tryit/${run}` };
  let p: TestProject;
  const log = (): LogEntry[] => p.logger.records.map((r, i) => ({ seq: i + 1, time: '', level: r.level, message: r.message }));
  const logSeq = (name: string) => synapse(`<sequence name="${name}"><log level="custom"><property name="${name}" expression="//text()"/></log><drop/></sequence>`);

  beforeAll(async () => {
    p = await startTestProject({
      'RabbitSeq.xml': logSeq('RabbitSeq'),
      'JmsSeq.xml': logSeq('JmsSeq'),
      'MqttSeq.xml': logSeq('MqttSeq'),
      'RabbitIn.xml': synapse(`<inboundEndpoint name="RabbitIn" protocol="rabbitmq" sequence="RabbitSeq" onError="fault" suspend="false"><parameters>
        <parameter name="rabbitmq.server.host.name">localhost</parameter><parameter name="rabbitmq.server.port">5672</parameter>
        <parameter name="rabbitmq.queue.name">${names.rabbit}</parameter><parameter name="rabbitmq.queue.durable">false</parameter><parameter name="rabbitmq.queue.auto.delete">true</parameter></parameters></inboundEndpoint>`),
      'JmsIn.xml': synapse(`<inboundEndpoint name="JmsIn" protocol="jms" sequence="JmsSeq" onError="fault" suspend="false"><parameters>
        <parameter name="java.naming.factory.initial">org.apache.activemq.jndi.ActiveMQInitialContextFactory</parameter><parameter name="java.naming.provider.url">tcp://localhost:61616</parameter>
        <parameter name="transport.jms.ConnectionFactoryJNDIName">QueueConnectionFactory</parameter><parameter name="transport.jms.Destination">${names.jms}</parameter></parameters></inboundEndpoint>`),
      'MqttIn.xml': synapse(`<inboundEndpoint name="MqttIn" protocol="mqtt" sequence="MqttSeq" onError="fault" suspend="false"><parameters>
        <parameter name="mqtt.connection.factory">mqttConFactory</parameter><parameter name="mqtt.server.host.name">localhost</parameter><parameter name="mqtt.server.port">1883</parameter>
        <parameter name="mqtt.topic.name">${names.mqtt}</parameter><parameter name="mqtt.subscription.qos">1</parameter><parameter name="content.type">application/xml</parameter></parameters></inboundEndpoint>`),
    });
    await waitFor(() => ['RabbitIn', 'JmsIn', 'MqttIn'].every((n) => p.host.active.statuses().find((s) => s.artifact === `inbound-endpoint:${n}`)?.state === 'listening'), 'the three consumers', 15000);
  }, 30000);
  afterAll(async () => {
    await p?.close();
  });

  it('publishes to a RabbitMQ queue and shows what the consuming sequence logged', async () => {
    const reply = await publishBrokerTryIt(log, { broker: 'rabbitmq', destination: names.rabbit, payload: '<order>rabbit-1</order>', contentType: 'application/xml', waitMs: 5000 });
    expect(reply.publishedTo).toBe(`RabbitMQ queue ${names.rabbit} on 127.0.0.1:5672`);
    expect(reply.trace.map((e) => e.message)).toContain('RabbitSeq = rabbit-1');
  });

  it('publishes to an ActiveMQ queue over STOMP and shows the trace', async () => {
    const reply = await publishBrokerTryIt(log, { broker: 'jms', destination: names.jms, payload: '<order>jms-1</order>', contentType: 'application/xml', waitMs: 5000 });
    expect(reply.publishedTo).toBe(`JMS queue ${names.jms} on 127.0.0.1:61613`);
    expect(reply.trace.map((e) => e.message)).toContain('JmsSeq = jms-1');
  });

  it('publishes to an MQTT topic and shows the trace', async () => {
    const reply = await publishBrokerTryIt(log, { broker: 'mqtt', destination: names.mqtt, payload: '<order>mqtt-1</order>', waitMs: 5000 });
    expect(reply.publishedTo).toBe(`MQTT topic ${names.mqtt} on 127.0.0.1:1883`);
    expect(reply.trace.map((e) => e.message)).toContain('MqttSeq = mqtt-1');
  });

  it('says so when the RabbitMQ queue does not exist or the broker cannot be reached, and publishes nothing', async () => {
    await expect(publishBrokerTryIt(log, { broker: 'rabbitmq', destination: `${names.rabbit}_missing`, payload: 'x' })).rejects.toThrow(`RabbitMQ has no queue ${names.rabbit}_missing`);
    await expect(publishBrokerTryIt(log, { broker: 'rabbitmq', destinationType: 'exchange', destination: 'amq.direct', routingKey: `nobody_${run}`, payload: 'x' })).rejects.toThrow('RabbitMQ routed the message to no queue');
    await expect(publishBrokerTryIt(log, { broker: 'mqtt', destination: 't', payload: 'x', url: 'mqtt://127.0.0.1:1' })).rejects.toThrow('cannot reach the MQTT broker at mqtt://127.0.0.1:1');
    const conn = await amqp.connect('amqp://guest:guest@127.0.0.1:5672');
    conn.on('error', () => undefined);
    const ch = await conn.createChannel();
    ch.on('error', () => undefined);
    await expect(ch.checkQueue(`${names.rabbit}_missing`)).rejects.toThrow();
    await conn.close().catch(() => undefined);
  });
});
