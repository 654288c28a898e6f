/** Concurrency proof: 200 simultaneous requests through each EIP flow, each answered with exactly its own content. */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { testEngine, apiWith } from '../../testing/harness.js';
import { createNodeHttpClient } from '../../node/http-client.js';
// @ts-expect-error plain ESM backend without types
import * as echo from '../../../test/backends/echo.mjs';

const N = 200;
const client = createNodeHttpClient({ maxBodyBytes: 1 << 24 });
let echoServer: { url: string; close(): Promise<void> };
beforeAll(async () => {
  echoServer = await echo.start({ port: 0 });
});
afterAll(async () => {
  await echoServer.close();
  await client.close();
});

const post = (t: ReturnType<typeof testEngine>, body: unknown) => t.request('POST', '/test', { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

describe('EIP mediators under 200 concurrent requests', () => {
  it('clone + aggregate: every response holds its own request id from both branches', async () => {
    const t = testEngine({
      'g.xml': '<sequence xmlns="http://ws.apache.org/ns/synapse" name="Gather"><aggregate id="c"><onComplete expression="json-eval($)"><respond/></onComplete></aggregate></sequence>',
      'api.xml': apiWith(`<clone id="c">${['a', 'b', 'c'].map((b) => `<target><sequence><call><endpoint><address uri="${echoServer.url}/echo"/></endpoint></call><payloadFactory media-type="json"><format>{"branch":"${b}","req":\${payload.req}}</format></payloadFactory><sequence key="Gather"/></sequence></target>`).join('')}</clone>`),
    }, { httpClient: client });
    const responses = await Promise.all(Array.from({ length: N }, (_, i) => post(t, { req: i })));
    responses.forEach((res, i) => {
      const got = res.json() as { branch: string; req: number }[];
      expect(got.map((g) => g.branch).sort()).toEqual(['a', 'b', 'c']);
      expect(got.every((g) => g.req === i)).toBe(true);
    });
  });

  it('iterate + call + aggregate: every response holds exactly its own parts', async () => {
    const t = testEngine({
      'api.xml': apiWith(`<iterate expression="json-eval($.parts)"><target><sequence><call><endpoint><address uri="${echoServer.url}/echo"/></endpoint></call></sequence></target></iterate><aggregate><onComplete expression="json-eval($)"><respond/></onComplete></aggregate>`),
    }, { httpClient: client });
    const responses = await Promise.all(Array.from({ length: N }, (_, i) => post(t, { parts: [`${i}-x`, `${i}-y`, `${i}-z`] })));
    responses.forEach((res, i) => expect((res.json() as string[]).sort()).toEqual([`${i}-x`, `${i}-y`, `${i}-z`]));
  });

  it('scatter-gather: every response holds its own branch results', async () => {
    const t = testEngine({
      'api.xml': apiWith(`<scatter-gather result-content-type="JSON"><aggregation expression="\${payload}"/><sequence><call><endpoint><address uri="${echoServer.url}/echo"/></endpoint></call></sequence><sequence><payloadFactory media-type="json"><format>{"local":\${payload.req}}</format></payloadFactory></sequence></scatter-gather><respond/>`),
    }, { httpClient: client });
    const responses = await Promise.all(Array.from({ length: N }, (_, i) => post(t, { req: i })));
    responses.forEach((res, i) => {
      const got = res.json() as Record<string, number>[];
      expect(got).toHaveLength(2);
      expect(got).toContainEqual({ req: i });
      expect(got).toContainEqual({ local: i });
    });
  });
});
