import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { testEngine, apiWith } from '../../testing/harness.js';
import { roundTrip } from '../../testing/round-trip.js';
import { createNodeHttpClient } from '../../node/http-client.js';
// @ts-expect-error plain ESM backend without type declarations
import { start as startQuote } from '../../../test/backends/stock-quote.mjs';

type Quote = { url: string; close(): Promise<void>; orders: { quantity: number }[]; logs: string[]; reset(): void };
const httpClient = createNodeHttpClient({ maxBodyBytes: 1 << 24 });
const shared = path.resolve(import.meta.dirname, '../../../../shared');
let q: Quote[] = [];
const svc = (x: Quote) => `${x.url}/services/SimpleStockQuoteService`;
const placeOrder = { headers: { 'Content-Type': 'text/xml;charset=UTF-8', SOAPAction: 'urn:placeOrder' }, body: '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><m0:placeOrder xmlns:m0="http://services.samples"><m0:order><m0:price>185.5</m0:price><m0:quantity>15738</m0:quantity><m0:symbol>IBM</m0:symbol></m0:order></m0:placeOrder></soapenv:Body></soapenv:Envelope>' };
const corpusFile = (c: string, f: string) => fs.readFileSync(path.join(shared, 'corpus/endpoints', c, f), 'utf8');
const ports = (xml: string) => xml.replace(/http:\/\/localhost:900([123])\/services\/SimpleStockQuoteService/g, (_m, n: string) => svc(q[Number(n) - 1]!));
const allOrdered = async () => {
  for (let i = 0; i < 100 && q.some((x) => x.orders.length === 0); i++) await new Promise((r) => setTimeout(r, 10));
  return q.map((x) => x.orders.length);
};

beforeAll(async () => {
  q = [await startQuote({ port: 0 }), await startQuote({ port: 0 }), await startQuote({ port: 0 })];
});
afterAll(async () => {
  for (const x of q) await x.close();
  await httpClient.close();
});

describe('recipientlist endpoint', () => {
  it('round-trips static and dynamic forms', () => {
    roundTrip('<call><endpoint><recipientlist><endpoint><address uri="http://a/x"/></endpoint><endpoint key="B"/></recipientlist></endpoint></call>');
    roundTrip(`<call><endpoint><recipientlist><endpoints value="{get-property('EP_LIST')}" max-cache="20"/></recipientlist></endpoint></call>`);
  });

  it('static list: every backend receives the order (corpus static-recipient-list)', async () => {
    q.forEach((x) => x.reset());
    const t = testEngine({ 'proxy.xml': ports(corpusFile('static-recipient-list', 'proxy_RecipientListProxy.xml')), 'seq.xml': corpusFile('static-recipient-list', 'sequence_ErrorHandler.xml') }, { httpClient });
    expect(t.deployed.failed).toEqual([]);
    const res = await t.request('POST', '/services/RecipientListProxy', placeOrder);
    expect(res.status).toBe(202);
    expect(await allOrdered()).toEqual([1, 1, 1]);
    expect(q[2]!.logs.some((l) => /Accepted order #1 for : 15738 stocks of IBM/.test(l))).toBe(true);
  });

  it('one backend down: the others still get the order', async () => {
    q.forEach((x) => x.reset());
    const xml = ports(corpusFile('static-recipient-list', 'proxy_RecipientListProxy.xml')).replace(svc(q[1]!), 'http://127.0.0.1:1/services/SimpleStockQuoteService');
    const t = testEngine({ 'proxy.xml': xml, 'seq.xml': corpusFile('static-recipient-list', 'sequence_ErrorHandler.xml') }, { httpClient });
    expect((await t.request('POST', '/services/RecipientListProxy', placeOrder)).status).toBe(202);
    for (let i = 0; i < 50 && q[0]!.orders.length + q[2]!.orders.length < 2; i++) await new Promise((r) => setTimeout(r, 10));
    expect(q.map((x) => x.orders.length)).toEqual([1, 0, 1]);
  });

  it('dynamic list from an expression (corpus dynamic-recipient-list, corrected XML)', async () => {
    q.forEach((x) => x.reset());
    const proxy = ports(corpusFile('dynamic-recipient-list', 'proxy_RecipientListProxy.corrected.xml'));
    // The corpus errorHandler (makefault + send) only matters on failure; a stand-in keeps this test about the endpoint.
    const t = testEngine({ 'proxy.xml': proxy, 'eh.xml': '<sequence xmlns="http://ws.apache.org/ns/synapse" name="errorHandler"><drop/></sequence>' }, { httpClient });
    expect(t.deployed.failed.map((f) => f.file)).toEqual([]);
    const res = await t.request('POST', '/services/RecipientListProxy', placeOrder);
    expect(res.status).toBe(202);
    expect(await allOrdered()).toEqual([1, 1, 1]);
  });

  it('every recipient down: the fault sequence runs with the member error; the runtime keeps serving', async () => {
    const t = testEngine(
      {
        'api.xml': apiWith(
          `<property name="EP_LIST" value="http://127.0.0.1:1/a, http://127.0.0.1:2/b"/><property name="REST_URL_POSTFIX" scope="axis2" action="remove"/><call><endpoint><recipientlist><endpoints value="{get-property('EP_LIST')}"/></recipientlist></endpoint></call><respond/>`,
          `<faultSequence><payloadFactory media-type="json"><format>{"code":$1}</format><args><arg expression="get-property('ERROR_CODE')"/></args></payloadFactory><respond/></faultSequence>`,
        ),
      },
      { httpClient },
    );
    expect((await t.request('POST', '/test', placeOrder)).json()).toEqual({ code: 101503 });
    expect(t.logger.records.map((r) => r.message)).toContain('AnonymousEndpoint Detect a Failure in a child endpoint : AnonymousEndpoint');
    // Both recipients are now suspended (MI's default 30 s): the next message finds none ready.
    expect((await t.request('POST', '/test', placeOrder)).json()).toEqual({ code: 303000 });
    expect(t.logger.records.map((r) => r.message)).toContain('Recipient List endpoint : AnonymousEndpoint - no ready child endpoints');
  });
});
