import { expect } from 'vitest';
import { defineCase } from '../../case.js';

const SYN = 'xmlns="http://ws.apache.org/ns/synapse"';

export default defineCase({
  id: 'json/validate-json-schema',
  title: 'Validate with a JSON schema from the conf registry; on-fail answers 500',
  status: 'pass',
  artifacts: [
    {
      name: 'api_Validate.xml',
      why: 'the page gives only the <validate> fragment; wrapped in an API followed by respond, as case.md suggests',
      text: (t) => `<api ${SYN} name="Validate" context="/validate"><resource methods="POST"><inSequence>${t.corpusFile('snippet_validate.xml')}<respond/></inSequence></resource></api>`,
    },
  ],
  registry: { 'conf/schema/StockQuoteSchema.json': 'registry/conf/schema/StockQuoteSchema.json' },
  async run(t) {
    const valid = await t.request('POST', '/validate', { headers: { 'Content-Type': 'application/json' }, body: '{"getQuote":{"request":{"symbol":"WSO2"}}}' });
    expect(valid.status).toBe(200);
    expect(valid.json()).toEqual({ getQuote: { request: { symbol: 'WSO2' } } });
    const invalid = await t.request('POST', '/validate', { headers: { 'Content-Type': 'application/json' }, body: '{"getQuote":{}}' });
    expect(invalid.status).toBe(500);
    const err = invalid.json() as { Error: string };
    expect(Object.keys(err)).toEqual(['Error']);
    expect(err.Error).toMatch(/request/);
  },
});
