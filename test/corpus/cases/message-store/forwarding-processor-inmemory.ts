import { expect } from 'vitest';
import { defineCase, backendAt } from '../../case.js';
import { expectAccepted, until, quotesGenerated } from './_ms.js';

export default defineCase({
  id: 'message-store/forwarding-processor-inmemory',
  title: 'Forwarding processor on an in-memory store: 202 at once, the message reaches the back end and leaves the store',
  status: 'pass',
  docsWrong: ['the page starts the back end after sending; with max.delivery.attempts 4 at 1 s it must come up within about 4 s or the processor deactivates keeping the message (covered with a back end that is down in engine/messaging/messaging.test.ts)'],
  backends: { quotes: { kind: 'stock-quote' } },
  artifacts: [{ file: 'endpoint_StockQuoteServiceEp.xml', edits: [backendAt('http://localhost:9000', 'quotes')] }, { file: 'messageprocessor_ScheduledProcessor.xml' }, { file: 'messagestore_MyStore.xml' }, { file: 'proxy_StockQuoteProxy.xml' }],
  async run(t) {
    await expectAccepted(t, 'StockQuoteProxy');
    await until('the back end generated the quote', () => quotesGenerated(t) === 1);
    await until('the store is empty', async () => (await t.host.messaging.storeSize('MyStore')) === 0);
    expect(t.host.messaging.processorStatuses()[0]).toMatchObject({ name: 'ScheduledProcessor', active: true });
  },
});
