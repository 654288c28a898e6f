import { describe, it, expect } from 'vitest';
import { testEngine, apiWith } from '../../testing/harness.js';
import { roundTrip } from '../../testing/round-trip.js';

const registryOf = (entries: Record<string, string>) => ({ get: (k: string) => entries[k], property: () => undefined });
const schema = JSON.stringify({ type: 'object', properties: { order: { type: 'object', properties: { id: { type: 'string' }, qty: { type: 'integer' }, paid: { type: 'boolean' }, items: { type: 'array', items: { type: 'string' } } } } } });
const faultSeq = '<faultSequence><payloadFactory media-type="json"><format>{"fault":"${properties.synapse.ERROR_MESSAGE}"}</format></payloadFactory><property name="HTTP_SC" value="500" scope="axis2"/><respond/></faultSequence>';
const xmlOrder = '<order><id>007</id><qty>3</qty><paid>true</paid><items>pen</items><note></note></order>';

describe('jsontransform mediator', () => {
  it('round-trips its configuration', () => {
    roundTrip('<jsontransform schema="conf:/s.json"><property name="synapse.commons.json.output.autoPrimitive" value="false"/></jsontransform>');
    roundTrip('<jsontransform/>');
  });

  it('converts XML to JSON with MI defaults', async () => {
    const t = testEngine({ 'api.xml': apiWith('<jsontransform/><respond/>') });
    const res = await t.request('POST', '/test', { headers: { 'Content-Type': 'application/xml' }, body: xmlOrder });
    expect(res.headers.get('content-type')).toContain('application/json');
    // "007" keeps its leading zeros, so autoPrimitive leaves it a string (as MI's converter does).
    expect(res.json()).toEqual({ order: { id: '007', qty: 3, paid: true, items: 'pen', note: null } });
  });

  it('applies property overrides and corrects types and arrays with the schema', async () => {
    const t = testEngine(
      { 'api.xml': apiWith('<jsontransform schema="conf:/s.json"><property name="synapse.commons.json.output.autoPrimitive" value="false"/><property name="synapse.commons.enableXmlNullForEmptyElement" value="false"/></jsontransform><respond/>') },
      { registry: registryOf({ 'conf:/s.json': schema }) },
    );
    expect(t.deployed.failed).toEqual([]);
    const res = await t.request('POST', '/test', { headers: { 'Content-Type': 'application/xml' }, body: xmlOrder });
    expect(res.json()).toEqual({ order: { id: '007', qty: 3, paid: true, items: ['pen'], note: '' } });
  });

  it('warns about unknown properties at deploy', () => {
    const t = testEngine({ 'api.xml': apiWith('<jsontransform><property name="x.y" value="1"/></jsontransform>') });
    expect(t.deployed.failed).toEqual([]);
    expect(t.deployed.warnings[0]!.message).toBe("jsontransform property 'x.y' has no effect in this runtime");
  });

  it('a schema that is not JSON faults into the fault sequence; the runtime keeps serving', async () => {
    const t = testEngine({ 'api.xml': apiWith('<filter source="$trp:X-Bad" regex="1"><then><jsontransform schema="conf:/bad.json"/></then><else><jsontransform/></else></filter><respond/>', faultSeq) }, { registry: registryOf({ 'conf:/bad.json': '{nope' }) });
    const bad = await t.request('POST', '/test', { headers: { 'Content-Type': 'application/xml', 'X-Bad': '1' }, body: '<a>1</a>' });
    expect(bad.status).toBe(500);
    expect((bad.json() as { fault: string }).fault).toMatch(/^JSON transform: schema 'conf:\/bad.json' is not JSON/);
    const good = await t.request('POST', '/test', { headers: { 'Content-Type': 'application/xml' }, body: '<a>1</a>' });
    expect(good.json()).toEqual({ a: 1 });
  });
});

describe('messageType conversions (property messageType in axis2 scope + the formatters)', () => {
  const convert = (type: string, extra = '') => testEngine({ 'api.xml': apiWith(`${extra}<property name="messageType" value="${type}" scope="axis2"/><respond/>`) });

  it('JSON → XML (MI keeps the <jsonObject> root of the JSON view)', async () => {
    const res = await convert('application/xml').request('POST', '/test', { headers: { 'Content-Type': 'application/json' }, body: '{"order":{"id":7,"items":["a","b"]}}' });
    expect(res.headers.get('content-type')).toContain('application/xml');
    expect(res.text).toBe('<jsonObject><order><id>7</id><items>a</items><items>b</items></order></jsonObject>');
  });

  it('XML → JSON', async () => {
    const res = await convert('application/json').request('POST', '/test', { headers: { 'Content-Type': 'application/xml' }, body: '<order><id>7</id><items>a</items><items>b</items></order>' });
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(res.json()).toEqual({ order: { id: 7, items: ['a', 'b'] } });
  });

  it('SOAP → JSON: a SOAP request is not REST, so the JSON formatter writes the whole envelope; jsontransform converts the body content', async () => {
    const soap = '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><getQuote><symbol>IBM</symbol></getQuote></soapenv:Body></soapenv:Envelope>';
    const res = await convert('application/json').request('POST', '/test', { headers: { 'Content-Type': 'text/xml', SOAPAction: 'urn:getQuote' }, body: soap });
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(res.json()).toEqual({ Envelope: { Header: null, Body: { getQuote: { symbol: 'IBM' } } } });
    const viaJsonTransform = testEngine({ 'api.xml': apiWith('<jsontransform/><respond/>') });
    const res2 = await viaJsonTransform.request('POST', '/test', { headers: { 'Content-Type': 'text/xml', SOAPAction: 'urn:getQuote' }, body: soap });
    expect(res2.json()).toEqual({ getQuote: { symbol: 'IBM' } });
  });

  it('JSON → SOAP 1.1 and 1.2 envelopes', async () => {
    const r11 = await convert('text/xml').request('POST', '/test', { headers: { 'Content-Type': 'application/json' }, body: '{"getQuote":{"symbol":"IBM"}}' });
    expect(r11.headers.get('content-type')).toContain('text/xml');
    expect(r11.text).toBe('<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><jsonObject><getQuote><symbol>IBM</symbol></getQuote></jsonObject></soapenv:Body></soapenv:Envelope>');
    const r12 = await convert('application/soap+xml').request('POST', '/test', { headers: { 'Content-Type': 'application/json' }, body: '{"getQuote":{"symbol":"IBM"}}' });
    expect(r12.text).toBe('<soapenv:Envelope xmlns:soapenv="http://www.w3.org/2003/05/soap-envelope"><soapenv:Body><jsonObject><getQuote><symbol>IBM</symbol></getQuote></jsonObject></soapenv:Body></soapenv:Envelope>');
  });
});
