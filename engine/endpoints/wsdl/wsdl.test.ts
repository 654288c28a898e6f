import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { testEngine } from '../../testing/harness.js';
import { roundTrip } from '../../testing/round-trip.js';
import { createNodeHttpClient } from '../../node/http-client.js';
// @ts-expect-error plain ESM backend without type declarations
import { start as startQuote } from '../../../test/backends/stock-quote.mjs';

type Quote = { url: string; close(): Promise<void>; orders: unknown[]; lastRequests: { headers: Record<string, string> }[]; reset(): void };
const httpClient = createNodeHttpClient({ maxBodyBytes: 1 << 24 });
const shared = path.resolve(import.meta.dirname, '../../../../shared');
let q: Quote;
const request = { headers: { 'Content-Type': 'text/xml;charset=UTF-8', SOAPAction: '"urn:mediate"' }, body: '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Header/><soapenv:Body><m0:placeOrder xmlns:m0="http://services.samples"><m0:order><m0:price>172.23182849731984</m0:price><m0:quantity>18398</m0:quantity><m0:symbol>IBM</m0:symbol></m0:order></m0:placeOrder></soapenv:Body></soapenv:Envelope>' };
const corpusProxy = () => fs.readFileSync(path.join(shared, 'corpus/endpoints/wsdl-endpoint/proxy_SimpleStockQuoteProxy.xml'), 'utf8');
/** The docs' excerpt, completed into a WSDL document with our backend's address. */
const inlineWsdl = (port: string) => fs.readFileSync(path.join(shared, 'corpus/endpoints/wsdl-endpoint/wsdl_excerpt_sample_proxy_1.xml'), 'utf8').replace(/<!--.*?-->/s, '').replaceAll('http://localhost:9000', port).replace('<wsdl:service', '<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:soap12="http://schemas.xmlsoap.org/wsdl/soap12/" xmlns:ns="http://services.samples"><wsdl:service').concat('</wsdl:definitions>');

beforeAll(async () => {
  q = await startQuote({ port: 0 });
});
afterAll(async () => {
  await q.close();
  await httpClient.close();
});

describe('wsdl endpoint', () => {
  it('round-trips with a uri and with an inline WSDL', () => {
    roundTrip('<call><endpoint><wsdl uri="http://h/x?wsdl" service="S" port="P"><timeout><duration>100</duration><responseAction>fault</responseAction></timeout></wsdl></endpoint></call>');
    roundTrip(`<call><endpoint><wsdl service="SimpleStockQuoteService" port="SimpleStockQuoteServiceHttpSoap11Endpoint">${inlineWsdl('http://h:1')}</wsdl></endpoint></call>`);
  });

  it('corpus wsdl-endpoint with the WSDL served over HTTP: the order reaches the SOAP 1.1 port (202, as the real one-way service answers)', async () => {
    q.reset();
    const proxy = corpusProxy().replace('file:/path/to/sample_proxy_1.wsdl', `${q.url}/services/SimpleStockQuoteService?wsdl`);
    const t = testEngine({ 'proxy.xml': proxy }, { httpClient });
    expect(t.deployed.failed).toEqual([]);
    const res = await t.request('POST', '/services/SimpleStockQuoteProxy.SimpleStockQuoteProxyHttpSoap11Endpoint', request);
    expect(res.status).toBe(202);
    expect(q.orders).toHaveLength(1);
    expect(String(q.lastRequests.at(-1)!.headers['content-type'])).toContain('text/xml');
  });

  it('inline WSDL: the SOAP 1.2 port sends SOAP 1.2', async () => {
    q.reset();
    const proxy = corpusProxy().replace(/<wsdl uri="[^"]*"\s+service="SimpleStockQuoteService" port="SimpleStockQuoteServiceHttpSoap11Endpoint"\/>/, `<wsdl service="SimpleStockQuoteService" port="SimpleStockQuoteServiceHttpSoap12Endpoint">${inlineWsdl(q.url)}</wsdl>`);
    const t = testEngine({ 'proxy.xml': proxy }, { httpClient });
    expect(t.deployed.failed).toEqual([]);
    expect((await t.request('POST', '/services/SimpleStockQuoteProxy', request)).status).toBe(202);
    expect(String(q.lastRequests.at(-1)!.headers['content-type'])).toContain('application/soap+xml');
  });

  it('bad input: an inline WSDL without the port is refused at deploy; a file: uri is reported', () => {
    const noPort = corpusProxy().replace(/<wsdl uri="[^"]*"\s+service="SimpleStockQuoteService" port="SimpleStockQuoteServiceHttpSoap11Endpoint"\/>/, `<wsdl service="SimpleStockQuoteService" port="NoSuchPort">${inlineWsdl('http://h:1')}</wsdl>`);
    const t = testEngine({ 'proxy.xml': noPort, 'file.xml': corpusProxy().replace('SimpleStockQuoteProxy', 'P2') });
    const diags = t.deployed.failed.flatMap((f) => f.diagnostics.map((d) => `${f.file} ${d.code} ${d.message}`));
    expect(diags.some((d) => d.startsWith('proxy.xml SYN012') && d.includes("Couldn't find the port NoSuchPort"))).toBe(true);
    expect(diags.some((d) => d.startsWith('file.xml SYN010') && d.includes('file URIs'))).toBe(true);
  });

  it('bad input at run time: a WSDL URL without the port faults; the runtime keeps serving', async () => {
    const wsdlUrl = `${q.url}/services/SimpleStockQuoteService?wsdl`;
    const bad = corpusProxy().replace('file:/path/to/sample_proxy_1.wsdl', wsdlUrl).replace('port="SimpleStockQuoteServiceHttpSoap11Endpoint"', 'port="Missing"');
    const good = corpusProxy().replace('file:/path/to/sample_proxy_1.wsdl', wsdlUrl).replace('name="SimpleStockQuoteProxy"', 'name="Good"');
    const t = testEngine({ 'bad.xml': bad, 'good.xml': good }, { httpClient });
    const res = await t.request('POST', '/services/SimpleStockQuoteProxy', request);
    expect(res.status).toBe(500);
    expect(t.logger.records.some((r) => r.message.includes("Couldn't find the port Missing"))).toBe(true);
    expect((await t.request('POST', '/services/Good', request)).status).toBe(202);
  });
});
