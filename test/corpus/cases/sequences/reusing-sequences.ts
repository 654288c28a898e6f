import { expect } from 'vitest';
import { defineCase, backendAt } from '../../case.js';
import { soap11, getQuote, payloadOf, expectQuoteResponse } from '../../xml.js';

export default defineCase({
  id: 'sequences/reusing-sequences',
  title: 'One sequence reused by two proxies',
  status: 'pass',
  docsWrong: ['the requests target StockQuoteProxy1/StockQuoteProxy2 but the proxies are named Proxy1/Proxy2: we call /services/Proxy1 and /services/Proxy2'],
  backends: { quotes: { kind: 'stock-quote' } },
  artifacts: [
    { file: 'endpoint_SimpleStockQuoteService.xml', edits: [backendAt('http://localhost:9000', 'quotes')] },
    { file: 'proxy_Proxy1.xml' },
    { file: 'proxy_Proxy2.xml' },
    { file: 'sequence_common.xml' },
  ],
  async run(t) {
    for (const [proxy, name] of [['Proxy1', 'proxy_1'], ['Proxy2', 'proxy_2']]) {
      const r = await t.request('POST', `/services/${proxy}.${proxy}HttpSoap11Endpoint`, { headers: { 'Content-Type': 'text/xml;charset=UTF-8', SOAPAction: '"urn:getQuote"' }, body: soap11(getQuote('IBM')) });
      expect(r.status).toBe(200);
      expectQuoteResponse(payloadOf(r.text), 'IBM');
      await t.waitForLog(new RegExp(`\\{proxy:${proxy}\\} To: .*, name = ${name}$`));
    }
  },
});
