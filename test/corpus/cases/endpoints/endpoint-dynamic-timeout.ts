import { expect } from 'vitest';
import { defineCase, backendAt, replace } from '../../case.js';

export default defineCase({
  id: 'endpoints/endpoint-dynamic-timeout',
  title: 'Endpoint timeout from an expression ({get-property(\'timeout\')}), responseAction discard',
  status: 'pass',
  // The page gives no backend: a recording stand-in that answers after 3 s plays the slow service,
  // and the property is lowered from 20000 to 400 ms so the test does not wait 20 s.
  backends: { slow: { kind: 'recording', options: { fallback: { status: 200, body: { late: true }, delayMs: 3000 } } } },
  artifacts: [
    { file: 'api_TestAPI.xml', edits: [backendAt('http://localhost:123', 'slow'), replace('value="20000"', 'value="400"')] },
    // The optional local entry of the info box lacks the Synapse namespace; it is not referenced by the API.
  ],
  async run(t) {
    const started = Date.now();
    const r = await t.request('GET', '/test');
    const took = Date.now() - started;
    // The timeout fired at the property's value, long before the backend answered...
    expect(took).toBeGreaterThanOrEqual(350);
    expect(took).toBeLessThan(2500);
    expect(t.backend('slow').requests.length).toBe(1);
    // ...and the late response is discarded: nothing of it reaches the client. (MI drops the
    // callback and never answers; Mediate answers the dropped message with an empty 202.)
    expect(r.text).not.toContain('late');
  },
});
