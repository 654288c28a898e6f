import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { testEngine, apiWith } from '../../testing/harness.js';
import { roundTrip } from '../../testing/round-trip.js';
import { createNodeHttpClient } from '../../node/http-client.js';
// @ts-expect-error plain ESM backend without type declarations
import { start as startQuote } from '../../../test/backends/stock-quote.mjs';

type Quote = { url: string; port: number; close(): Promise<void>; hits: { total: number }; reset(): void };
const httpClient = createNodeHttpClient({ maxBodyBytes: 1 << 24 });
const shared = path.resolve(import.meta.dirname, '../../../../shared');
let a: Quote;
let b: Quote;
const closed = 'http://127.0.0.1:1/services/SimpleStockQuoteService';
const soap = (sym = 'IBM') => `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><m0:getQuote xmlns:m0="http://services.samples"><m0:request><m0:symbol>${sym}</m0:symbol></m0:request></m0:getQuote></soapenv:Body></soapenv:Envelope>`;
const post = { headers: { 'Content-Type': 'text/xml', SOAPAction: 'urn:getQuote' }, body: soap() };
const svc = (q: Quote) => `${q.url}/services/SimpleStockQuoteService`;
const noPostfix = '<property name="REST_URL_POSTFIX" scope="axis2" action="remove"/>';

beforeAll(async () => {
  a = await startQuote({ port: 0 });
  b = await startQuote({ port: 0 });
});
afterAll(async () => {
  await a.close();
  await b.close();
  await httpClient.close();
});

