import { defineCase, backendAt } from '../../case.js';
import { expectAccepted, until, quotesGenerated } from './_ms.js';

export default defineCase({
  id: 'message-store/jms-message-store',
  title: 'JMS store (ActiveMQ) with forwarding processors, in-only and with a reply sequence',
  status: 'pass',
  backends: { quotes: { kind: 'stock-quote' } },
  artifacts: [{ file: 'endpoint_SimpleStockQuoteService.xml', edits: [backendAt('http://127.0.0.1:9000', 'quotes')] }, { file: 'messageprocessor_Processor1.xml' }, { file: 'messagestore_JMSMS.xml' }, { file: 'proxy_Proxy1.xml' }],
  async run(t) {
    await expectAccepted(t, 'Proxy1');
    await until('the back end generated the quote', () => quotesGenerated(t) === 1, 6000);
  },
});
