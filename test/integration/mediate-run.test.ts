/**
 * `mediate run` end to end: a real process on a real port, against the
 * stand-in backends of ../shared/corpus/BACKENDS.md started by the test.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { runMediate, writeProject, SYN, type MediateProcess } from './mediate-process.js';
// @ts-expect-error plain ESM JavaScript module without type declarations
import * as stockQuote from '../backends/stock-quote.mjs';
// @ts-expect-error plain ESM JavaScript module without type declarations
import * as hospital from '../backends/hospital.mjs';

type Backend = { url: string; port: number; close(): Promise<void>; orders?: unknown[] };

let quotes: Backend;
let hosp: Backend;
let mediate: MediateProcess;
let project: string;

const VS = 'src/main/wso2mi/artifacts';

beforeAll(async () => {
  quotes = await stockQuote.start({ port: 0 });
  hosp = await hospital.start({ port: 0 });
  project = writeProject({
    'pom.xml': '<project><groupId>it</groupId><artifactId>RunIT</artifactId><version>1.0.0</version><properties><projectType>integration-project</projectType></properties></project>',
    [`${VS}/proxy-services/StockQuoteProxy.xml`]: `<proxy ${SYN} name="StockQuoteProxy" transports="http"><target><endpoint><address uri="${quotes.url}/services/SimpleStockQuoteService" format="soap11"/></endpoint></target></proxy>`,
    [`${VS}/apis/QuoteAPI.xml`]: `<api ${SYN} name="QuoteAPI" context="/quote">
      <resource methods="GET" uri-template="/{symbol}">
        <inSequence>
          <payloadFactory media-type="xml"><format><m:getQuote xmlns:m="http://services.samples"><m:request><m:symbol>$1</m:symbol></m:request></m:getQuote></format><args><arg expression="get-property('uri.var.symbol')"/></args></payloadFactory>
          <property name="SOAPAction" value="urn:getQuote" scope="transport"/>
          <property name="REST_URL_POSTFIX" scope="axis2" action="remove"/>
          <call><endpoint><address uri="${quotes.url}/services/SimpleStockQuoteService" format="soap11"/></endpoint></call>
          <property name="messageType" value="application/json" scope="axis2"/>
          <respond/>
        </inSequence>
      </resource>
    </api>`,
    [`${VS}/apis/Hospital.xml`]: `<api ${SYN} name="Hospital" context="/hospital">
      <resource methods="GET" uri-template="/doctors/{category}">
        <inSequence><call><endpoint><http method="get" uri-template="${hosp.url}/healthcare/{uri.var.category}"/></endpoint></call><respond/></inSequence>
      </resource>
      <resource methods="POST" uri-template="/echo-name">
        <inSequence><payloadFactory media-type="json"><format>{"name":"$1"}</format><args><arg evaluator="json" expression="$.name"/></args></payloadFactory><respond/></inSequence>
        <faultSequence>
          <payloadFactory media-type="json"><format>{"fault":"$1","code":"$2"}</format><args><arg expression="get-property('ERROR_MESSAGE')"/><arg expression="get-property('ERROR_CODE')"/></args></payloadFactory>
          <property name="HTTP_SC" value="400" scope="axis2"/>
          <respond/>
        </faultSequence>
      </resource>
      <resource methods="GET" uri-template="/unreachable">
        <inSequence><call><endpoint><address uri="http://127.0.0.1:1/nothing"/></endpoint></call><respond/></inSequence>
        <faultSequence><sequence key="ReportError"/></faultSequence>
      </resource>
    </api>`,
    [`${VS}/sequences/ReportError.xml`]: `<sequence ${SYN} name="ReportError"><payloadFactory media-type="json"><format>{"code":"$1"}</format><args><arg expression="$ctx:ERROR_CODE"/></args></payloadFactory><property name="HTTP_SC" value="503" scope="axis2"/><respond/></sequence>`,
    [`${VS}/sequences/Broken.xml`]: `<sequence ${SYN} name="Broken"><log level="custom"><property name="x" value="1"/></log>\n  <unknownThing/>\n</sequence>`,
    [`${VS}/sequences/Malformed.xml`]: `<sequence ${SYN} name="Malformed"><log>\n</sequence>`,
    [`${VS}/sequences/BadExpression.xml`]: `<sequence ${SYN} name="BadExpression">\n  <property name="p" expression="count(//a"/>\n</sequence>`,
    [`${VS}/sequences/MissingRef.xml`]: `<sequence ${SYN} name="MissingRef"><sequence key="DoesNotExist"/></sequence>`,
    [`${VS}/endpoints/MissingAttr.xml`]: `<endpoint ${SYN} name="MissingAttr"><address/></endpoint>`,
  });
  mediate = await runMediate(['run', project, '--port', '0', '--max-body-size', String(1024 * 1024)]);
});

afterAll(async () => {
  await mediate?.stop();
  await quotes?.close();
  await hosp?.close();
});

describe('mediate run', () => {
  it('prints the ready line with deployed and failed counts, and each broken artifact as path:line:col: error CODE message', async () => {
    expect(mediate.stdout()).toMatch(/Mediate runtime ready on http:\/\/localhost:\d+ \(4 artifacts deployed, 5 failed\)/);
    const err = mediate.stderr();
    expect(err).toMatch(/Broken\.xml:2:3: error SYN002 Unknown mediator referenced by configuration element : unknownThing/);
    expect(err).toMatch(/Malformed\.xml:2:1: error XML001 malformed XML: end tag <\/sequence> does not match the start tag <log> \(line 1, col \d+\)/);
    expect(err).toMatch(/BadExpression\.xml:2:\d+: error SYN007 invalid expression/);
    expect(err).toMatch(/MissingRef\.xml:1:\d+: error SYN008 sequence 'DoesNotExist' is not defined/);
    expect(err).toMatch(/MissingAttr\.xml:1:\d+: error SYN003 <address> is missing the required attribute 'uri'/);
  });

  it('serves a SOAP proxy: POX in, SOAP 1.1 to SimpleStockQuoteService, answer back', async () => {
    const r = await fetch(`${mediate.url}/services/StockQuoteProxy`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/xml', SOAPAction: 'urn:getQuote' },
      body: '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ser="http://services.samples" xmlns:xsd="http://services.samples/xsd"><soapenv:Body><ser:getQuote><ser:request><xsd:symbol>IBM</xsd:symbol></ser:request></ser:getQuote></soapenv:Body></soapenv:Envelope>',
    });
    expect(r.status).toBe(200);
    const text = await r.text();
    expect(text).toContain('getQuoteResponse');
    expect(text).toContain('<ax21:name>IBM Company</ax21:name>');
  });

  it('turns a REST GET into a SOAP call and the SOAP answer into JSON', async () => {
    const r = await fetch(`${mediate.url}/quote/MSFT`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('application/json');
    const body = (await r.json()) as { getQuoteResponse: { return: { name: string; symbol: string; '@type': string } } };
    expect(body.getQuoteResponse.return.name).toBe('MSFT Company');
    expect(body.getQuoteResponse.return['@type']).toBe('ax21:GetQuoteResponse');
  });

  it('calls the JSON hospital backend through an http endpoint uri-template', async () => {
    const r = await fetch(`${mediate.url}/hospital/doctors/surgery`);
    expect(r.status).toBe(200);
    const doctors = (await r.json()) as { name: string }[];
    expect(doctors.map((d) => d.name)).toEqual(['thomas collins', 'anne clement', 'seth mears']);
  });

  it('a malformed JSON body runs the fault sequence with MI\'s build error, and the next request is served', async () => {
    const bad = await fetch(`${mediate.url}/hospital/echo-name`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"name": ' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ fault: 'Error while building Passthrough stream', code: '0' });
    const good = await fetch(`${mediate.url}/hospital/echo-name`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"name":"Ann"}' });
    expect(await good.json()).toEqual({ name: 'Ann' });
  });

  it('an unreachable backend sets ERROR_CODE 101503 and runs the fault sequence', async () => {
    const r = await fetch(`${mediate.url}/hospital/unreachable`);
    expect(r.status).toBe(503);
    expect(await r.json()).toEqual({ code: '101503' });
  });

  it('refuses a body over the limit with 413 and keeps serving; memory is not spent on it', async () => {
    const big = new Uint8Array(50 * 1024 * 1024).fill(0x20);
    const r = await fetch(`${mediate.url}/hospital/echo-name`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: big });
    expect(r.status).toBe(413);
    expect(await r.text()).toContain('exceeds the limit of 1048576 bytes');
    const good = await fetch(`${mediate.url}/hospital/echo-name`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"name":"Bo"}' });
    expect(await good.json()).toEqual({ name: 'Bo' });
  });

  it('refuses a chunked body that grows past the limit with 413, without cutting the client off mid-send', async () => {
    const chunk = new Uint8Array(256 * 1024).fill(0x20);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 16) return controller.close();
        sent++;
        controller.enqueue(chunk);
      },
    });
    const r = await fetch(`${mediate.url}/hospital/echo-name`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body, duplex: 'half' } as RequestInit);
    expect(r.status).toBe(413);
    expect(await r.text()).toContain('exceeds the limit of 1048576 bytes');
    const good = await fetch(`${mediate.url}/hospital/echo-name`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"name":"Cy"}' });
    expect(await good.json()).toEqual({ name: 'Cy' });
  });

  it('answers 404 for an unknown proxy and path', async () => {
    expect((await fetch(`${mediate.url}/services/Nope`)).status).toBe(404);
    expect((await fetch(`${mediate.url}/nowhere`)).status).toBe(404);
  });
});
