import { expect } from 'vitest';
import mqtt from 'mqtt';
import { defineCase } from '../../case.js';
import { consuming, until } from '../inbound-endpoints/_listening.js';

export default defineCase({
  id: 'transports/mqtt-pub-sub',
  title: 'MQTT pub/sub: a transports="mqtt" proxy on esb.test1 republishes each message unchanged to esb.test2 at QoS 2',
  status: 'pass',
  docsWrong: [
    'the shell command publishes -m {"company":"WSO2"} unquoted, so the shell sends {company:WSO2}; both payloads are checked, each forwarded byte for byte (text/plain)',
    "deployment.toml's listener.topic_name is esb.test2, the proxy's output topic; the proxy's own mqtt.topic.name (esb.test1) wins, so nothing is consumed from esb.test2 (asserted: no loop)",
  ],
  artifacts: [{ file: 'proxy_SampleProxy.xml' }, { file: 'snippet_deployment_mqtt.toml', as: 'deployment.toml' }],
  async run(t) {
    await consuming(t, 'proxy:SampleProxy');
    const sub = await mqtt.connectAsync('mqtt://127.0.0.1:1883');
    const pub = await mqtt.connectAsync('mqtt://127.0.0.1:1883');
    try {
      const got: { topic: string; payload: string; qos: number }[] = [];
      sub.on('message', (topic, payload, packet) => got.push({ topic, payload: payload.toString(), qos: packet.qos }));
      await sub.subscribeAsync(['esb.test1', 'esb.test2'], { qos: 2 });
      await pub.publishAsync('esb.test1', '{"company":"WSO2"}', { qos: 0 });
      await pub.publishAsync('esb.test1', '{company:WSO2}', { qos: 2 });
      await until('both messages on esb.test2', () => got.filter((g) => g.topic === 'esb.test2').length >= 2, 6000);
      await new Promise((r) => setTimeout(r, 300));
      expect(got.filter((g) => g.topic === 'esb.test2')).toEqual([
        { topic: 'esb.test2', payload: '{"company":"WSO2"}', qos: 2 },
        { topic: 'esb.test2', payload: '{company:WSO2}', qos: 2 },
      ]);
      // Only the two published by the test reach esb.test1: the proxy does not consume its own output.
      expect(got.filter((g) => g.topic === 'esb.test1')).toHaveLength(2);
      expect(t.logs().some((l) => l.includes('subscribed to MQTT topic esb.test1') && l.includes('client id client-id-1234'))).toBe(true);
    } finally {
      await sub.endAsync();
      await pub.endAsync();
    }
  },
});
