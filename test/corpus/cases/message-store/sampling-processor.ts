import { expect } from 'vitest';
import { defineCase, backendAt, replace } from '../../case.js';
import { expectAccepted, until, quotesGenerated } from './_ms.js';

export default defineCase({
  id: 'message-store/sampling-processor',
  title: 'Sampling processor: one stored message per run is injected into send_seq, whatever the client rate',
  status: 'pass',
  deviates: ['interval 20000 ms is shortened to 400 ms so the run takes about a second'],
  backends: { quotes: { kind: 'stock-quote' } },
  artifacts: [
    { file: 'endpoint_SimpleStockQuoteServiceEndpoint.xml', edits: [backendAt('http://localhost:9000', 'quotes')] },
    { file: 'messageprocessor_SamplingProcessor.xml', edits: [replace('<parameter name="interval">20000</parameter>', '<parameter name="interval">400</parameter>')] },
    { file: 'messagestore_MyStore.xml' },
    { file: 'proxy_StockQuoteProxy.xml' },
    { file: 'sequence_send_seq.xml' },
  ],
  async run(t) {
    for (let i = 0; i < 3; i++) await expectAccepted(t, 'StockQuoteProxy');
    // The three arrive faster than one interval: they wait in the store and leave it one per run.
    expect(await t.host.messaging.storeSize('MyStore')).toBeGreaterThanOrEqual(2);
    await until('one sampled', () => quotesGenerated(t) >= 1, 3000);
    expect(quotesGenerated(t)).toBeLessThanOrEqual(2);
    await until('all three sampled', () => quotesGenerated(t) === 3, 5000);
  },
});
