import { expect } from 'vitest';
import { defineCase, replace } from '../../case.js';
import { UNREACHABLE } from '../../common.js';

export default defineCase({
  id: 'endpoints/failover-multiple-http',
  title: 'Failover over two HTTP endpoints, both unreachable (the documented run)',
  status: 'pass',
  artifacts: [{ file: 'api_TestAPI.xml', edits: [replace('http://localhost:8080', UNREACHABLE)] }],
  async run(t) {
    await t.request('GET', '/test');
    const lines = t.logs();
    const at = (re: RegExp) => lines.findIndex((l) => re.test(l));
    // The documented log: fooEP suspended (100 ms), the failover detects it, then barEP suspended; no retry loop.
    const fooSuspended = at(/Endpoint : fooEP with address .*\/foo will be marked SUSPENDED as it failed/);
    const fooDuration = at(/Suspending endpoint : fooEP .*current suspend duration is : 100ms/);
    const detected = at(/Detect a Failure in a child endpoint : Endpoint \[fooEP\]/);
    const barSuspended = at(/Endpoint : barEP with address .*\/bar will be marked SUSPENDED as it failed/);
    expect([fooSuspended, fooDuration, detected, barSuspended].every((i) => i >= 0), lines.join('\n')).toBe(true);
    expect(fooSuspended).toBeLessThan(barSuspended);
    expect(lines.filter((l) => /barEP .*will be marked SUSPENDED/.test(l)).length).toBe(1);
  },
});
