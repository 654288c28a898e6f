import { expect } from 'vitest';
import { defineCase, replace } from '../../case.js';
import { UNREACHABLE } from '../../common.js';

export default defineCase({
  id: 'endpoints/endpoint-error-codes',
  title: 'Endpoint error codes: 101503 (connection failed) is in neither list, so the endpoint stays active',
  status: 'pass',
  artifacts: [{ file: 'api_TestAPI.xml', edits: [replace('http://localhost:123', UNREACHABLE)] }],
  backends: {},
  async run(t) {
    for (let i = 0; i < 3; i++) await t.request('GET', '/test');
    const lines = t.logs();
    // Each call really tried to connect (no "not ready"/suspended short-cut) ...
    expect(lines.filter((l) => /Connection failure|101503|connect/i.test(l)).length).toBeGreaterThanOrEqual(3);
    // ... and, by the stated rules, the endpoint was never suspended nor put in timeout.
    expect(lines.filter((l) => /SUSPENDED|Suspending endpoint|marked as TIMEOUT/.test(l))).toEqual([]);
  },
});
