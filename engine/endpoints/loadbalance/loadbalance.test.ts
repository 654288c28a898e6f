import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { testEngine, apiWith } from '../../testing/harness.js';
import { roundTrip } from '../../testing/round-trip.js';
import { createNodeHttpClient } from '../../node/http-client.js';
// @ts-expect-error plain ESM backend without type declarations
import { start as startQuote } from '../../../test/backends/stock-quote.mjs';

type Quote = { url: string; port: number; close(): Promise<void>; hits: { total: number }; orders: unknown[]; reset(): void };
const httpClient = createNodeHttpClient({ maxBodyBytes: 1 << 24 });
const shared = path.resolve(import.meta.dirname, '../../../../shared');
let q: Quote[] = [];
const closed = 'http://127.0.0.1:1/services/SimpleStockQuoteService';
const svc = (x: Quote) => `${x.url}/services/SimpleStockQuoteService`;
const envelope = (header = '') => `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Header>${header}</soapenv:Header><soapenv:Body><m0:getQuote xmlns:m0="http://services.samples"><m0:request><m0:symbol>IBM</m0:symbol></m0:request></m0:getQuote></soapenv:Body></soapenv:Envelope>`;
const post = (header = '') => ({ headers: { 'Content-Type': 'text/xml', SOAPAction: 'urn:getQuote' }, body: envelope(header) });
const noPostfix = '<property name="REST_URL_POSTFIX" scope="axis2" action="remove"/>';
const hits = () => q.map((x) => x.hits.total);
const reset = () => q.forEach((x) => x.reset());
const lb = (attrs: string, members: string, session = '') => apiWith(`${noPostfix}<call><endpoint name="LB">${session}<loadbalance ${attrs}>${members}</loadbalance></endpoint></call><respond/>`);
const member = (uri: string, extra = '') => `<endpoint><address uri="${uri}"/>${extra}</endpoint>`;

beforeAll(async () => {
  q = [await startQuote({ port: 0 }), await startQuote({ port: 0 }), await startQuote({ port: 0 })];
});
afterAll(async () => {
  for (const x of q) await x.close();
  await httpClient.close();
});

describe('loadbalance endpoint', () => {
  it('round-trips, with session, members and weights', () => {
    roundTrip('<call><endpoint name="LB"><session type="simpleClientSession"><sessionTimeout>1000</sessionTimeout></session><loadbalance algorithm="org.apache.synapse.endpoints.algorithms.WeightedRoundRobin" failover="false"><endpoint><address uri="http://a/x"/><property name="loadbalance.weight" value="2"/></endpoint><endpoint key="B"/></loadbalance></endpoint></call>');
    roundTrip('<call><endpoint><loadbalance><member hostName="localhost" httpPort="9001"/><member hostName="localhost" httpPort="9002"/></loadbalance></endpoint></call>');
  });

  it('round robin (default algorithm) spreads messages evenly', async () => {
    reset();
    const t = testEngine({ 'api.xml': lb('', q.map((x) => member(svc(x))).join('')) }, { httpClient });
    for (let i = 0; i < 6; i++) expect((await t.request('POST', '/test', post())).text).toContain('getQuoteResponse');
    expect(hits()).toEqual([2, 2, 2]);
  });

  it('WeightedRoundRobin honours loadbalance.weight', async () => {
    reset();
    const weighted = [3, 1, 2].map((w, i) => member(svc(q[i]!), `<property name="loadbalance.weight" value="${w}"/>`)).join('');
    const t = testEngine({ 'api.xml': lb('algorithm="org.apache.synapse.endpoints.algorithms.WeightedRoundRobin"', weighted) }, { httpClient });
    for (let i = 0; i < 12; i++) await t.request('POST', '/test', post());
    expect(hits()).toEqual([6, 2, 4]);
  });

  it('fails over to the next member when one is down (failover defaults to true)', async () => {
    reset();
    const t = testEngine({ 'api.xml': lb('', member(closed) + member(svc(q[0]!)) + member(svc(q[1]!))) }, { httpClient });
    for (let i = 0; i < 4; i++) expect((await t.request('POST', '/test', post())).status).toBe(200);
    expect(hits().slice(0, 2).reduce((x, y) => x + y)).toBe(4);
    expect(t.logger.records.map((r) => r.message)).toContain('Endpoint [LB] Detect a Failure in a child endpoint : AnonymousEndpoint');
  });

  it('failover="false": the member\'s own fault (101503) reaches the fault sequence', async () => {
    const t = testEngine({ 'api.xml': lb('failover="false"', member(closed) + member(svc(q[0]!)), '').replaceAll('</resource>', '<faultSequence><payloadFactory media-type="json"><format>{"code":$1}</format><args><arg expression="get-property(\'ERROR_CODE\')"/></args></payloadFactory><respond/></faultSequence></resource>') }, { httpClient });
    expect((await t.request('POST', '/test', post())).json()).toEqual({ code: 101503 });
    expect((await t.request('POST', '/test', post())).text).toContain('getQuoteResponse'); // next member in turn
  });

  it('all members down: 303000 and the log line; the runtime keeps serving', async () => {
    const t = testEngine({ 'api.xml': lb('', member(closed) + member('http://127.0.0.1:2/x')) }, { httpClient });
    const res = await t.request('POST', '/test', post());
    expect(res.status).toBe(500);
    expect(t.logger.records.map((r) => r.message)).toContain('Loadbalance endpoint : LB - no ready child endpoints');
    expect(t.logger.records.some((r) => r.level === 'error' || r.message.includes('303000'))).toBe(true);
  });

  it('simpleClientSession keeps a ClientID on one member; requests without it go round robin (corpus loadbalance-session-affinity)', async () => {
    reset();
    const proxy = fs
      .readFileSync(path.join(shared, 'corpus/endpoints/loadbalance-session-affinity/proxy_LoadBalanceProxy.xml'), 'utf8')
      .replace(/http:\/\/localhost:900([123])\/services\/SimpleStockQuoteService/g, (_m, n: string) => svc(q[Number(n) - 1]!));
    const seq = fs.readFileSync(path.join(shared, 'corpus/endpoints/loadbalance-session-affinity/sequence_errorHandler.xml'), 'utf8');
    const t = testEngine({ 'proxy.xml': proxy, 'seq.xml': seq }, { httpClient });
    expect(t.deployed.failed).toEqual([]);
    const placeOrder = (header = '') => ({ headers: { 'Content-Type': 'text/xml;charset=UTF-8', simpleClientSession: '123' }, body: `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Header>${header}</soapenv:Header><soapenv:Body><m0:placeOrder xmlns:m0="http://services.samples"><m0:order><m0:price>172.23</m0:price><m0:quantity>18398</m0:quantity><m0:symbol>IBM</m0:symbol></m0:order></m0:placeOrder></soapenv:Body></soapenv:Envelope>` });
    // As the docs observe: the HTTP header is not a session key, so three requests reach three listeners.
    for (let i = 0; i < 3; i++) await t.request('POST', '/services/LoadBalanceProxy', placeOrder());
    expect(q.map((x) => x.orders.length)).toEqual([1, 1, 1]);
    reset();
    const client = '<syn:ClientID xmlns:syn="http://ws.apache.org/ns/synapse">c-42</syn:ClientID>';
    for (let i = 0; i < 4; i++) await t.request('POST', '/services/LoadBalanceProxy', placeOrder(client));
    expect(q.map((x) => x.orders.length).sort()).toEqual([0, 0, 4]);
  });
});
