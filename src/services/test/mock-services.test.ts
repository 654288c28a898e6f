/** Mock services on real ports: what they answer, and the calls MI would redirect to them. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServices, type RunningMocks } from './mock-services.js';
import { freePort } from './fixture-copies.js';
import { runTests } from './index.js';
import type { MockSpec } from './suite-model.js';

function spec(port: number): MockSpec {
  return {
    info: { name: 'StockEP', port, context: '/stock', position: { file: 'm.xml', line: 1, col: 1 }, resources: [] },
    resources: [
      { method: 'GET', subContext: '/items?sku=A1&store=2', response: { status: 200, payload: '{"count": 5}', headers: [] } },
      { method: 'POST', subContext: '/reserve', request: { payload: '{"sku": "A1", "n": 1}', headers: [{ name: 'X-Key', value: 'k1' }] }, response: { status: 201, payload: '<ok/>', headers: [{ name: 'X-Id', value: '7' }] } },
    ],
  };
}

describe('startMockServices', () => {
  let port: number;
  let mocks: RunningMocks;
  beforeAll(async () => {
    port = await freePort();
    const started = await startMockServices([spec(port)]);
    if (!started.ok) throw new Error(started.message);
    mocks = started.mocks;
  });
  afterAll(() => mocks?.close());

  it('answers a resource whatever the order of its query parameters, with its payload and a type from its shape', async () => {
    const r = await fetch(`http://127.0.0.1:${port}/stock/items?store=2&sku=A1`);
    expect([r.status, r.headers.get('content-type'), await r.text()]).toEqual([200, 'application/json', '{"count": 5}']);
  });

  it('a resource with request criteria answers only a request with those headers and that payload (compared as JSON)', async () => {
    const ok = await fetch(`http://127.0.0.1:${port}/stock/reserve`, { method: 'POST', headers: { 'X-Key': 'k1' }, body: '{"n":1,"sku":"A1"}' });
    expect([ok.status, ok.headers.get('x-id'), await ok.text()]).toEqual([201, '7', '<ok/>']);
    const wrongHeader = await fetch(`http://127.0.0.1:${port}/stock/reserve`, { method: 'POST', headers: { 'X-Key': 'k2' }, body: '{"n":1,"sku":"A1"}' });
    expect(wrongHeader.status).toBe(404);
    const wrongBody = await fetch(`http://127.0.0.1:${port}/stock/reserve`, { method: 'POST', headers: { 'X-Key': 'k1' }, body: '{"n":2,"sku":"A1"}' });
    expect(wrongBody.status).toBe(404);
  });

  it('anything else is 404 saying what the mock serves, and every call is recorded', async () => {
    const r = await fetch(`http://127.0.0.1:${port}/stock/items?sku=B1`);
    expect(r.status).toBe(404);
    expect(await r.text()).toBe('mock service StockEP has no resource for GET /stock/items?sku=B1 (it serves: GET /stock/items?sku=A1&store=2, POST /stock/reserve)');
    expect(mocks.calls.at(-1)).toEqual({ service: 'StockEP', method: 'GET', url: '/stock/items?sku=B1', resource: -1 });
  });

  it('route() sends a call whose path and query a mock serves to the mock, wherever it was going', () => {
    expect(mocks.route('GET', 'https://stock.example.com/stock/items?sku=A1&store=2')).toBe(`http://127.0.0.1:${port}/stock/items?sku=A1&store=2`);
    expect(mocks.route('POST', 'http://stock.example.com/stock/reserve/')).toBe(`http://127.0.0.1:${port}/stock/reserve/`);
    expect(mocks.route('GET', 'http://stock.example.com/stock/reserve')).toBeUndefined();
    expect(mocks.route('GET', `http://127.0.0.1:${port}/stock/items?sku=A1&store=2`)).toBeUndefined();
  });

  it('a second mock on a port in use is refused with the port named', async () => {
    const again = await startMockServices([spec(port)]);
    expect(again).toMatchObject({ ok: false, message: `mock service StockEP cannot start: port ${port} is already in use` });
  });
});

describe('an endpoint that points at the real backend', () => {
  it('is answered by the mock standing in for it, as MI redirects it', async () => {
    const port = await freePort();
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mediate-mock-route-'));
    const write = (rel: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      fs.writeFileSync(path.join(root, rel), text);
    };
    try {
      write('pom.xml', '<project><modelVersion>4.0.0</modelVersion><groupId>t</groupId><artifactId>RouteTest</artifactId><version>1.0.0</version><packaging>pom</packaging></project>');
      write('src/main/wso2mi/artifacts/endpoints/RatesEP.xml', '<endpoint name="RatesEP" xmlns="http://ws.apache.org/ns/synapse"><address uri="http://rates.example.invalid/rates"/></endpoint>');
      write('src/main/wso2mi/artifacts/apis/RatesAPI.xml', '<api name="RatesAPI" context="/fx" xmlns="http://ws.apache.org/ns/synapse"><resource methods="GET" uri-template="/eur"><inSequence><call><endpoint key="RatesEP"/></call><respond/></inSequence></resource></api>');
      write('src/test/resources/mock-services/RatesMock.xml', `<mock-service><service-name>RatesEP</service-name><port>${port}</port><context>/rates</context><resources><resource><sub-context>/eur</sub-context><method>GET</method><response><status-code>200</status-code><payload><![CDATA[{"usd": 1.08}]]></payload></response></resource></resources></mock-service>`);
      write('src/test/wso2mi/RatesTest.xml', `<unit-test><artifacts><test-artifact><artifact>src/main/wso2mi/artifacts/apis/RatesAPI.xml</artifact></test-artifact><supportive-artifacts><artifact>src/main/wso2mi/artifacts/endpoints/RatesEP.xml</artifact></supportive-artifacts></artifacts>
<test-cases><test-case name="Eur"><input><request-path>/eur</request-path><request-method>GET</request-method></input><assertions><assertEquals><actual>$body</actual><expected>{"usd": 1.08}</expected><message>rate from the mock</message></assertEquals></assertions></test-case></test-cases>
<mock-services><mock-service>src/test/resources/mock-services/RatesMock.xml</mock-service></mock-services></unit-test>`);
      const report = await runTests({ project: root });
      expect(report.suites[0]!.cases[0]).toMatchObject({ name: 'Eur', status: 'passed' });
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  }, 60_000);
});
