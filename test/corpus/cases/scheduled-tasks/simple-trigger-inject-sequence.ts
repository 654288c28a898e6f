import { expect } from 'vitest';
import { defineCase, backendAt } from '../../case.js';
import { until } from '../inbound-endpoints/_listening.js';

export default defineCase({
  id: 'scheduled-tasks/simple-trigger-inject-sequence',
  title: 'MessageInjector task with a 5 s simple trigger injects a SOAP 1.1 getQuote into sequence retrieveQuote: the backend is called repeatedly and each quote is logged',
  status: 'pass',
  docsWrong: ['the page prints no log line: the check is the custom log of the sequence (First_Value, For_the_organization = IBM Company, Last_Value) once per firing'],
  backends: { quotes: { kind: 'stock-quote' } },
  artifacts: [
    { file: 'task_CheckPrice.xml' },
    { file: 'sequence_retrieveQuote.xml' },
    { file: 'endpoint_SimpleStockQuoteService.xml', edits: [backendAt('http://localhost:9000', 'quotes')] },
  ],
  async run(t) {
    const quoteLines = () => t.logs().filter((l) => l.includes('For_the_organization = IBM Company'));
    // Fires at deployment and every 5 s after: two firings within 15 s.
    await until('two firings of CheckPrice', () => quoteLines().length >= 2, 15000);
    expect(quoteLines()[0]).toMatch(/First_Value = -?[\d.]+, For_the_organization = IBM Company, Last_Value = -?[\d.]+/);
    const calls = t.backend('quotes').lastRequests;
    expect(calls.length).toBeGreaterThanOrEqual(2);
    expect(String(calls[0].headers['content-type'])).toMatch(/^text\/xml/);
    expect(String(calls[0].headers.soapaction)).toContain('urn:getQuote');
    expect(calls[0].body).toContain('<m0:symbol>IBM</m0:symbol>');
  },
});
