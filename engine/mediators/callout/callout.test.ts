import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { testEngine, apiWith } from '../../testing/harness.js';
import { roundTrip } from '../../testing/round-trip.js';
import { createNodeHttpClient } from '../../node/http-client.js';
// @ts-expect-error plain ESM backend without types
import { start as startStockQuote } from '../../../test/backends/stock-quote.mjs';

const httpClient = createNodeHttpClient({ maxBodyBytes: 1 << 24 });
let backend: { url: string; close(): Promise<void> };

beforeAll(async () => {
  backend = await startStockQuote({ port: 0 });
});
afterAll(async () => {
  await backend.close();
  await httpClient.close();
});

const QUOTE = '<m0:getQuote xmlns:m0="http://services.samples"><m0:request><m0:symbol>IBM</m0:symbol></m0:request></m0:getQuote>';
const service = () => `${backend.url}/services/SimpleStockQuoteService`;

describe('callout mediator', () => {
  it('round-trips its configuration', () => {
    roundTrip('<callout serviceURL="http://localhost:9000/services/SimpleStockQuoteService" action="urn:getQuote"><source xmlns:s11="http://schemas.xmlsoap.org/soap/envelope/" xpath="s11:Body/child::*[fn:position()=1]"/><target key="quote"/></callout>');
    roundTrip('<callout endpointKey="StockEP"><source type="envelope"/><target xpath="//holder"/><enableSec policy="sec.xml"/></callout>');
  });

  it('replaces the body with the SOAP response by default', async () => {
    const t = testEngine({ 'api.xml': apiWith(`<callout serviceURL="${service()}" action="urn:getQuote"/><respond/>`) }, { httpClient });
    const res = await t.request('POST', '/test', { headers: { 'Content-Type': 'application/xml' }, body: QUOTE });
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/^<ns:getQuoteResponse[^>]*>.*<ax21:symbol>IBM<\/ax21:symbol>/s);
  });

  it('takes the request from an XPath and puts the response into a property or in place of a target node', async () => {
    const t = testEngine(
      {
        'api.xml': apiWith(
          `<callout serviceURL="${service()}" action="urn:getQuote"><source xmlns:m0="http://services.samples" xpath="//m0:getQuote"/><target xpath="//slot"/></callout>` +
            `<callout serviceURL="${service()}" action="urn:getQuote"><source xmlns:m0="http://services.samples" xpath="//m0:getQuote"/><target key="q"/></callout>` +
            `<log level="custom"><property xmlns:ax21="http://services.samples/xsd" name="symbol" expression="$ctx:q//ax21:symbol"/></log><respond/>`,
        ),
      },
      { httpClient },
    );
    const res = await t.request('POST', '/test', { headers: { 'Content-Type': 'application/xml' }, body: `<wrap>${QUOTE}<slot/></wrap>` });
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/^<wrap><m0:getQuote.*<\/m0:getQuote><ns:getQuoteResponse/s);
    expect(res.text).not.toContain('<slot');
    expect(t.logger.records.find((r) => r.fields.component === 'LogMediator')?.message).toBe('symbol = IBM');
  });

  it('with OUT_ONLY=true takes an empty answer (in-only placeOrder) without a fault and leaves the message as it was', async () => {
    const ORDER = '<m0:placeOrder xmlns:m0="http://services.samples"><m0:order><m0:price>10</m0:price><m0:quantity>1</m0:quantity><m0:symbol>IBM</m0:symbol></m0:order></m0:placeOrder>';
    const callout = `<callout serviceURL="${service()}" action="urn:placeOrder"><source type="envelope"/><target key="placeOrder"/></callout>`;
    const fault = '<faultSequence><payloadFactory media-type="xml"><format><failed xmlns=""/></format><args/></payloadFactory><respond/></faultSequence>';
    const t = testEngine({ 'api.xml': apiWith(`<property name="OUT_ONLY" value="true"/>${callout}<respond/>`, fault) }, { httpClient });
    const res = await t.request('POST', '/test', { headers: { 'Content-Type': 'application/xml' }, body: ORDER });
    expect(res.text).toContain('<m0:quantity>1</m0:quantity>');
    expect(res.text).not.toContain('failed');
    // Without OUT_ONLY a response is expected: the empty 202 is a fault.
    const two = testEngine({ 'api.xml': apiWith(`${callout}<respond/>`, fault) }, { httpClient });
    expect((await two.request('POST', '/test', { headers: { 'Content-Type': 'application/xml' }, body: ORDER })).text).toContain('<failed');
  });

  it('faults when the service cannot be reached, and keeps serving', async () => {
    const t = testEngine(
      { 'api.xml': apiWith('<callout serviceURL="http://127.0.0.1:1/services/None" action="urn:x"/><respond/>', '<faultSequence><payloadFactory media-type="json"><format>{"code":"$1","msg":"$2"}</format><args><arg expression="get-property(\'ERROR_CODE\')"/><arg expression="get-property(\'ERROR_MESSAGE\')"/></args></payloadFactory><respond/></faultSequence>') },
      { httpClient },
    );
    const res = await t.request('POST', '/test', { headers: { 'Content-Type': 'application/xml' }, body: QUOTE });
    expect(res.json()).toEqual({ code: '101503', msg: 'Error invoking service : http://127.0.0.1:1/services/None with action : urn:x' });
    const line = t.logger.records.find((r) => r.level === 'error')!;
    expect(line.fields.component).toBe('CalloutMediator');
    expect(line.fields.artifact).toBe('api:TestAPI');
    const again = await t.request('POST', '/test', { headers: { 'Content-Type': 'application/xml' }, body: QUOTE });
    expect(again.status).toBe(200);
  });

  it('faults when the source selects nothing, and refuses a callout without a destination', async () => {
    const t = testEngine({ 'api.xml': apiWith(`<callout serviceURL="${service()}"><source xpath="//missing"/></callout><respond/>`) }, { httpClient });
    const res = await t.request('POST', '/test', { headers: { 'Content-Type': 'application/xml' }, body: QUOTE });
    expect(res.status).toBe(500);
    expect(t.logger.records.find((r) => r.level === 'error')?.message).toContain('the source XPath //missing selects no element');
    const bad = testEngine({ 'api.xml': apiWith('<callout action="x"/>') });
    expect(bad.deployed.failed[0]?.diagnostics[0]?.message).toContain('needs serviceURL or endpointKey');
  });
});
