import { expect } from 'vitest';
import { defineCase } from '../../case.js';

export default defineCase({
  id: 'rest-api/non-http-jms-endpoint',
  title: 'REST API forwarding to a JMS topic endpoint (jms:/ address)',
  status: 'not-yet',
  reason: 'needs the JMS transport and a broker (ActiveMQ topic DelayOrderTopic) — the brokers issue',
  artifacts: [{ file: 'api_EventDelayOrderAPI.xml' }],
  blocker: async (t) => {
    const r = await t.request('POST', '/orderdelayAPI', { headers: { 'Content-Type': 'application/xml' }, body: '<order>1</order>' });
    // FORCE_SC_ACCEPTED answers 202 either way; the jms: send itself fails.
    expect(t.logs().some((l) => /jms/i.test(l) && /ERROR|WARN/.test(l)), `status ${r.status}`).toBe(true);
  },
  async run(t) {
    for (const path of ['/orderdelayAPI', '/orderdelayAPI/']) {
      const r = await t.request('POST', path, { headers: { 'Content-Type': 'application/xml' }, body: '<order>1</order>' });
      expect(r.status).toBe(202);
    }
    // Published to the topic: no failed send.
    expect(t.logs().filter((l) => /jms/i.test(l) && /ERROR|WARN/.test(l))).toEqual([]);
  },
});
