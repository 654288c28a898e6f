/**
 * MQTT inbound endpoints and `transports="mqtt"` proxies on the machine's Mosquitto
 * (127.0.0.1:1883): QoS 0, 1 and 2 subscriptions, the content type the message is built
 * with, a persistent session that gets what was published while the endpoint was down, a
 * message that cannot be built going to the onError sequence while consuming goes on, and a
 * proxy whose own parameters win over its deployment.toml connection factory.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import mqtt from 'mqtt';
import { probeService, describeWithServices } from '../../../../test/support/services.js';
import { startTestProject, synapse, waitFor, type TestProject } from '../testing/project.js';

const mosquitto = await probeService({ name: 'Mosquitto', port: 1883, start: 'mosquitto -d' });

function inbound(name: string, topic: string, qos: number, contentType: string, extra = ''): string {
  return synapse(`<inboundEndpoint name="${name}" protocol="mqtt" sequence="${name}Seq" onError="${name}Err" suspend="false"><parameters>
    <parameter name="mqtt.connection.factory">mqttConFactory</parameter>
    <parameter name="mqtt.server.host.name">localhost</parameter><parameter name="mqtt.server.port">1883</parameter>
    <parameter name="mqtt.topic.name">${topic}</parameter><parameter name="mqtt.subscription.qos">${qos}</parameter>
    <parameter name="content.type">${contentType}</parameter>${extra}
  </parameters></inboundEndpoint>`);
}
const logSeq = (name: string, expr: string) => synapse(`<sequence name="${name}"><log level="custom"><property name="${name}" expression="${expr}"/></log><drop/></sequence>`);

describeWithServices('MQTT inbound endpoint and MQTT proxy', [mosquitto], () => {
  const id = randomUUID().slice(0, 8);
  const t = (n: string) => `mediate/${id}/${n}`;
  let pub: mqtt.MqttClient;
  let p: TestProject;
  const logged = (prefix: string) => p.logger.messages().filter((m) => m.startsWith(`${prefix} = `)).map((m) => m.slice(prefix.length + 3));
  const listening = (artifact: string) => waitFor(() => p.host.active.statuses().find((s) => s.artifact === artifact && s.state === 'listening'), `${artifact} subscribed`, 8000);

  beforeAll(async () => {
    pub = await mqtt.connectAsync('mqtt://127.0.0.1:1883', { clientId: `mediate-test-pub-${id}` });
    p = await startTestProject(
      {
        'Q0.xml': inbound('Q0', t('q0'), 0, 'application/xml'),
        'Q0Seq.xml': logSeq('Q0Seq', '//a'),
        'Q0Err.xml': logSeq('Q0Err', "get-property('ERROR_MESSAGE')"),
        'Q1.xml': inbound('Q1', t('q1'), 1, 'application/json', '<parameter name="mqtt.session.clean">true</parameter>'),
        'Q1Seq.xml': logSeq('Q1Seq', 'json-eval($.n)'),
        'Q1Err.xml': logSeq('Q1Err', "get-property('ERROR_MESSAGE')"),
        'Q2.xml': inbound('Q2', t('q2'), 2, 'text/plain', `<parameter name="mqtt.session.clean">false</parameter><parameter name="mqtt.client.id">mediate-q2-${id}</parameter>`),
        'Q2Seq.xml': logSeq('Q2Seq', "concat(get-property('mqtt.topic.name'), ' ', $body/*)"),
        'Q2Err.xml': logSeq('Q2Err', "get-property('ERROR_MESSAGE')"),
        'Relay.xml': synapse(`<proxy name="Relay" transports="mqtt" startOnLoad="true"><target>
          <endpoint><address uri="mqtt:/Relay?mqtt.server.host.name=localhost&amp;mqtt.server.port=1883&amp;mqtt.client.id=relay.sender&amp;mqtt.topic.name=${t('out')}&amp;mqtt.subscription.qos=2"/></endpoint>
          <inSequence><property name="OUT_ONLY" value="true"/></inSequence><outSequence><send/></outSequence></target>
          <parameter name="mqtt.connection.factory">mqttConFactory</parameter><parameter name="mqtt.topic.name">${t('in')}</parameter>
          <parameter name="mqtt.subscription.qos">2</parameter><parameter name="mqtt.content.type">text/plain</parameter></proxy>`),
      },
      { 'deployment/deployment.toml': `[transport.mqtt]\nlistener.enable = true\nlistener.hostname = "localhost"\nlistener.connection_factory = "mqttConFactory"\nlistener.server_port = 1883\nlistener.topic_name = "${t('out')}"\nsender.enable = true\n` },
    );
  });
  afterAll(async () => {
    await p?.close();
    // Drop the persistent session this test created on the broker.
    const c = await mqtt.connectAsync('mqtt://127.0.0.1:1883', { clientId: `mediate-q2-${id}`, clean: true }).catch(() => undefined);
    await c?.endAsync();
    await pub?.endAsync();
  });

  it('QoS 0: an XML message is built as XML; one that cannot be built goes to onError and the next is still consumed', async () => {
    await listening('inbound-endpoint:Q0');
    await pub.publishAsync(t('q0'), '<msg><a>Testing123</a></msg>', { qos: 0 });
    await pub.publishAsync(t('q0'), 'hello', { qos: 0 });
    await pub.publishAsync(t('q0'), '<msg><a>after</a></msg>', { qos: 0 });
    await waitFor(() => logged('Q0Seq').length >= 2 && logged('Q0Err').length >= 1, 'both XML messages and the fault', 8000);
    expect(logged('Q0Seq')).toEqual(['Testing123', 'after']);
    expect(logged('Q0Err')[0]).toMatch(/building/i);
  });

  it('QoS 1: a JSON message is built as JSON', async () => {
    await listening('inbound-endpoint:Q1');
    await pub.publishAsync(t('q1'), '{"n":42}', { qos: 1 });
    await waitFor(() => logged('Q1Seq').length >= 1, 'the JSON message', 8000);
    expect(logged('Q1Seq')).toEqual(['42']);
  });

  it('QoS 2 with a persistent session: what is published while the endpoint is down is delivered when it is back', async () => {
    await listening('inbound-endpoint:Q2');
    await pub.publishAsync(t('q2'), 'first', { qos: 2 });
    await waitFor(() => logged('Q2Seq').length >= 1, 'the first message', 8000);
    const saved = inbound('Q2', t('q2'), 2, 'text/plain', `<parameter name="mqtt.session.clean">false</parameter><parameter name="mqtt.client.id">mediate-q2-${id}</parameter>`);
    p.remove('Q2.xml');
    await p.refresh();
    await pub.publishAsync(t('q2'), 'while-down', { qos: 2 });
    p.write('Q2.xml', saved);
    await p.refresh();
    await waitFor(() => logged('Q2Seq').length >= 2, 'the message kept by the session', 8000);
    expect(logged('Q2Seq')).toEqual([`${t('q2')} first`, `${t('q2')} while-down`]);
  });

  it('a transports="mqtt" proxy consumes its own topic (not the factory\'s) and republishes the bytes unchanged at QoS 2', async () => {
    const sub = await mqtt.connectAsync('mqtt://127.0.0.1:1883');
    const got: { topic: string; payload: string; qos: number }[] = [];
    sub.on('message', (topic, payload, packet) => got.push({ topic, payload: payload.toString(), qos: packet.qos }));
    await sub.subscribeAsync([t('out'), t('in')], { qos: 2 });
    await listening('proxy:Relay');
    await pub.publishAsync(t('in'), '{"company":"WSO2"}', { qos: 0 });
    await pub.publishAsync(t('in'), '{company:WSO2}', { qos: 0 });
    await waitFor(() => got.filter((g) => g.topic === t('out')).length >= 2, 'the republished messages', 8000);
    await new Promise((r) => setTimeout(r, 300));
    const out = got.filter((g) => g.topic === t('out'));
    expect(out).toEqual([
      { topic: t('out'), payload: '{"company":"WSO2"}', qos: 2 },
      { topic: t('out'), payload: '{company:WSO2}', qos: 2 },
    ]);
    expect(got.filter((g) => g.topic === t('in'))).toHaveLength(2);
    await sub.endAsync();
  });
});
