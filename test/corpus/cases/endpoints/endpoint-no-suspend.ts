import { expect } from 'vitest';
import { defineCase, backendAt } from '../../case.js';

export default defineCase({
  id: 'endpoints/endpoint-no-suspend',
  title: 'Endpoint suspension disabled (errorCodes -1): no suspension logs',
  status: 'pass',
  backends: { quotes: { kind: 'stock-quote' } },
  artifacts: [{ file: 'api_TestAPI.xml', edits: [backendAt('http://localhost:9000', 'quotes')] }],
  async run(t) {
    // The docs' GET carries no SOAP body; the service answers with a fault, and the endpoint must not be suspended.
    for (let i = 0; i < 3; i++) await t.request('GET', '/test');
    expect(t.backend('quotes').lastRequests.length).toBe(3);
    expect(t.logs().filter((l) => /SUSPENDED|Suspending endpoint|marked as TIMEOUT/.test(l))).toEqual([]);
  },
});
