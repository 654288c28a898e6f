/** The MQTT sender on the machine's Mosquitto (127.0.0.1:1883): an `mqtt:` address publishes the message to its topic with its QoS. */
import { afterAll, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import mqtt from 'mqtt';
import { probeService, describeWithServices } from '../../../../test/support/services.js';
import { testEngine } from '../../../testing/harness.js';
import { MemoryLogger } from '../../../core/logger.js';
import { createMqttSender } from './sender.js';

const mosquitto = await probeService({ name: 'Mosquitto', port: 1883, start: 'mosquitto -d' });
const SYN = 'xmlns="http://ws.apache.org/ns/synapse"';

describeWithServices('MQTT sender', [mosquitto], () => {
  const sender = createMqttSender({ logger: new MemoryLogger() });
  afterAll(() => sender.close());

  it('publishes the formatted message to mqtt.topic.name at QoS 1', async () => {
    const topic = `mediate/test/${randomUUID()}`;
    const sub = await mqtt.connectAsync('mqtt://127.0.0.1:1883');
    await sub.subscribeAsync(topic, { qos: 1 });
    const arrived = new Promise<{ payload: string; qos: number }>((resolve) => sub.on('message', (_t, payload, packet) => resolve({ payload: payload.toString(), qos: packet.qos })));
    const t = testEngine(
      { 'a.xml': `<api ${SYN} name="M" context="/m"><resource methods="POST"><inSequence><property name="OUT_ONLY" value="true"/><call blocking="true"><endpoint><address uri="mqtt:/x?mqtt.server.host.name=localhost&amp;mqtt.server.port=1883&amp;mqtt.client.id=pub&amp;mqtt.topic.name=${topic}&amp;mqtt.subscription.qos=1"/></endpoint></call><payloadFactory media-type="text"><format>published</format><args/></payloadFactory><respond/></inSequence></resource></api>` },
      { brokerSenders: new Map([['mqtt', sender]]) },
    );
    const res = await t.request('POST', '/m', { headers: { 'Content-Type': 'application/json' }, body: '{"t":21.5}' });
    expect(res.text).toBe('published');
    const m = await arrived;
    expect(m.payload).toBe('{"t":21.5}');
    expect(m.qos).toBe(1);
    await sub.endAsync();
  });
});
