import { expect } from 'vitest';
import { defineCase, replace } from '../../case.js';
import { UNREACHABLE } from '../../common.js';

export default defineCase({
  id: 'endpoints/failover-single-address',
  title: 'Failover with a single unreachable address endpoint: 101503 suspends it',
  status: 'pass',
  artifacts: [{ file: 'api_TestAPI.xml', edits: [replace('http://localhost:123', UNREACHABLE)] }],
  async run(t) {
    await t.request('GET', '/test');
    // 101503 is not in markForSuspension (101504, 101505, 101500), so the endpoint is SUSPENDED at once.
    await t.waitForLog(/WARN \{EndpointContext\} .*Endpoint : Sample_First with address .*myendpoint will be marked SUSPENDED as it failed/);
    expect(t.logs().filter((l) => /marked as TIMEOUT/.test(l))).toEqual([]);
    // While suspended (1 s) the next request does not reach the endpoint again.
    const before = t.logs().filter((l) => /Sample_First .*will be marked SUSPENDED/.test(l)).length;
    await t.request('GET', '/test');
    expect(t.logs().filter((l) => /Sample_First .*will be marked SUSPENDED/.test(l)).length).toBe(before);
  },
});
