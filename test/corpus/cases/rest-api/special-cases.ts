import { expect } from 'vitest';
import { defineCase } from '../../case.js';

const SYN = 'xmlns="http://ws.apache.org/ns/synapse"';

export default defineCase({
  id: 'rest-api/special-cases',
  title: 'GET with a body, POST with an empty body, POST with query parameters',
  status: 'pass',
  backends: { echo: { kind: 'recording', options: { echo: true } } },
  artifacts: [
    {
      name: 'api_PassThrough.xml',
      why: 'the page has no configuration: any pass-through API (case.md); ours calls a recording echo backend',
      text: (t) => `<api ${SYN} name="PassThrough" context="/pass"><resource methods="GET POST" url-mapping="/*"><inSequence><call><endpoint><address uri="${t.backendUrl('echo')}/backend"/></endpoint></call><respond/></inSequence></resource></api>`,
    },
  ],
  async run(t) {
    const echo = t.backend('echo');
    // 1. GET with a body: the payload is not consumed nor forwarded.
    await t.request('GET', '/pass/items', { headers: { 'Content-Type': 'application/json' }, body: '{"ignored":true}' });
    expect(echo.requests[0].method).toBe('GET');
    expect(echo.requests[0].body).toBe('');
    // 2. POST with an empty body: forwarded as a normal message.
    const empty = await t.request('POST', '/pass/items', { headers: { 'Content-Type': 'application/json' } });
    expect(empty.status).toBe(200);
    expect(echo.requests[1].method).toBe('POST');
    expect(echo.requests[1].body).toBe('');
    // 3. POST with query parameters: they stay on the outgoing URL.
    await t.request('POST', '/pass/items?a=1&b=two', { headers: { 'Content-Type': 'application/json' }, body: '{"x":1}' });
    expect(echo.requests[2].url).toBe('/backend/items?a=1&b=two');
    expect(JSON.parse(echo.requests[2].body)).toEqual({ x: 1 });
  },
});
