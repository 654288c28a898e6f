import { defineCase, backendAt } from '../../case.js';
import { expectAccepted, until } from './_ms.js';

export default defineCase({
  id: 'message-store/loadbalancing-forwarding-processor',
  title: 'Three forwarding processors competing on one JMS store',
  status: 'pass',
  docsWrong: ['"distributed among the back-end nodes" is no guarantee of an even spread: which processor takes a message is up to the broker; only "each message delivered, to one of the three" is asserted'],
  backends: { q1: { kind: 'stock-quote' }, q2: { kind: 'stock-quote' }, q3: { kind: 'stock-quote' } },
  artifacts: [
    { file: 'endpoint_SimpleStockQuoteService1.xml', edits: [backendAt('http://localhost:9001', 'q1')] },
    { file: 'endpoint_SimpleStockQuoteService2.xml', edits: [backendAt('http://localhost:9002', 'q2')] },
    { file: 'endpoint_SimpleStockQuoteService3.xml', edits: [backendAt('http://localhost:9003', 'q3')] },
    { file: 'messageprocessor_Forwarder1.xml' },
    { file: 'messageprocessor_Forwarder2.xml' },
    { file: 'messageprocessor_Forwarder3.xml' },
    { file: 'messagestore_JMSMS.xml' },
    { file: 'proxy_StockQuoteProxy.xml' },
  ],
  async run(t) {
    for (let i = 0; i < 6; i++) await expectAccepted(t, 'StockQuoteProxy', `IBM${i}`);
    const total = () => ['q1', 'q2', 'q3'].reduce((n, b) => n + t.backend(b).logs.filter((l) => l.includes('Generating quote for')).length, 0);
    await until('all six delivered', () => total() === 6, 8000);
  },
});
