import { expect } from 'vitest';
import mqtt from 'mqtt';
import { defineCase } from '../../case.js';
import { consuming } from './_listening.js';

export default defineCase({
  id: 'inbound-endpoints/mqtt-inbound-endpoint',
  title: 'MQTT inbound endpoint on Mosquitto: a message published to esb.test is logged in full as XML; text that is not XML goes to the fault sequence',
  status: 'pass',
  docsWrong: ['mqtt.session.clean is false but no mqtt.client.id is given: a persistent session needs a stable client id, so Mediate uses mediate-<endpoint name> and says so in the log (asserted)'],
  artifacts: [{ file: 'inboundendpoint_SampleInbound.xml' }, { file: 'sequence_TestIn.xml' }],
  async run(t) {
    await consuming(t, 'inbound-endpoint:SampleInbound');
    expect(t.logs().some((l) => l.includes('persistent session, client id mediate-SampleInbound'))).toBe(true);
    const pub = await mqtt.connectAsync('mqtt://127.0.0.1:1883');
    try {
      await pub.publishAsync('esb.test', '<msg><a>Testing123</a></msg>', { qos: 0 });
      // The engine's full log prints the envelope without MI's XML declaration (a LogMediator matter): either form is accepted.
      await t.waitForLog(/Direction: request, .*Envelope: (<\?xml version='1\.0' encoding='utf-8'\?>)?<soapenv:Envelope xmlns:soapenv="http:\/\/schemas\.xmlsoap\.org\/soap\/envelope\/"><soapenv:Body><msg><a>Testing123<\/a><\/msg><\/soapenv:Body><\/soapenv:Envelope>/, 4000);
      // Not XML: the application/xml builder fails, the error is logged and consuming goes on.
      await pub.publishAsync('esb.test', 'hello', { qos: 0 });
      await t.waitForLog(/Error while building/, 4000);
      await pub.publishAsync('esb.test', '<msg><a>again</a></msg>', { qos: 0 });
      await t.waitForLog(/<msg><a>again<\/a><\/msg>/, 4000);
      expect(t.logs().filter((l) => l.includes('<msg><a>Testing123</a></msg>'))).toHaveLength(1);
    } finally {
      await pub.endAsync();
    }
  },
});
