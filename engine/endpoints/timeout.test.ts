import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { testEngine, apiWith } from '../testing/harness.js';
import { createNodeHttpClient } from '../node/http-client.js';
// @ts-expect-error plain ESM backend without type declarations
import { start as startRecording } from '../../test/backends/recording.mjs';

type Rec = { url: string; close(): Promise<void>; requests: { path: string }[]; reset(): void };
const httpClient = createNodeHttpClient({ maxBodyBytes: 1 << 24 });
const shared = path.resolve(import.meta.dirname, '../../../shared');
let rec: Rec;
const noPostfix = '<property name="REST_URL_POSTFIX" scope="axis2" action="remove"/>';
const faultJson = `<faultSequence><payloadFactory media-type="json"><format>{"code":$1,"message":"$2"}</format><args><arg expression="get-property('ERROR_CODE')"/><arg expression="get-property('ERROR_MESSAGE')"/></args></payloadFactory><respond/></faultSequence>`;
const json = { headers: { 'Content-Type': 'application/json' }, body: '{}' };

beforeAll(async () => {
  rec = await startRecording({ port: 0, routes: { '* /slow': { status: 200, body: { late: true }, delayMs: 400 }, '* /fast': { status: 200, body: { fast: true } } } });
});
afterAll(async () => {
  await rec.close();
  await httpClient.close();
});

const ep = (p: string, timeout: string, name = 'Slow') => `<endpoint name="${name}"><address uri="${rec.url}${p}"><timeout>${timeout}</timeout></address></endpoint>`;

describe('endpoint timeout and responseAction', () => {
  it('responseAction fault: 101504 "Send timeout" reaches the fault sequence; the endpoint is marked for suspension', async () => {
    const t = testEngine({ 'api.xml': apiWith(`${noPostfix}<call>${ep('/slow', '<duration>100</duration><responseAction>fault</responseAction>')}</call><respond/>`, faultJson) }, { httpClient });
    expect((await t.request('POST', '/test', json)).json()).toEqual({ code: 101504, message: 'Send timeout' });
    const logs = t.logger.records.map((r) => r.message);
    // 101504 is a default markForSuspension code; with no retries configured the endpoint is suspended.
    expect(logs).toContain(`Endpoint : Slow with address ${rec.url}/slow has been marked for SUSPENSION, but no further retries remain. Thus it will be SUSPENDED.`);
  });

  it('responseAction discard: the late response is dropped (MI logs the expiry), the client gets an empty 202', async () => {
    const t = testEngine({ 'api.xml': apiWith(`${noPostfix}<call>${ep('/slow', '<duration>100</duration><responseAction>discard</responseAction>')}</call><respond/>`, faultJson) }, { httpClient });
    const res = await t.request('POST', '/test', json);
    expect(res.status).toBe(202);
    expect(res.text).toBe('');
    expect(t.logger.records.some((r) => /^Expiring message ID : .*; dropping message after ENDPOINT_TIMEOUT of : 0.1 seconds for Endpoint \[Slow\], URI : /.test(r.message))).toBe(true);
  });

  it('dynamic duration from an expression (corpus endpoint-dynamic-timeout): a fast backend answers within it', async () => {
    const api = fs.readFileSync(path.join(shared, 'corpus/endpoints/endpoint-dynamic-timeout/api_TestAPI.xml'), 'utf8').replace('http://localhost:123/myendpoint', `${rec.url}/fast`);
    const t = testEngine({ 'api.xml': api }, { httpClient });
    expect(t.deployed.failed).toEqual([]);
    expect((await t.request('GET', '/test')).json()).toEqual({ fast: true });
    // The same expression with a 100 ms value times out on the slow route.
    const short = api.replace('value="20000"', 'value="100"').replace(`${rec.url}/fast`, `${rec.url}/slow`).replace('discard', 'fault');
    const t2 = testEngine({ 'api.xml': short }, { httpClient });
    expect((await t2.request('GET', '/test')).status).toBe(500);
    expect(t2.logger.records.some((r) => r.message.includes('ERROR_CODE = 101504'))).toBe(true);
  });

  it('bad input: a non-numeric duration and an unknown responseAction are refused at deploy', () => {
    const t = testEngine({ 'api.xml': apiWith(`<call>${ep('/slow', '<duration>soon</duration><responseAction>never</responseAction>')}</call>`) });
    const diags = t.deployed.failed.flatMap((f) => f.diagnostics.map((d) => `${d.code} ${d.message}`));
    expect(diags).toContain('SYN009 Endpoint timeout duration expected as a number but was not a number');
    expect(diags.some((d) => d.startsWith('SYN004 Invalid timeout action, action : never is not supported'))).toBe(true);
  });

  it('a closed port fails with 101503 and a standalone address endpoint is then suspended (303001)', async () => {
    const t = testEngine({ 'api.xml': apiWith(`${noPostfix}<call><endpoint name="Down"><address uri="http://127.0.0.1:1/x"/></endpoint></call><respond/>`, faultJson) }, { httpClient });
    expect((await t.request('POST', '/test', json)).json()).toMatchObject({ code: 101503 });
    expect((await t.request('POST', '/test', json)).json()).toEqual({ code: 303001, message: 'Currently , Address endpoint : [ Name : Down ] [ State : SUSPENDED ]' });
  });

  it('key-expression (resolving endpoint, corpus reusing-endpoints): the property names the endpoint to use', async () => {
    rec.reset();
    const named = (n: string, p: string) => `<endpoint xmlns="http://ws.apache.org/ns/synapse" name="${n}"><address uri="${rec.url}${p}"/></endpoint>`;
    const t = testEngine({ 'a.xml': named('A', '/slow'), 'b.xml': named('B', '/fast'), 'api.xml': apiWith(`${noPostfix}<property name="Mail" value="B"/><call><endpoint key-expression="get-property('Mail')"/></call><respond/>`, faultJson) }, { httpClient });
    expect((await t.request('POST', '/test', json)).json()).toEqual({ fast: true });
    expect(rec.requests.map((r) => r.path)).toEqual(['/fast']);
    const t2 = testEngine({ 'api.xml': apiWith(`${noPostfix}<property name="Mail" value="Nobody"/><call><endpoint key-expression="get-property('Mail')"/></call><respond/>`, faultJson) }, { httpClient });
    expect((await t2.request('POST', '/test', json)).json()).toMatchObject({ code: 101500 });
  });
});
