import { defineCase, backendAt } from '../../case.js';
import { expectAccepted, until, quotesGenerated } from './_ms.js';

export default defineCase({
  id: 'message-store/rabbitmq-store-forwarding',
  title: 'RabbitMQ store with a forwarding processor',
  status: 'pass',
  docsWrong: ['the back end would log "Generating quote for : IBM" for a getQuote, not the "Accepted order" line the page prints'],
  backends: { quotes: { kind: 'stock-quote' } },
  artifacts: [{ file: 'endpoint_SimpleStockQuoteService.xml', edits: [backendAt('http://127.0.0.1:9000', 'quotes')] }, { file: 'messageprocessor_Processor1.xml' }, { file: 'messagestore_rabbitmq.xml' }, { file: 'proxy_Proxy1.xml' }],
  async run(t) {
    await expectAccepted(t, 'Proxy1');
    await until('the back end generated the quote', () => quotesGenerated(t) === 1, 6000);
  },
});
