import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { testEngine } from '../../testing/harness.js';
import { createNodeHttpClient } from '../../node/http-client.js';
// @ts-expect-error plain ESM backend without type declarations
import { start as startStockQuote } from '../../../test/backends/stock-quote.mjs';

const dir = path.resolve(import.meta.dirname, '../../../../shared/corpus/routing/header-based-routing');
const httpClient = createNodeHttpClient({ maxBodyBytes: 1 << 24 });
let stock: { url: string; close(): Promise<void> };

beforeAll(async () => {
  stock = await startStockQuote({ port: 0 });
});
afterAll(async () => {
  await stock.close();
  await httpClient.close();
});

const request = `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Header/><soapenv:Body><ser:getQuote xmlns:ser="http://services.samples" xmlns:xsd="http://services.samples/xsd"><ser:request><xsd:symbol>IBM</xsd:symbol></ser:request></ser:getQuote></soapenv:Body></soapenv:Envelope>`;

describe('corpus routing/header-based-routing (switch on a transport header)', () => {
  it('answers JSON, SOAP, or the backend response by CustomHeader, logging the chosen case', async () => {
    const files = Object.fromEntries(readdirSync(dir).filter((f) => f.endsWith('.xml')).map((f) => [f, readFileSync(path.join(dir, f), 'utf8').replaceAll('http://localhost:9000', stock.url)]));
    const t = testEngine(files, { httpClient });
    expect(t.deployed.failed).toEqual([]);
    const send = (h?: string) => t.request('POST', '/services/HeaderBasedRoutingProxy', { headers: { 'Content-Type': 'text/xml;charset=UTF-8', ...(h ? { CustomHeader: h } : {}) }, body: request });

    const asJson = await send('application/json');
    expect(asJson.status).toBe(200);
    expect(asJson.headers.get('Content-Type')).toContain('application/json');
    // MI keeps the Envelope/Header/Body keys here (case.md); the JSON formatter's envelope handling is not this test's subject.
    expect(asJson.text).toContain('"symbol":"IBM"');

    const asXml = await send('text/xml');
    expect(asXml.text).toContain('<ax21:symbol>IBM</ax21:symbol>');

    const other = await send();
    expect(other.text).toContain('getQuoteResponse');
    const logs = t.logger.records.map((r) => r.message);
    expect(logs).toEqual(expect.arrayContaining(["'CustomHeader' = application/json", "'CustomHeader' = text/xml", 'AcceptHeader = other']));
  });
});
