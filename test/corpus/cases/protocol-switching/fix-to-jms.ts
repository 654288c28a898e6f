import { expect } from 'vitest';
import { randomUUID } from 'node:crypto';
import { defineCase, replace } from '../../case.js';
import { StompClient, type StompMessage } from '../../../../engine/node/transports/jms/stomp-client.js';
import { acceptorListening, executionReportFor, expectWellFramed, fixCaseEnv, FixPeer, newOrderSingle, transportPageCfg } from './_fix.js';

const env = await fixCaseEnv();

export default defineCase({
  id: 'protocol-switching/fix-to-jms',
  title: 'FIX to JMS: a FIX order is called onto ActiveMQ queue QueueStockQuoteService with reply-to replyQueue; the reply is logged',
  status: 'pass',
  docsWrong: [
    'the page checks the queue count in the ActiveMQ web console, which Debian\'s ActiveMQ does not ship: a STOMP consumer on the queue checks the message',
    "the call waits for a JMS reply on replyQueue that the page never sets up (\"the ActiveMQ consumer will send an execution back\"): the test's consumer answers; the flow has no respond, so nothing goes back to Banzai (asserted)",
  ],
  deviates: [
    "the OpenWire URL tcp://localhost:61616 is reached over the same ActiveMQ's STOMP connector (127.0.0.1:61613)",
    "Banzai is the Node FIX peer of engine/node/transports/fix/test-counterparty.ts; the acceptor session file is the FIX transport page's fix-synapse.cfg on a free port",
  ],
  artifacts: [{ file: 'endpoint_QueueStockQuoteServiceEp.xml' }, { file: 'proxy_FIXProxy.xml', edits: [replace('file:/{file_path}/fix-synapse.cfg', env.cfg('fix-synapse.cfg', transportPageCfg('fix-synapse.cfg')))] }],
  async run(t) {
    const clOrdId = `jms-${randomUUID().slice(0, 8)}`;
    const stomp = await StompClient.connect({ host: '127.0.0.1', port: 61613 });
    const banzai = new FixPeer('banzai', 'FIX.4.0', 'BANZAI', 'SYNAPSE');
    const orders: StompMessage[] = [];
    try {
      await stomp.subscribe('/queue/QueueStockQuoteService', (m) => {
        const body = m.body.toString();
        // The queue is named by the docs and may hold other runs' messages: answer only this run's.
        if (!body.includes(clOrdId)) return;
        orders.push(m);
        void stomp.send(m.headers['reply-to']!, executionReportFor(body), { 'correlation-id': m.headers['correlation-id'] ?? m.headers['message-id']!, 'content-type': 'text/xml', 'amq-msg-type': 'text' });
      });
      await acceptorListening(t, 'FIXProxy');
      await banzai.connect(env.acceptorPort);
      banzai.send(newOrderSingle({ clOrdId, symbol: 'DELL', side: '1', quantity: '1000', ordType: '2', price: '100' }));
      await t.waitForLog(new RegExp(`Direction: response.*<field id="11">${clOrdId}</field>.*<field id="39">0</field>`), 10000);
      expect(orders).toHaveLength(1);
      expect(orders[0]!.headers['reply-to']).toBe('/queue/replyQueue');
      expect(orders[0]!.body.toString()).toMatch(/<message inSession="FIX\.4\.0:SYNAPSE-(?:&gt;|>)BANZAI" counter="1">[\s\S]*<field id="55">DELL<\/field>/);
      await new Promise((r) => setTimeout(r, 300));
      expect(banzai.received.filter((m) => !['A', '0', '1'].includes(m.fields.get(35) ?? ''))).toEqual([]);
      expectWellFramed(banzai);
    } finally {
      await banzai.close();
      await stomp.disconnect();
    }
  },
});
