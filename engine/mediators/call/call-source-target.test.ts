import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { testEngine, apiWith } from '../../testing/harness.js';
import { roundTrip } from '../../testing/round-trip.js';
import { createNodeHttpClient } from '../../node/http-client.js';
// @ts-expect-error plain ESM backend without type declarations
import { start as startRecording } from '../../../test/backends/recording.mjs';

type Recorded = { body: string; headers: Record<string, string | string[] | undefined>; path: string };
const httpClient = createNodeHttpClient({ maxBodyBytes: 1 << 24 });
let rec: { url: string; close(): Promise<void>; requests: Recorded[]; reset(): void };

beforeAll(async () => {
  rec = await startRecording({ port: 0, routes: { 'POST /echo': { echo: true }, 'POST /xml': { status: 200, headers: { 'content-type': 'application/xml' }, body: '<reply><n>7</n></reply>' }, 'POST /json': { status: 200, body: { reply: { n: 7 } } } } });
});
afterAll(async () => {
  await rec.close();
  await httpClient.close();
});

const json = { 'Content-Type': 'application/json' };
const incoming = '{"INCOMING" : {"INCOMING2":"INCOMING2"}}';
const ep = (p: string) => `<endpoint><address uri="${rec.url}${p}"/></endpoint>`;
const header = (r: Recorded, name: string) => String(r.headers[name] ?? '');

describe('call mediator source/target (MI 4.4)', () => {
  it('round-trips source and target', () => {
    roundTrip('<call><endpoint key="Ep"/><source contentType="application/xml" type="inline"><Intermediate><Intermediate1>Intermediate</Intermediate1></Intermediate></source><target type="property">TARGET</target></call>');
    roundTrip('<call><endpoint key="Ep"/><source type="custom">$body//INCOMING2</source><target type="variable">out</target></call>');
  });

  it('corpus snippet: inline XML source sent as application/xml, response kept in property TARGET, original JSON continues', async () => {
    rec.reset();
    const t = testEngine({ 'api.xml': apiWith(`<property name="REST_URL_POSTFIX" scope="axis2" action="remove"/><call>${ep('/xml')}<source contentType="application/xml" type="inline"><Intermediate><Intermediate1>Intermediate</Intermediate1></Intermediate></source><target type="property">TARGET</target></call><log level="custom"><property name="TARGET PAYLOAD" expression="$ctx:TARGET"/></log><respond/>`) }, { httpClient });
    expect(t.deployed.failed).toEqual([]);
    expect(t.deployed.failed.flatMap((f) => f.diagnostics).some((d) => d.code === 'SYN010')).toBe(false);
    const res = await t.request('POST', '/test', { headers: json, body: incoming });
    expect(res.json()).toEqual({ INCOMING: { INCOMING2: 'INCOMING2' } });
    expect(rec.requests[0]!.body).toBe('<Intermediate><Intermediate1>Intermediate</Intermediate1></Intermediate>');
    expect(header(rec.requests[0]!, 'content-type')).toContain('application/xml');
    expect(t.logger.records.map((r) => r.message)).toContain('TARGET PAYLOAD = <reply><n>7</n></reply>');
  });

  it('corpus snippet: custom XPath source over a JSON payload', async () => {
    rec.reset();
    const t = testEngine({ 'api.xml': apiWith(`<property name="REST_URL_POSTFIX" scope="axis2" action="remove"/><call>${ep('/echo')}<source contentType="application/xml" type="custom">$body//INCOMING2</source><target type="property">TARGET</target></call><respond/>`) }, { httpClient });
    const res = await t.request('POST', '/test', { headers: json, body: incoming });
    expect(res.json()).toEqual({ INCOMING: { INCOMING2: 'INCOMING2' } });
    expect(rec.requests[0]!.body).toBe('<INCOMING2>INCOMING2</INCOMING2>');
  });

  it('corpus snippet: property source (OM) and a JSON response stored in a variable', async () => {
    rec.reset();
    const t = testEngine({ 'api.xml': apiWith(`<property name="SOURCE" expression="$body//INCOMING" type="OM"/><property name="REST_URL_POSTFIX" scope="axis2" action="remove"/><call>${ep('/json')}<source contentType="application/xml" type="property">SOURCE</source><target type="variable">answer</target></call><payloadFactory media-type="json"><format>{"n":\${vars.answer.reply.n},"orig":"\${payload.INCOMING.INCOMING2}"}</format></payloadFactory><respond/>`) }, { httpClient });
    const res = await t.request('POST', '/test', { headers: json, body: incoming });
    expect(rec.requests[0]!.body).toBe('<INCOMING><INCOMING2>INCOMING2</INCOMING2></INCOMING>');
    expect(res.json()).toEqual({ n: 7, orig: 'INCOMING2' });
  });

  it('body source with a contentType converts the request; body target replaces the payload', async () => {
    rec.reset();
    const t = testEngine({ 'api.xml': apiWith(`<property name="REST_URL_POSTFIX" scope="axis2" action="remove"/><call>${ep('/echo')}<source type="body" contentType="application/xml"/><target type="body"/></call><respond/>`) }, { httpClient });
    const res = await t.request('POST', '/test', { headers: json, body: '{"a":1}' });
    expect(header(rec.requests[0]!, 'content-type')).toContain('application/xml');
    expect(rec.requests[0]!.body).toBe('<jsonObject><a>1</a></jsonObject>');
    expect(res.text).toContain('<a>1</a>');
  });

  it('a missing source property faults, and the API keeps serving', async () => {
    const t = testEngine({ 'api.xml': apiWith(`<call>${ep('/echo')}<source type="property">NOPE</source><target type="property">T</target></call><respond/>`, '<faultSequence><payloadFactory media-type="json"><format>{"e":"$1"}</format><args><arg expression="$ctx:ERROR_MESSAGE"/></args></payloadFactory><respond/></faultSequence>') }, { httpClient });
    const res = await t.request('POST', '/test', { headers: json, body: '{}' });
    expect(res.json()).toEqual({ e: 'call source: property NOPE has no value' });
    expect(t.logger.records.some((r) => r.level === 'error' && r.fields.component === 'CallMediator' && r.fields.artifact === 'api:TestAPI')).toBe(true);
  });

  it('refuses a custom source without expression and a property target without name', () => {
    const t = testEngine({ 'api.xml': apiWith(`<call>${ep('/echo')}<source type="custom"></source><target type="property"/></call>`) });
    const msgs = t.deployed.failed.flatMap((f) => f.diagnostics.map((d) => d.message)).join('\n');
    expect(msgs).toContain('needs an expression');
    expect(msgs).toContain('needs the property name');
  });
});