describe('failover endpoint', () => {
  it('round-trips', () => {
    roundTrip('<call><endpoint name="FO"><failover dynamic="false" buildMessage="true"><endpoint name="first"><address uri="http://a/x"/></endpoint><endpoint key="Other"/><endpoint><loadbalance><endpoint><http uri-template="http://b/{uri.var.x}"/></endpoint></loadbalance></endpoint></failover></endpoint></call>');
  });

  it('sends to the first member while it works', async () => {
    a.reset();
    b.reset();
    const t = testEngine({ 'api.xml': apiWith(`${noPostfix}<call><endpoint><failover><endpoint><address uri="${svc(a)}"/></endpoint><endpoint><address uri="${svc(b)}"/></endpoint></failover></endpoint></call><respond/>`) }, { httpClient });
    for (let i = 0; i < 3; i++) expect((await t.request('POST', '/test', post)).text).toContain('getQuoteResponse');
    expect([a.hits.total, b.hits.total]).toEqual([3, 0]);
  });

  it('fails over to the next member when the first cannot be reached, which is then suspended and skipped', async () => {
    b.reset();
    const t = testEngine({ 'api.xml': apiWith(`${noPostfix}<call><endpoint name="FO"><failover><endpoint name="down"><address uri="${closed}"/></endpoint><endpoint name="up"><address uri="${svc(b)}"/></endpoint></failover></endpoint></call><respond/>`) }, { httpClient });
    const r1 = await t.request('POST', '/test', post);
    expect(r1.status).toBe(200);
    expect(r1.text).toContain('<ax21:symbol>IBM</ax21:symbol>');
    const logs = t.logger.records.map((r) => r.message);
    expect(logs).toContain('Endpoint [FO] Detect a Failure in a child endpoint : Endpoint [down]');
    expect(logs).toContain(`Endpoint : down with address ${closed} will be marked SUSPENDED as it failed`);
    expect(logs.some((l) => l.startsWith(`Suspending endpoint : down with address ${closed} - current suspend duration is : 30000ms`))).toBe(true);
    const before = logs.length;
    expect((await t.request('POST', '/test', post)).status).toBe(200);
    expect(t.logger.records.slice(before).some((r) => r.message.includes('Detect a Failure'))).toBe(false); // suspended member skipped
    expect(b.hits.total).toBe(2);
  });

  it('all members down: fault 303000 runs the fault sequence; the runtime keeps serving', async () => {
    const t = testEngine(
      {
        'api.xml': `<api xmlns="http://ws.apache.org/ns/synapse" name="TestAPI" context="/test"><resource methods="POST" uri-template="/fo"><inSequence>${noPostfix}<call><endpoint><failover><endpoint><address uri="${closed}"/></endpoint><endpoint><address uri="http://127.0.0.1:2/x"/></endpoint></failover></endpoint></call><respond/></inSequence><faultSequence><payloadFactory media-type="json"><format>{"code":$1}</format><args><arg expression="get-property('ERROR_CODE')"/></args></payloadFactory><respond/></faultSequence></resource><resource methods="POST" uri-template="/ok"><inSequence>${noPostfix}<call><endpoint><address uri="${svc(a)}"/></endpoint></call><respond/></inSequence></resource></api>`,
      },
      { httpClient },
    );
    const res = await t.request('POST', '/test/fo', post);
    expect(res.json()).toEqual({ code: 303000 });
    expect(t.logger.records.map((r) => r.message)).toContain('Failover endpoint : AnonymousEndpoint - no ready child endpoints');
    expect((await t.request('POST', '/test/ok', post)).text).toContain('getQuoteResponse');
  });

  it('retryConfig disabledErrorCodes stops the failover at that member (corpus failover-multiple-http, with stand-ins)', async () => {
    const api = fs.readFileSync(path.join(shared, 'corpus/endpoints/failover-multiple-http/api_TestAPI.xml'), 'utf8');
    // Both docs endpoints point at a closed port, as in the documented run; barEP disables retry on 101503.
    const t = testEngine({ 'api.xml': api.replaceAll('http://localhost:8080', 'http://127.0.0.1:1') }, { httpClient });
    expect(t.deployed.failed).toEqual([]);
    const res = await t.request('GET', '/test');
    expect(res.status).toBeGreaterThanOrEqual(500);
    const logs = t.logger.records.map((r) => r.message);
    expect(logs).toContain('Endpoint : fooEP with address http://127.0.0.1:1/foo will be marked SUSPENDED as it failed');
    expect(logs.some((l) => l.startsWith('Suspending endpoint : fooEP with address http://127.0.0.1:1/foo - current suspend duration is : 100ms'))).toBe(true);
    expect(logs).toContain('AnonymousEndpoint Detect a Failure in a child endpoint : Endpoint [fooEP]');
    expect(logs).toContain('Endpoint : barEP with address http://127.0.0.1:1/bar will be marked SUSPENDED as it failed');
    expect(logs).toContain('Failover endpoint : AnonymousEndpoint - one of the child endpoints encounterd a non-retry error, not sending message to another endpoint');
  });

  it('dynamic="false" stays on the backup after the primary recovers; dynamic goes back', async () => {
    a.reset();
    b.reset();
    const members = (first: string) => `<endpoint name="p"><address uri="${first}"><suspendOnFailure><initialDuration>50</initialDuration></suspendOnFailure></address></endpoint><endpoint name="s"><address uri="${svc(b)}"/></endpoint>`;
    // The primary is a closed port; its suspension ends after 50 ms. A dynamic failover tries it again then.
    const failures = async (dynamic: string) => {
      const t = testEngine({ 'api.xml': apiWith(`${noPostfix}<call><endpoint><failover dynamic="${dynamic}">${members(closed)}</failover></endpoint></call><respond/>`) }, { httpClient });
      expect((await t.request('POST', '/test', post)).status).toBe(200);
      await new Promise((r) => setTimeout(r, 60));
      expect((await t.request('POST', '/test', post)).status).toBe(200);
      return t.logger.records.filter((r) => r.message.includes('Detect a Failure in a child endpoint : Endpoint [p]')).length;
    };
    expect(await failures('false')).toBe(1);
    expect(await failures('true')).toBe(2);
    expect(b.hits.total).toBe(4);
  });
});
