import { defineCase, backendAt } from '../../case.js';
import { expectViewIbm, expectOrderAccepted } from './_shared.js';

export default defineCase({
  id: 'rest-api/rest-to-soap',
  title: 'A SOAP service exposed as a REST API (GET view, POST order → 202)',
  status: 'pass',
  backends: { quotes: { kind: 'stock-quote' } },
  artifacts: [{ file: 'api_StockQuoteAPI.xml' }, { file: 'endpoint_SimpleStockQuoteService.xml', edits: [backendAt('http://localhost:9000', 'quotes')] }],
  async run(t) {
    await expectOrderAccepted(t);
    await expectViewIbm(t);
  },
});
