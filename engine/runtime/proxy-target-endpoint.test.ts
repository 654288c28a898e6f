/** A proxy's target endpoint (legacy <target><endpoint>): the response runs the outSequence or goes back; with OUT_ONLY it is sent and not mediated, the client gets 202. */
import { describe, expect, it } from 'vitest';
import { testEngine } from '../testing/harness.js';
import { HeaderMap } from '../core/headers.js';
import { utf8 } from '../core/bytes.js';
import type { HttpClient, OutboundRequest } from '../core/transport.js';

const SYN = 'xmlns="http://ws.apache.org/ns/synapse"';

function backend(): HttpClient & { sent: OutboundRequest[] } {
  const sent: OutboundRequest[] = [];
  return {
    sent,
    async send(req) {
      sent.push(req);
      const body = utf8('<answer>42</answer>');
      return { status: 200, statusText: 'OK', headers: new HeaderMap({ 'Content-Type': 'application/xml' }), body: { length: body.length, read: async () => body } };
    },
  };
}

const proxy = (inSequence: string) =>
  `<proxy ${SYN} name="P" transports="http"><target><endpoint><address uri="http://backend.test/svc"/></endpoint><inSequence>${inSequence}</inSequence></target></proxy>`;

describe('proxy target endpoint', () => {
  it('without OUT_ONLY the back end\'s answer goes back to the client', async () => {
    const http = backend();
    const t = testEngine({ 'p.xml': proxy('<log/>') }, { httpClient: http });
    const r = await t.request('POST', '/services/P', { headers: { 'Content-Type': 'application/xml' }, body: '<q/>' });
    expect(r.status).toBe(200);
    expect(r.text).toBe('<answer>42</answer>');
    expect(http.sent).toHaveLength(1);
  });

  it('with OUT_ONLY and FORCE_SC_ACCEPTED the message is sent and the client gets 202 with no body', async () => {
    const http = backend();
    const t = testEngine({ 'p.xml': proxy('<property name="OUT_ONLY" value="true"/><property name="FORCE_SC_ACCEPTED" value="true" scope="axis2"/>') }, { httpClient: http });
    const r = await t.request('POST', '/services/P', { headers: { 'Content-Type': 'application/xml' }, body: '<q/>' });
    expect(r.status).toBe(202);
    expect(r.text).toBe('');
    await new Promise((res) => setTimeout(res, 20));
    expect(http.sent).toHaveLength(1);
  });
});
