import { describe, it, expect, afterAll } from 'vitest';
import { testEngine, apiWith } from '../../testing/harness.js';
import { createNodeHttpClient } from '../../node/http-client.js';
// @ts-expect-error plain ESM JavaScript module without type declarations
import * as recording from '../../../test/backends/recording.mjs';

const client = createNodeHttpClient({ maxBodyBytes: 1 << 20 });
afterAll(() => client.close());

describe('call with OUT_ONLY and FORCE_SC_ACCEPTED', () => {
  it('answers 202 at once and still delivers the message to the backend', async () => {
    const backend = await recording.start({ port: 0, routes: { 'POST /orders': { status: 200, body: 'ignored', delayMs: 300 } } });
    try {
      const t = testEngine(
        { 'api.xml': apiWith(`<property name="OUT_ONLY" value="true"/><property name="FORCE_SC_ACCEPTED" value="true" scope="axis2"/><call><endpoint><http method="post" uri-template="${backend.url}/orders"/></endpoint></call>`) },
        { httpClient: client },
      );
      const r = await t.request('POST', '/test', { headers: { 'Content-Type': 'application/json' }, body: '{"order":1}' });
      expect(r.status).toBe(202);
      expect(r.text).toBe('');
      await backend.waitForRequests(1);
      expect(backend.requests[0].body).toBe('{"order":1}');
    } finally {
      await backend.close();
    }
  });

  it('blocking="true" waits for the send: a send that fails runs the fault sequence (MI BlockingMsgSender), a non-blocking one does not', async () => {
    const fault = '<faultSequence><payloadFactory media-type="xml"><format><failed xmlns=""/></format><args/></payloadFactory><property name="HTTP_SC" value="500" scope="axis2"/><respond/></faultSequence>';
    const flow = (blocking: boolean) => `<property name="OUT_ONLY" value="true"/><call blocking="${blocking}"><endpoint><address uri="http://127.0.0.1:1/none"/></endpoint></call><payloadFactory media-type="xml"><format><sent xmlns=""/></format><args/></payloadFactory><respond/>`;
    const blocked = testEngine({ 'api.xml': apiWith(flow(true), fault) }, { httpClient: client });
    const r = await blocked.request('POST', '/test', { headers: { 'Content-Type': 'application/xml' }, body: '<order/>' });
    expect(r.status).toBe(500);
    expect(r.text).toContain('<failed');
    const free = testEngine({ 'api.xml': apiWith(flow(false), fault) }, { httpClient: client });
    const r2 = await free.request('POST', '/test', { headers: { 'Content-Type': 'application/xml' }, body: '<order/>' });
    expect(r2.text).toContain('<sent');
  });
});
