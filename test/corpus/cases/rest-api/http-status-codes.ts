import { defineCase, backendAt } from '../../case.js';
import { expectViewIbm } from './_shared.js';

export default defineCase({
  id: 'rest-api/http-status-codes',
  title: 'HTTP_SC=201 on the response path',
  status: 'pass',
  docsWrong: ['the docs XML has a stray back-tick after the <api> start tag (removed in the corpus file)'],
  backends: { quotes: { kind: 'stock-quote' } },
  artifacts: [{ file: 'api_StockQuoteAPI.xml' }, { file: 'endpoint_SimpleStockQuoteService.xml', edits: [backendAt('http://localhost:9000', 'quotes')] }],
  async run(t) {
    await expectViewIbm(t, 201);
  },
});
