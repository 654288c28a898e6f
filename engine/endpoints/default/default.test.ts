/** The default endpoint sends to the To address: HTTP through the client, a broker To (rabbitmq:/...) through that scheme's sender. */
import { describe, expect, it } from 'vitest';
import { testEngine } from '../../testing/harness.js';
import { HeaderMap } from '../../core/headers.js';
import { BrokerError, type BrokerSendRequest, type BrokerSender } from '../../core/broker.js';

const SYN = 'xmlns="http://ws.apache.org/ns/synapse"';

function engineWith(to: string, sender: BrokerSender, outOnly = false) {
  return testEngine(
    {
      'ep.xml': `<endpoint ${SYN} name="ToEndpoint"><default/></endpoint>`,
      'a.xml': `<api ${SYN} name="A" context="/a"><resource methods="POST"><inSequence>
        ${outOnly ? '<property name="OUT_ONLY" value="true"/>' : ''}
        <header name="To" value="${to}"/>
        <call><endpoint key="ToEndpoint"/></call>
        <respond/></inSequence>
        <faultSequence><payloadFactory media-type="text"><format>$1 $2</format><args><arg expression="get-property('ERROR_CODE')"/><arg expression="get-property('ERROR_MESSAGE')"/></args></payloadFactory><respond/></faultSequence></resource></api>`,
    },
    { brokerSenders: new Map([['rabbitmq', sender]]) },
  );
}

describe('default endpoint with a broker To address', () => {
  it('hands the message to the sender of the To scheme, with the To address as written (query spread over lines included)', async () => {
    const sent: BrokerSendRequest[] = [];
    const sender: BrokerSender = {
      async send(r) {
        sent.push(r);
        return { body: new TextEncoder().encode('pong'), contentType: 'text/plain', headers: new HeaderMap() };
      },
    };
    const to = 'rabbitmq:/?rabbitmq.queue.name=q2&amp;\nrabbitmq.exchange.name=x2';
    const t = engineWith(to, sender);
    const res = await t.request('POST', '/a', { headers: { 'Content-Type': 'text/plain' }, body: 'ping' });
    expect(res.text).toBe('pong');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.uri).toBe('rabbitmq:/?rabbitmq.queue.name=q2& rabbitmq.exchange.name=x2');
    expect(sent[0]!.expectReply).toBe(true);
    expect(new TextDecoder().decode(sent[0]!.body)).toBe('ping');
  });

  it('OUT_ONLY publishes without waiting; a sender failure is a fault with its code', async () => {
    const sent: BrokerSendRequest[] = [];
    const ok = engineWith('rabbitmq:/orders', { send: async (r) => (sent.push(r), undefined) }, true);
    await ok.request('POST', '/a', { headers: { 'Content-Type': 'text/plain' }, body: 'x' });
    expect(sent.map((r) => r.expectReply)).toEqual([false]);
    const failing = engineWith('rabbitmq:/orders', {
      send: async () => {
        throw new BrokerError(101503, 'Cannot connect to RabbitMQ at 127.0.0.1:1');
      },
    });
    const res = await failing.request('POST', '/a', { headers: { 'Content-Type': 'text/plain' }, body: 'x' });
    expect(res.text).toBe('101503 Cannot connect to RabbitMQ at 127.0.0.1:1');
  });
});
