import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { testEngine, apiWith } from '../../testing/harness.js';
import { roundTrip } from '../../testing/round-trip.js';
import { createNodeHttpClient } from '../../node/http-client.js';
// @ts-expect-error plain ESM backend without types
import * as echo from '../../../test/backends/echo.mjs';
// @ts-expect-error plain ESM backend without types
import * as stockQuote from '../../../test/backends/stock-quote.mjs';

const shared = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../shared');
const client = createNodeHttpClient({ maxBodyBytes: 1 << 24 });
let echoServer: { url: string; close(): Promise<void> };
let quotes: { url: string; port: number; close(): Promise<void> };
beforeAll(async () => {
  echoServer = await echo.start({ port: 0 });
  quotes = await stockQuote.start({ port: 0 });
});
afterAll(async () => {
  await echoServer.close();
  await quotes.close();
  await client.close();
});

describe('iterate mediator', () => {
  it('round-trips its configuration', () => {
    roundTrip('<iterate id="it" expression="//m0:request" attachPath="//m0:getQuote" preservePayload="true" continueParent="true" sequential="true" xmlns:m0="http://services.samples"><target><sequence><log/></sequence></target></iterate>');
    roundTrip('<iterate expression="json-eval($.items)"><target sequence="Branch"/></iterate>');
  });

  it('splits JSON, sends every part out and aggregates the responses after the iterate (MI continuation)', async () => {
    const t = testEngine(
      {
        'api.xml': apiWith(`<iterate expression="json-eval($.items)"><target><sequence><call><endpoint><address uri="${echoServer.url}/echo"/></endpoint></call></sequence></target></iterate>
          <aggregate><onComplete expression="json-eval($)"><respond/></onComplete></aggregate>`),
      },
      { httpClient: client },
    );
    expect(t.deployed.failed).toEqual([]);
    const res = await t.request('POST', '/test', { headers: { 'Content-Type': 'application/json' }, body: '{"items":[{"n":1},{"n":2},{"n":3}]}' });
    expect(res.status).toBe(200);
    const got = (res.json() as { n: number }[]).map((x) => x.n).sort();
    expect(got).toEqual([1, 2, 3]);
  });

  it('runs the corpus split-aggregate proxy: two getQuote responses enclosed in ns:Results', async () => {
    const dir = path.join(shared, 'corpus/routing/split-aggregate');
    const proxy = readFileSync(path.join(dir, 'proxy_SplitAggregateProxy.xml'), 'utf8');
    const ep = readFileSync(path.join(dir, 'endpoint_SimpleStockQuoteServiceEp.xml'), 'utf8').replace('http://localhost:9000', quotes.url);
    const t = testEngine({ 'proxy.xml': proxy, 'ep.xml': ep }, { httpClient: client });
    expect(t.deployed.failed).toEqual([]);
    const body = readFileSync(path.join(dir, 'case.md'), 'utf8').match(/<soapenv:Envelope[\s\S]*?<\/soapenv:Envelope>/)![0];
    const res = await t.request('POST', '/services/SplitAggregateProxy', { headers: { 'Content-Type': 'text/xml;charset=UTF-8', SOAPAction: '"urn:mediate"' }, body });
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/<ns:Results xmlns:ns="http:\/\/services.samples">/);
    expect(res.text.match(/<\/ns:getQuoteResponse>/g)?.length).toBe(2);
    const symbols = [...res.text.matchAll(/<ax21:symbol>(\w+)<\/ax21:symbol>/g)].map((m) => m[1]).sort();
    expect(symbols).toEqual(['IBM', 'SUN']);
  });

  it('keeps the payload around each part with preservePayload and attachPath, and continues the parent when asked', async () => {
    const t = testEngine({
      'api.xml': apiWith(`<iterate id="it" continueParent="true" sequential="true" preservePayload="true" attachPath="//order" expression="//order/item"><target><sequence><log level="custom"><property name="part" expression="fn:concat(//order/@id, ':', count(//item), ':', //item, ':', get-property('messageSequence.it'))"/></log></sequence></target></iterate><respond/>`),
    });
    const res = await t.request('POST', '/test', { headers: { 'Content-Type': 'application/xml' }, body: '<order id="7"><item>a</item><item>b</item></order>' });
    expect(res.status).toBe(200);
    expect(res.text).toBe('<order id="7"><item>a</item><item>b</item></order>');
    const parts = t.logger.records.filter((r) => r.fields.component === 'LogMediator').map((r) => r.message);
    expect(parts).toEqual(['part = 7:1:a:0/2', 'part = 7:1:b:1/2']);
  });

  it('faults with MI\'s message when the expression selects no nodes but a value, and keeps serving', async () => {
    const t = testEngine({ 'api.xml': apiWith(`<iterate expression="count(//x)"><target><sequence><log/></sequence></target></iterate>`, '<faultSequence><log level="custom"><property name="err" expression="get-property(\'ERROR_MESSAGE\')"/></log><respond/></faultSequence>') });
    const res = await t.request('POST', '/test', { headers: { 'Content-Type': 'application/xml' }, body: '<a><x/></a>' });
    expect(res.status).toBe(200);
    const err = t.logger.records.find((r) => r.level === 'error' && r.fields.component === 'IterateMediator');
    expect(err?.fields.artifact).toBe('api:TestAPI');
    expect(t.logger.records.some((r) => r.message === 'err = Error splitting message with XPath : count(//x) - result not an OMNode')).toBe(true);
    const again = await t.request('POST', '/test', { headers: { 'Content-Type': 'application/xml' }, body: '<a/>' });
    expect(again.status).toBe(200);
  });

  it('refuses an iterate without expression', () => {
    const t = testEngine({ 'api.xml': apiWith('<iterate><target><sequence><log/></sequence></target></iterate>') });
    expect(t.deployed.failed).toHaveLength(1);
    expect(t.deployed.failed[0]!.diagnostics[0]!.message).toContain('expression');
  });
});
