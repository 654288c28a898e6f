import { defineCase, backendAt } from '../../case.js';
import { expectViewIbm, expectOrderAccepted } from './_shared.js';

export default defineCase({
  id: 'rest-api/simple-rest-api-legacy-send',
  title: 'Simple REST API, legacy send/outSequence with format="soap11"',
  status: 'pass',
  backends: { quotes: { kind: 'stock-quote' } },
  artifacts: [{ file: 'api_StockQuoteAPI.xml', edits: [backendAt('http://localhost:9000', 'quotes')] }],
  async run(t) {
    await expectViewIbm(t);
    await expectOrderAccepted(t);
  },
});
