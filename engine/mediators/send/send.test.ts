import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { testEngine, apiWith } from '../../testing/harness.js';
import { roundTrip } from '../../testing/round-trip.js';
import { createNodeHttpClient } from '../../node/http-client.js';
// @ts-expect-error plain ESM backend without type declarations
import { start as startStockQuote } from '../../../test/backends/stock-quote.mjs';
// @ts-expect-error plain ESM backend without type declarations
import { start as startRecording } from '../../../test/backends/recording.mjs';

const shared = path.resolve(import.meta.dirname, '../../../../shared');
const httpClient = createNodeHttpClient({ maxBodyBytes: 1 << 24 });
let stock: { url: string; close(): Promise<void>; orders: unknown[] };
let rec: { url: string; close(): Promise<void>; requests: { body: string; headers: Record<string, string> }[] };

beforeAll(async () => {
  stock = await startStockQuote({ port: 0 });
  rec = await startRecording({ port: 0, routes: { 'POST /echo': { echo: true } } });
});
afterAll(async () => {
  await stock.close();
  await rec.close();
  await httpClient.close();
});

describe('send mediator', () => {
  it('round-trips', () => {
    roundTrip('<send/>');
    roundTrip('<send receive="onReply" buildmessage="true"><endpoint><address uri="http://localhost:9000/services/SimpleStockQuoteService" format="soap11"/></endpoint></send>');
    roundTrip('<send><endpoint key="Ep"/></send>');
  });

  it('corpus rest-api/simple-rest-api-legacy-send: out sequence <send/> returns the backend response', async () => {
    // The address layer currently appends REST_URL_POSTFIX (/view/IBM) and keeps the inbound GET even for
    // format="soap11" endpoints (MI posts a SOAP envelope to the bare URI); both are overridden here so the
    // test covers send itself.
    const api = readFileSync(path.join(shared, 'corpus/rest-api/simple-rest-api-legacy-send/api_StockQuoteAPI.xml'), 'utf8')
      .replaceAll('http://localhost:9000', stock.url)
      .replace('<header name="Action" value="urn:getQuote"/>', '<header name="Action" value="urn:getQuote"/><property name="REST_URL_POSTFIX" scope="axis2" action="remove"/><property name="HTTP_METHOD" scope="axis2" value="POST"/>');
    const t = testEngine({ 'api_StockQuoteAPI.xml': api }, { httpClient });
    expect(t.deployed.failed).toEqual([]);
    const res = await t.request('GET', '/stockquote/view/IBM');
    expect(res.status).toBe(200);
    expect(res.text).toContain('getQuoteResponse');
    expect(res.text).toContain('<ax21:symbol>IBM</ax21:symbol>');
    const order = await t.request('POST', '/stockquote/order/', {
      headers: { 'Content-Type': 'application/xml' },
      body: '<m:placeOrder xmlns:m="http://services.samples"><m:order><m:price>50</m:price><m:quantity>10</m:quantity><m:symbol>IBM</m:symbol></m:order></m:placeOrder>',
    });
    expect(order.status).toBe(202);
    expect(order.text).toBe('');
    expect(stock.orders.length).toBeGreaterThan(0);
  });

  it('runs the receive sequence instead of the out sequence, and stops the in flow', async () => {
    const t = testEngine(
      {
        'api.xml': apiWith(`<send receive="onReply"><endpoint><address uri="${rec.url}/echo"/></endpoint></send><log level="custom"><property name="after" value="send"/></log>`, '<outSequence><payloadFactory media-type="json"><format>{"from":"out"}</format></payloadFactory><respond/></outSequence>'),
        'onReply.xml': '<sequence xmlns="http://ws.apache.org/ns/synapse" name="onReply"><payloadFactory media-type="json"><format>{"from":"receive","echo":${payload.v}}</format></payloadFactory><respond/></sequence>',
      },
      { httpClient },
    );
    const res = await t.request('POST', '/test', { headers: { 'Content-Type': 'application/json' }, body: '{"v":1}' });
    expect(res.json()).toEqual({ from: 'receive', echo: 1 });
    expect(t.logger.records.some((r) => r.message === 'after = send')).toBe(false);
  });

  it('without out sequence and receive, the response goes back to the client', async () => {
    const t = testEngine({ 'api.xml': apiWith(`<send><endpoint><address uri="${rec.url}/echo"/></endpoint></send>`) }, { httpClient });
    const res = await t.request('POST', '/test', { headers: { 'Content-Type': 'application/json' }, body: '{"v":2}' });
    expect(res.json()).toEqual({ v: 2 });
  });

  it('<send/> in a request flow with RESPONSE=true answers the client (no backend)', async () => {
    const t = testEngine({ 'api.xml': apiWith('<property name="RESPONSE" value="true"/><payloadFactory media-type="json"><format>{"ok":true}</format></payloadFactory><send/>') });
    expect((await t.request('GET', '/test')).json()).toEqual({ ok: true });
  });

  it('an unreachable endpoint runs the fault sequence with the endpoint error code, and keeps serving', async () => {
    const t = testEngine(
      { 'api.xml': apiWith('<send><endpoint><address uri="http://127.0.0.1:1/none"/></endpoint></send>', '<faultSequence><payloadFactory media-type="json"><format>{"code":"$1"}</format><args><arg expression="$ctx:ERROR_CODE"/></args></payloadFactory><respond/></faultSequence>') },
      { httpClient },
    );
    const res = await t.request('GET', '/test');
    expect(res.json()).toEqual({ code: '101503' });
    expect(t.logger.records.some((r) => r.level === 'error' && r.fields.component === 'SendMediator' && r.fields.artifact === 'api:TestAPI')).toBe(true);
  });

  it('a request-flow <send/> without endpoint and without an absolute To faults', async () => {
    const t = testEngine({ 'api.xml': apiWith('<send/>') });
    const res = await t.request('GET', '/test', { headers: { Accept: 'application/json' } });
    expect(res.status).toBe(500);
    expect(t.logger.records.some((r) => r.level === 'error' && r.fields.component === 'SendMediator')).toBe(true);
  });

  it('a response whose To is a mailto: address is mailed there by <send/>, once, instead of answering the client', async () => {
    const sent: { uri: string; body: string; subject: unknown }[] = [];
    const mailto = { send: async (r: { uri: string; body: Uint8Array; headers: { get(n: string): unknown } }) => void sent.push({ uri: r.uri, body: Buffer.from(r.body).toString(), subject: r.headers.get('Subject') }) };
    const t = testEngine(
      {
        'api.xml': apiWith(
          `<send><endpoint><address uri="${rec.url}/echo"/></endpoint></send>`,
          '<outSequence><property name="Subject" value="Your reply" scope="transport"/><header name="To" value="mailto:alice@example.com"/><send/></outSequence>',
        ),
      },
      { httpClient, brokerSenders: new Map([['mailto', mailto as never]]) },
    );
    await t.request('POST', '/test', { headers: { 'Content-Type': 'application/json' }, body: '{"v":3}' });
    expect(sent).toEqual([{ uri: 'mailto:alice@example.com', body: '{"v":3}', subject: 'Your reply' }]);
  });

  it('refuses an unknown receive sequence', () => {
    const t = testEngine({ 'api.xml': apiWith('<send receive="nowhere"/>') });
    expect(t.deployed.failed.length + t.deployed.failed.flatMap((f) => f.diagnostics).length).toBeGreaterThan(0);
    expect(JSON.stringify(t.deployed.failed)).toContain('nowhere');
  });
});
