import { expect } from 'vitest';
import { defineCase, backendAt, replace } from '../../case.js';
import { consuming } from '../inbound-endpoints/_listening.js';
import { connect, runId, settle, until } from '../jms/_jms.js';

const run = runId();
const queue = `StockQuoteProxy-${run}`;
const ackQueue = `StockQuoteProxyAck-${run}`;
const sq = backendAt('http://localhost:9000', 'sq');
/** The "stopped" SimpleStockQuoteService: while down, the stand-in drops every connection. */
let down = false;
const placeOrder = (n: number) =>
  `<m0:placeOrder xmlns:m0="http://services.samples"><m0:order><m0:price>10</m0:price><m0:quantity>${n}</m0:quantity><m0:symbol>IBM</m0:symbol></m0:order></m0:placeOrder>`;
/** Adds transport.jms.Destination (a per-run queue) before the proxy's content-type parameter. */
const destination = (q: string) => replace('<parameter name="transport.jms.ContentType">', `<parameter name="transport.jms.Destination">${q}</parameter>\n   <parameter name="transport.jms.ContentType">`);

export default defineCase({
  id: 'transactions/jms-local-transaction',
  title: 'JMS local transaction: a transacted JMS proxy logs "Transaction Action = Committed" when the callout succeeds; when the back end is down the fault sequence sets SET_ROLLBACK_ONLY, logs "Rollbacked" and the broker redelivers until it succeeds; the client-ack variant with SET_RECOVER does the same',
  status: 'pass',
  docsWrong: [
    'the page says to paste the proxy into synapse-configs/<node>/synapse.xml (EI layout): it is deployed as a proxy-services artifact',
    'the "Committed" line is logged by the in-sequence before the transport commits; the test checks the commit by what the broker does next (no redelivery, the back end sees the order once)',
    'the ActiveMQ web console steps become STOMP client steps (Debian\'s ActiveMQ ships no web console); the payload, not given, is the placeOrder the case.md names',
  ],
  deviates: [
    "the OpenWire URL tcp://localhost:61616 of the toml's listener factories is reached over the same ActiveMQ's STOMP connector (127.0.0.1:61613)",
    'the queue is per run (transport.jms.Destination StockQuoteProxy-<run> added to the proxy) so parallel runs and other cases on the StockQuoteProxy queue do not interfere',
    '"stop SimpleStockQuoteService" is emulated by a stand-in that drops each connection while down (a connection failure for the callout, as a stopped server\'s refused connection)',
    'the client-ack variant (snippet_client_ack_params.xml + snippet_set_recover.xml) is deployed as a second proxy StockQuoteProxyAck built from the documented one, on its own per-run queue',
    'rollback()/recover() redeliver as ActiveMQ\'s JMS client does (its RedeliveryPolicy, 1 s apart, 6 redeliveries, then ActiveMQ.DLQ): Mediate redelivers to the same listener and NACKs (dead-letters) after the last; the hop count is not asserted',
  ],
  backends: {
    sq: {
      kind: 'recording',
      options: { routes: { 'POST /services/SimpleStockQuoteService': () => (down ? { dropConnection: true } : { status: 202 }) } },
    },
  },
  artifacts: [
    { file: 'snippet_deployment_jms_listener.toml', as: 'deployment.toml' },
    { file: 'proxy_StockQuoteProxy.xml', edits: [sq, destination(queue)] },
    {
      name: 'proxy_StockQuoteProxyAck.xml',
      why: 'the documented proxy with the client-ack parameters of snippet_client_ack_params.xml and SET_RECOVER (snippet_set_recover.xml) instead of SET_ROLLBACK_ONLY',
      text: (t) => {
        const params = t.corpusFile('snippet_client_ack_params.xml').trim();
        const recover = t.corpusFile('snippet_set_recover.xml').trim();
        return destination(ackQueue)(sq(t.corpusFile('proxy_StockQuoteProxy.xml'), t), t)
          .replace('name="StockQuoteProxy"', 'name="StockQuoteProxyAck"')
          .replace(/<property name="SET_ROLLBACK_ONLY"[^>]*\/>/, recover)
          .replace('</target>', `</target>\n   ${params}`);
      },
    },
  ],
  async run(t) {
    down = false;
    const backend = t.backend('sq');
    await consuming(t, 'proxy:StockQuoteProxy');
    await consuming(t, 'proxy:StockQuoteProxyAck');
    const actions = (proxy: string, v: string) => t.logs().filter((l) => l.includes(`{proxy:${proxy}}`) && l.endsWith(`Transaction Action = ${v}`)).length;
    const orders = (n: number) => backend.requests.filter((r: { body: string }) => r.body.includes(`<m0:quantity>${n}</m0:quantity>`));
    expect(t.logs().some((l) => l.includes(`consuming /queue/${queue}`) && l.includes('SESSION_TRANSACTED'))).toBe(true);
    expect(t.logs().some((l) => l.includes(`consuming /queue/${ackQueue}`) && l.includes('CLIENT_ACKNOWLEDGE'))).toBe(true);
    const sender = await connect();
    try {
      for (const [proxy, q, n] of [['StockQuoteProxy', queue, 1], ['StockQuoteProxyAck', ackQueue, 3]] as const) {
        // Success: the callout reaches the back end (a SOAP envelope of the placeOrder), the flow logs Committed once.
        await sender.send(`/queue/${q}`, placeOrder(n), { 'amq-msg-type': 'text' });
        await until(`${proxy}: Committed`, () => actions(proxy, 'Committed') >= 1);
        expect(orders(n)).toHaveLength(1);
        expect(orders(n)[0]!.body).toMatch(/<soapenv:Envelope[\s\S]*<soapenv:Body>[\s\S]*<m0:placeOrder/);
        await settle();
        expect(actions(proxy, 'Committed')).toBe(1);
        expect(actions(proxy, 'Rollbacked')).toBe(0);
        expect(orders(n)).toHaveLength(1);

        // Failure: the back end is down; the fault sequence rolls back (recovers) and the broker redelivers.
        down = true;
        await sender.send(`/queue/${q}`, placeOrder(n + 1), { 'amq-msg-type': 'text' });
        await until(`${proxy}: Rollbacked twice (a redelivery)`, () => actions(proxy, 'Rollbacked') >= 2, 20000);
        expect(actions(proxy, 'Committed')).toBe(1);
        // Back up: the next redelivery is mediated successfully and committed; then nothing more comes.
        down = false;
        await until(`${proxy}: Committed after the redeliveries`, () => actions(proxy, 'Committed') >= 2, 20000);
        await settle(800);
        expect(actions(proxy, 'Committed')).toBe(2);
        const rolledBack = actions(proxy, 'Rollbacked');
        await settle(800);
        expect(actions(proxy, 'Rollbacked')).toBe(rolledBack);
        expect(backend.requests.filter((r: { body: string; status?: number }) => r.body.includes(`<m0:quantity>${n + 1}</m0:quantity>`)).length).toBeGreaterThanOrEqual(3);
      }
    } finally {
      down = false;
      await sender.disconnect();
    }
  },
});
