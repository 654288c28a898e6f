import { expect } from 'vitest';
import { defineCase } from '../../case.js';
import { StompClient, type StompMessage } from '../../../../engine/node/transports/jms/stomp-client.js';

export default defineCase({
  id: 'rest-api/non-http-jms-endpoint',
  title: 'REST API forwarding to a JMS topic endpoint (jms:/ address)',
  status: 'pass',
  deviates: ["the JMS URI's OpenWire broker (tcp://localhost:61616) is reached over the same ActiveMQ's STOMP connector (127.0.0.1:61613): the message is asserted on the topic from a STOMP subscriber"],
  artifacts: [{ file: 'api_EventDelayOrderAPI.xml' }],
  async run(t) {
    // A topic keeps nothing for late subscribers: subscribe first, then both documented requests (with and without the trailing slash).
    const sub = await StompClient.connect({ host: '127.0.0.1', port: 61613 });
    const received: StompMessage[] = [];
    try {
      await sub.subscribe('/topic/DelayOrderTopic', (m) => received.push(m));
      for (const path of ['/orderdelayAPI', '/orderdelayAPI/']) {
        const r = await t.request('POST', path, { headers: { 'Content-Type': 'application/xml' }, body: '<order>1</order>' });
        expect(r.status).toBe(202);
      }
      const deadline = Date.now() + 8000;
      while (received.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
      expect(received.map((m) => m.body.toString())).toEqual(['<order>1</order>', '<order>1</order>']);
      expect(t.logs().filter((l) => /jms/i.test(l) && /ERROR|WARN/.test(l))).toEqual([]);
    } finally {
      await sub.disconnect();
    }
  },
});
