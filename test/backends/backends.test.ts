// Checks the stand-in backends over real HTTP, the way MI endpoints and the
// conformance tests will talk to them. XML replies are parsed with xmldom (not
// the backends' own reader) so namespace claims are verified independently.
import { describe, it, expect, beforeAll, afterAll, beforeEach } from 'vitest';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DOMParser } from '@xmldom/xmldom';
import * as stockQuote from './stock-quote.mjs';
import * as hospital from './hospital.mjs';
import * as recording from './recording.mjs';
import * as echo from './echo.mjs';

const SOAP11 = 'http://schemas.xmlsoap.org/soap/envelope/';
const SOAP12 = 'http://www.w3.org/2003/05/soap-envelope';
const SERVICES = 'http://services.samples';
const XSD = 'http://services.samples/xsd';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const QUOTE_FIELDS = [
  'change', 'earnings', 'high', 'last', 'lastTradeTimestamp', 'low', 'marketCap',
  'name', 'open', 'peRatio', 'percentageChange', 'prevClose', 'symbol', 'volume',
];

type El = {
  localName: string;
  namespaceURI: string | null;
  tagName: string;
  textContent: string | null;
  childNodes: ArrayLike<{ nodeType: number }>;
  getAttribute(name: string): string | null;
  getAttributeNS(ns: string, name: string): string | null;
};

function parse(xml: string): El {
  return new DOMParser().parseFromString(xml, 'text/xml').documentElement as unknown as El;
}
function kids(el: El): El[] {
  return Array.from(el.childNodes).filter((n) => n.nodeType === 1) as unknown as El[];
}
function soapPayload(xml: string, envelopeNs: string): El {
  const envelope = parse(xml);
  expect(envelope.localName).toBe('Envelope');
  expect(envelope.namespaceURI).toBe(envelopeNs);
  const body = kids(envelope).find((e) => e.localName === 'Body' && e.namespaceURI === envelopeNs);
  expect(body).toBeDefined();
  return kids(body!)[0];
}
function field(el: El, name: string): string {
  return kids(el).find((e) => e.localName === name)?.textContent ?? '';
}

function soap11(body: string, header = ''): string {
  return `<soapenv:Envelope xmlns:soapenv="${SOAP11}" xmlns:ser="${SERVICES}" xmlns:xsd="${XSD}">` +
    `<soapenv:Header>${header}</soapenv:Header><soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`;
}
function soap12(body: string): string {
  return `<soap:Envelope xmlns:soap="${SOAP12}" xmlns:ser="${SERVICES}" xmlns:xsd="${XSD}"><soap:Body>${body}</soap:Body></soap:Envelope>`;
}
const getQuoteBody = (symbol: string) => `<ser:getQuote><ser:request><xsd:symbol>${symbol}</xsd:symbol></ser:request></ser:getQuote>`;

describe('SimpleStockQuoteService stand-in', () => {
  let sq: Awaited<ReturnType<typeof stockQuote.start>>;
  beforeAll(async () => {
    sq = await stockQuote.start({ port: 0 });
  });
  afterAll(() => sq.close());
  beforeEach(() => sq.reset());

  const post = (body: string, headers: Record<string, string>, url = sq.serviceUrl) =>
    fetch(url, { method: 'POST', headers, body });

  it('answers getQuote over SOAP 1.1 with the Axis2 RPC shape', async () => {
    const res = await post(soap11(getQuoteBody('IBM')), { 'content-type': 'text/xml; charset=UTF-8', SOAPAction: '"urn:getQuote"' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/xml; charset=UTF-8');
    const response = soapPayload(await res.text(), SOAP11);
    expect(response.localName).toBe('getQuoteResponse');
    expect(response.namespaceURI).toBe(SERVICES);
    const ret = kids(response)[0];
    expect(ret.tagName).toBe('ns:return');
    expect(ret.namespaceURI).toBe(SERVICES);
    expect(ret.getAttributeNS(XSI, 'type')).toBe('ax21:GetQuoteResponse');
    expect(ret.getAttribute('xmlns:ax21')).toBe(XSD);
    const fields = kids(ret);
    expect(fields.map((f) => f.localName)).toEqual(QUOTE_FIELDS);
    expect(fields.every((f) => f.namespaceURI === XSD && f.tagName.startsWith('ax21:'))).toBe(true);
    expect(field(ret, 'symbol')).toBe('IBM');
    expect(field(ret, 'name')).toBe('IBM Company');
    expect(field(ret, 'last')).toBe('100.0');
    expect(field(ret, 'marketCap')).toBe('5.7E7');
    expect(field(ret, 'volume')).toBe('10000');
    expect(field(ret, 'lastTradeTimestamp')).toBe('Mon Jan 01 00:00:00 UTC 2024');
    expect(sq.logs).toContain('samples.services.SimpleStockQuoteService :: Generating quote for : IBM');
  });

  it('answers a SOAP 1.2 request with a SOAP 1.2 envelope and content type', async () => {
    const res = await post(soap12(getQuoteBody('MSFT')), { 'content-type': 'application/soap+xml; charset=UTF-8; action="urn:getQuote"' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/soap+xml; charset=UTF-8; action="urn:getQuoteResponse"');
    const response = soapPayload(await res.text(), SOAP12);
    expect(response.localName).toBe('getQuoteResponse');
    expect(field(kids(response)[0], 'symbol')).toBe('MSFT');
  });

  it('dispatches by WS-Addressing Action, by SOAPAction, then by the body element', async () => {
    const byWsa = await post(
      soap11('<ser:quoteRequest><xsd:symbol>WSA</xsd:symbol></ser:quoteRequest>',
        '<wsa:Action xmlns:wsa="http://www.w3.org/2005/08/addressing">urn:getQuote</wsa:Action>'),
      { 'content-type': 'text/xml', SOAPAction: '""' });
    expect(soapPayload(await byWsa.text(), SOAP11).localName).toBe('getQuoteResponse');

    const bySoapAction = await post(soap11('<ser:anything><xsd:symbol>ACT</xsd:symbol></ser:anything>'),
      { 'content-type': 'text/xml', SOAPAction: 'urn:getSimpleQuote' });
    expect(soapPayload(await bySoapAction.text(), SOAP11).localName).toBe('getSimpleQuoteResponse');

    // urn:mediate names no operation; `m0:symbol` in the services namespace is accepted too.
    const byBody = await post(soap11(`<m0:getSimpleQuote xmlns:m0="${SERVICES}"><m0:symbol>BODY</m0:symbol></m0:getSimpleQuote>`),
      { 'content-type': 'text/xml', SOAPAction: 'urn:mediate' });
    const response = soapPayload(await byBody.text(), SOAP11);
    expect(response.localName).toBe('getSimpleQuoteResponse');
    expect(field(kids(response)[0], 'symbol')).toBe('BODY');
    expect(sq.hits).toEqual({ total: 3, byOperation: { getQuote: 1, getSimpleQuote: 2 } });
  });

  it('turns symbol ERR into a SOAP fault with HTTP 500 in the request version', async () => {
    const res11 = await post(soap11(getQuoteBody('ERR')), { 'content-type': 'text/xml', SOAPAction: 'urn:getQuote' });
    expect(res11.status).toBe(500);
    const fault11 = soapPayload(await res11.text(), SOAP11);
    expect(fault11.localName).toBe('Fault');
    expect(field(fault11, 'faultcode')).toBe('soapenv:Server');
    expect(field(fault11, 'faultstring')).toBe('Invalid stock symbol : ERR');

    const res12 = await post(soap12(getQuoteBody('ERR')), { 'content-type': 'application/soap+xml; action="urn:getQuote"' });
    expect(res12.status).toBe(500);
    expect(res12.headers.get('content-type')).toMatch(/^application\/soap\+xml/);
    const fault12 = soapPayload(await res12.text(), SOAP12);
    expect(fault12.namespaceURI).toBe(SOAP12);
    const code = kids(fault12).find((e) => e.localName === 'Code')!;
    expect(field(code, 'Value')).toBe('soapenv:Receiver');
    expect(kids(fault12).find((e) => e.localName === 'Reason')!.textContent).toBe('Invalid stock symbol : ERR');
  });

  it('accepts placeOrder with 202, an empty body and a running order counter', async () => {
    const order = (price: string, quantity: string, symbol: string) =>
      soap11(`<ser:placeOrder><ser:order><xsd:price>${price}</xsd:price><xsd:quantity>${quantity}</xsd:quantity><xsd:symbol>${symbol}</xsd:symbol></ser:order></ser:placeOrder>`);
    const first = await post(order('3.141593E0', '4', 'IBM'), { 'content-type': 'text/xml', SOAPAction: 'urn:placeOrder' });
    expect(first.status).toBe(202);
    expect(await first.text()).toBe('');
    const second = await post(order('50', '10', 'MSFT'), { 'content-type': 'text/xml', SOAPAction: 'urn:placeOrder' });
    expect(second.status).toBe(202);
    expect(sq.orders).toEqual([
      { number: 1, symbol: 'IBM', quantity: 4, price: 3.141593 },
      { number: 2, symbol: 'MSFT', quantity: 10, price: 50 },
    ]);
    expect(sq.logs).toContain('samples.services.SimpleStockQuoteService  :: Accepted order #1 for : 4 stocks of IBM at $ 3.141593');
    expect(sq.logs).toContain('samples.services.SimpleStockQuoteService  :: Accepted order #2 for : 10 stocks of MSFT at $ 50.0');
    sq.reset();
    await post(order('1', '1', 'X'), { 'content-type': 'text/xml', SOAPAction: 'urn:placeOrder' });
    expect(sq.orders[0].number).toBe(1);
  });

  it('returns 365 trade-history days for getFullQuote and one quote per symbol for getMarketActivity', async () => {
    const full = await post(soap11('<ser:getFullQuote><ser:request><xsd:symbol>IBM</xsd:symbol></ser:request></ser:getFullQuote>'),
      { 'content-type': 'text/xml', SOAPAction: 'urn:getFullQuote' });
    const fullResponse = soapPayload(await full.text(), SOAP11);
    expect(fullResponse.localName).toBe('getFullQuoteResponse');
    const fullReturn = kids(fullResponse)[0];
    expect(fullReturn.getAttributeNS(XSI, 'type')).toBe('ax21:GetFullQuoteResponse');
    const days = kids(fullReturn);
    expect(days).toHaveLength(365);
    expect(days.every((d) => d.localName === 'tradeHistory' && d.namespaceURI === XSD)).toBe(true);
    expect(field(days[0], 'day')).toBe('0');
    expect(field(days[364], 'day')).toBe('364');
    const quote = kids(days[364]).find((e) => e.localName === 'quote')!;
    expect(kids(quote).map((e) => e.localName)).toEqual(QUOTE_FIELDS);

    const market = await post(soap11('<ser:getMarketActivity><ser:request><xsd:symbols>IBM</xsd:symbols><xsd:symbols>MSFT</xsd:symbols></ser:request></ser:getMarketActivity>'),
      { 'content-type': 'text/xml', SOAPAction: 'urn:getMarketActivity' });
    const marketReturn = kids(soapPayload(await market.text(), SOAP11))[0];
    expect(marketReturn.getAttributeNS(XSI, 'type')).toBe('ax21:GetMarketActivityResponse');
    expect(kids(marketReturn).map((q) => `${q.localName}:${field(q, 'symbol')}`)).toEqual(['quotes:IBM', 'quotes:MSFT']);
    expect(sq.logs).toContain('samples.services.SimpleStockQuoteService :: Generating Market activity report for : [IBM, MSFT]');
  });

  it('answers POX with POX by default, and with SOAP 1.1 when poxReply is soap11', async () => {
    const pox = `<ser:getQuote xmlns:ser="${SERVICES}" xmlns:xsd="${XSD}"><ser:request><xsd:symbol>IBM</xsd:symbol></ser:request></ser:getQuote>`;
    const res = await post(pox, { 'content-type': 'application/xml' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/xml; charset=UTF-8');
    const root = parse(await res.text());
    expect(root.localName).toBe('getQuoteResponse');
    expect(root.namespaceURI).toBe(SERVICES);

    const soapish = await stockQuote.start({ port: 0, poxReply: 'soap11' });
    try {
      const res2 = await post(pox, { 'content-type': 'application/xml' }, soapish.serviceUrl);
      expect(res2.headers.get('content-type')).toBe('text/xml; charset=UTF-8');
      expect(soapPayload(await res2.text(), SOAP11).localName).toBe('getQuoteResponse');
    } finally {
      await soapish.close();
    }
  });

  it('answers on the Axis2 endpoint-suffixed URLs and the REST GET form', async () => {
    const res = await post(soap11(getQuoteBody('IBM')), { 'content-type': 'text/xml', SOAPAction: 'urn:getQuote' },
      `${sq.serviceUrl}.SimpleStockQuoteServiceHttpSoap11Endpoint/`);
    expect(res.status).toBe(200);
    const get = await fetch(`${sq.serviceUrl}/getQuote?symbol=GET`);
    expect(field(kids(parse(await get.text()))[0], 'symbol')).toBe('GET');
  });

  it('serves a WSDL 1.1 with SOAP 1.1, SOAP 1.2 and HTTP ports named like Axis2', async () => {
    const res = await fetch(`${sq.serviceUrl}?wsdl`);
    expect(res.status).toBe(200);
    const definitions = parse(await res.text());
    expect(definitions.localName).toBe('definitions');
    expect(definitions.namespaceURI).toBe('http://schemas.xmlsoap.org/wsdl/');
    expect(definitions.getAttribute('targetNamespace')).toBe(SERVICES);
    const service = kids(definitions).find((e) => e.localName === 'service')!;
    expect(service.getAttribute('name')).toBe('SimpleStockQuoteService');
    const ports = kids(service);
    expect(ports.map((p) => p.getAttribute('name'))).toEqual([
      'SimpleStockQuoteServiceHttpSoap11Endpoint', 'SimpleStockQuoteServiceHttpSoap12Endpoint', 'SimpleStockQuoteServiceHttpEndpoint',
    ]);
    const soap11Address = kids(ports[0])[0];
    expect(soap11Address.namespaceURI).toBe('http://schemas.xmlsoap.org/wsdl/soap/');
    expect(soap11Address.getAttribute('location')).toBe(
      `http://127.0.0.1:${sq.port}/services/SimpleStockQuoteService.SimpleStockQuoteServiceHttpSoap11Endpoint/`);
    expect(kids(ports[1])[0].namespaceURI).toBe('http://schemas.xmlsoap.org/wsdl/soap12/');
    const bindings = kids(definitions).filter((e) => e.localName === 'binding').map((b) => b.getAttribute('name'));
    expect(bindings).toEqual(['SimpleStockQuoteServiceSoap11Binding', 'SimpleStockQuoteServiceSoap12Binding', 'SimpleStockQuoteServiceHttpBinding']);
    const portType = kids(definitions).find((e) => e.localName === 'portType')!;
    const placeOrder = kids(portType).find((o) => o.getAttribute('name') === 'placeOrder')!;
    expect(kids(placeOrder).map((e) => e.localName)).toEqual(['input']);
  });

  it('records requests for assertions', async () => {
    await post(soap11(getQuoteBody('REC')), { 'content-type': 'text/xml', SOAPAction: 'urn:getQuote', 'x-test': 'yes' });
    expect(sq.lastRequests).toHaveLength(1);
    const [request] = sq.lastRequests;
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/services/SimpleStockQuoteService');
    expect(request.headers['x-test']).toBe('yes');
    expect(request.headers.soapaction).toBe('urn:getQuote');
    expect(request.body).toContain('<xsd:symbol>REC</xsd:symbol>');
  });

  it('faults for unknown operations and answers 404 for unknown services', async () => {
    const res = await post(soap11('<ser:nothing/>'), { 'content-type': 'text/xml', SOAPAction: 'urn:nothing' });
    expect(res.status).toBe(500);
    expect(field(soapPayload(await res.text(), SOAP11), 'faultstring')).toContain('Operation not found');
    const missing = await post(soap11(getQuoteBody('IBM')), { 'content-type': 'text/xml' }, `${sq.url}/services/NoSuchService`);
    expect(missing.status).toBe(404);
    expect(sq.hits.total).toBe(0);
  });

  it('serves LBService1: sampleOperation echoes, sleepOperation waits <load> ms', async () => {
    const lbUrl = `${sq.url}/services/LBService1`;
    const sample = await post(soap11('<ns:sampleOperation xmlns:ns="http://services.samples"><ns:name>hello</ns:name></ns:sampleOperation>'),
      { 'content-type': 'text/xml', SOAPAction: 'urn:sampleOperation' }, lbUrl);
    const echoed = soapPayload(await sample.text(), SOAP11);
    expect(echoed.localName).toBe('sampleOperation');
    expect(field(echoed, 'name')).toBe('hello');

    const started = Date.now();
    const sleep = await post(soap11('<ns:sleepOperation xmlns:ns="http://services.samples"><ns:load>300</ns:load></ns:sleepOperation>'),
      { 'content-type': 'text/xml', SOAPAction: 'urn:sleepOperation' }, lbUrl);
    expect(sleep.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(sq.hits.byOperation).toEqual({ sampleOperation: 1, sleepOperation: 1 });
  });

  it('produces varying, well-formed quotes in random mode', async () => {
    const randomSq = await stockQuote.start({ port: 0, random: true });
    try {
      const lasts = new Set<string>();
      for (let i = 0; i < 3; i++) {
        const res = await post(soap11(getQuoteBody('IBM')), { 'content-type': 'text/xml', SOAPAction: 'urn:getQuote' }, randomSq.serviceUrl);
        const ret = kids(soapPayload(await res.text(), SOAP11))[0];
        expect(kids(ret).map((f) => f.localName)).toEqual(QUOTE_FIELDS);
        expect(field(ret, 'name')).toBe('IBM Company');
        expect(Number(field(ret, 'last'))).toBeGreaterThan(0);
        expect(Number.isInteger(Number(field(ret, 'volume')))).toBe(true);
        lasts.add(field(ret, 'last'));
      }
      expect(lasts.size).toBeGreaterThan(1);
    } finally {
      await randomSq.close();
    }
  });
});

describe('Hospital service stand-in', () => {
  let h: Awaited<ReturnType<typeof hospital.start>>;
  let paymentIds = 0;
  beforeAll(async () => {
    h = await hospital.start({ port: 0, now: () => new Date(2025, 2, 30, 12, 0, 0), paymentId: () => `pay-${++paymentIds}` });
  });
  afterAll(() => h.close());
  beforeEach(() => h.reset());

  const johnDoe = { name: 'John Doe', dob: '1940-03-19', ssn: '234-23-525', address: 'California', phone: '8770586755', email: 'johndoe@gmail.com' };
  const reserveBody = (overrides: Record<string, unknown> = {}) => JSON.stringify({
    patient: johnDoe, doctor: 'thomas collins', hospital: 'grand oak community hospital', appointment_date: '2025-04-02', ...overrides,
  });
  const postJson = (p: string, body: string) => fetch(`${h.url}${p}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const getText = async (p: string, method = 'GET') => {
    const res = await fetch(`${h.url}${p}`, { method });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    return res.text();
  };

  it('lists doctors of a category with fees written as Java doubles', async () => {
    const text = await getText('/healthcare/surgery');
    expect(text).toContain('"fee":7000.0');
    expect(JSON.parse(text).map((d: { name: string }) => d.name)).toEqual(['thomas collins', 'anne clement', 'seth mears']);
    expect(await getText('/healthcare/dentistry')).toBe('{"status":"Could not find any entry for the requested Category"}');
  });

  it('reserves an appointment exactly as the docs tutorial shows', async () => {
    const res = await postJson('/grandoaks/categories/surgery/reserve', reserveBody({ hospital_id: 'grandoaks' }));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(
      '{"appointmentNumber":1,"doctor":{"name":"thomas collins","hospital":"grand oak community hospital","category":"surgery","availability":"9.00 a.m - 11.00 a.m","fee":7000.0},' +
      '"patient":{"name":"John Doe","dob":"1940-03-19","ssn":"234-23-525","address":"California","phone":"8770586755","email":"johndoe@gmail.com"},' +
      '"fee":7000.0,"confirmed":false,"appointmentDate":"2025-04-02"}');
    const second = await postJson('/clemency/categories/surgery/reserve', reserveBody({ doctor: 'anne clement', hospital: 'clemency medical center' }));
    expect(JSON.parse(await second.text()).appointmentNumber).toBe(2);
  });

  it('reports reservation errors with HTTP 200 status bodies', async () => {
    const badCategory = await postJson('/grandoaks/categories/dentistry/reserve', reserveBody());
    expect(badCategory.status).toBe(200);
    expect(await badCategory.text()).toBe('{"status":"Invalid Category"}');
    const wrongHospital = await postJson('/clemency/categories/surgery/reserve', reserveBody({ hospital: 'clemency medical center' }));
    expect(await wrongHospital.text()).toBe('{"status":"Doctor thomas collins isn\'t available in clemency medical center"}');
    expect(h.appointments.size).toBe(0);
  });

  it('serves appointment lookup, fee, validity, discount and removal', async () => {
    await postJson('/grandoaks/categories/surgery/reserve', reserveBody());
    expect(JSON.parse(await getText('/healthcare/appointments/1')).doctor.name).toBe('thomas collins');
    expect(await getText('/grandoaks/categories/appointments/1/fee')).toBe('{"patientName":"john doe","doctorName":"thomas collins","actualFee":"7000.0"}');
    expect(await getText('/grandoaks/categories/appointments/9/fee')).toBe('{"status":"Error.Could not Find the Requested appointment ID"}');
    expect(await getText('/healthcare/appointments/validity/1')).toBe('2');
    expect(await getText('/grandoaks/categories/patient/appointment/1/discount')).toBe('{"status":"true"}');
    expect(await getText('/grandoaks/categories/patient/appointment/7/discount')).toBe('{"status":"Invalid appointment ID"}');
    expect(await getText('/healthcare/appointments/1', 'DELETE')).toBe('{"status":"Appointment is successfully removed"}');
    expect(await getText('/healthcare/appointments/1')).toBe('{"status":"Error.There is no appointment with appointment number 1"}');
  });

  it('settles payments with the age-based discount and lists them', async () => {
    await postJson('/grandoaks/categories/surgery/reserve', reserveBody());
    const appointment = JSON.parse(await getText('/healthcare/appointments/1'));
    const res = await postJson('/healthcare/payments', JSON.stringify({ ...appointment, cardNumber: '7844481124110331' }));
    const text = await res.text();
    const id = JSON.parse(text).paymentID;
    expect(text).toBe(`{"patient":"John Doe","actualFee":7000.0,"discount":20,"discounted":5600.0,"paymentID":"${id}","status":"Settled"}`);
    expect(await getText(`/healthcare/payments/payment/${id}`)).toBe(text);
    expect(JSON.parse(await getText('/healthcare/payments'))).toEqual({ [id]: JSON.parse(text) });
    expect(await getText('/healthcare/payments/payment/nope')).toBe('{"status":"Invalid payment id provided"}');
    const negative = await postJson('/healthcare/payments', JSON.stringify({ ...appointment, appointmentNumber: -1 }));
    expect(await negative.text()).toBe('{"status":"Error.Could not Find the Requested appointment ID"}');
    const young = await postJson('/healthcare/payments', JSON.stringify({ ...appointment, patient: { ...johnDoe, dob: '1990-01-01' } }));
    expect(JSON.parse(await young.text())).toMatchObject({ discount: 0, discounted: 7000 });
  });

  it('keeps patient records and updates them', async () => {
    expect(await getText('/grandoaks/categories/patient/234-23-525/getrecord')).toBe('{"status":"Could not find valid Patient Entry"}');
    await postJson('/grandoaks/categories/surgery/reserve', reserveBody());
    const update = await postJson('/grandoaks/categories/patient/updaterecord', JSON.stringify({ SSN: '234-23-525', symptoms: ['Cough'], treatments: ['Panadol'] }));
    expect(await update.text()).toBe('{"status":"Record Update Success"}');
    expect(JSON.parse(await getText('/grandoaks/categories/patient/234-23-525/getrecord'))).toEqual({ patient: johnDoe, symptoms: ['Cough'], treatments: ['Panadol'] });
    const unknown = await postJson('/grandoaks/categories/patient/updaterecord', JSON.stringify({ SSN: '000', symptoms: [] }));
    expect(await unknown.text()).toBe('{"status":"Could not find valid Patient Entry"}');
  });

  it('adds doctors once', async () => {
    const doctor = JSON.stringify({ name: 'new doc', hospital: 'clemency medical center', category: 'dentistry', availability: 'any', fee: 100 });
    expect(await (await postJson('/healthcare/admin/newdoctor', doctor)).text()).toBe('{"status":"New Doctor Added Successfully"}');
    expect(await (await postJson('/healthcare/admin/newdoctor', doctor)).text()).toBe('{"status":"Doctor Already Exist in the system"}');
    expect(await getText('/healthcare/dentistry')).toContain('"fee":100.0');
    h.reset();
    expect(await getText('/healthcare/dentistry')).toContain('Could not find any entry');
  });

  it('uses 404, 405 and 400 only for unknown routes, wrong methods and unreadable bodies', async () => {
    expect((await fetch(`${h.url}/nowhere`)).status).toBe(404);
    expect((await fetch(`${h.url}/unknownhospital/categories/appointments/1/fee`)).status).toBe(404);
    expect((await fetch(`${h.url}/healthcare/payments`, { method: 'PUT' })).status).toBe(405);
    expect((await postJson('/grandoaks/categories/surgery/reserve', '{not json')).status).toBe(400);
  });
});

describe('recording mock', () => {
  it('answers {"ok":true} by default and records every request', async () => {
    const mock = await recording.start({ port: 0 });
    try {
      const res = await fetch(`${mock.url}/PizzaShopServlet/restapi/PizzaWS/menu?category=pizza&type=pan`, { headers: { 'x-id': '7' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/json');
      expect(await res.text()).toBe('{"ok":true}');
      await fetch(`${mock.url}/orders`, { method: 'PUT', headers: { 'content-type': 'text/plain' }, body: 'hello' });
      expect(mock.requests.map((r) => [r.method, r.url, r.path])).toEqual([
        ['GET', '/PizzaShopServlet/restapi/PizzaWS/menu?category=pizza&type=pan', '/PizzaShopServlet/restapi/PizzaWS/menu'],
        ['PUT', '/orders', '/orders'],
      ]);
      expect(mock.requests[0].headers['x-id']).toBe('7');
      expect(mock.requests[1].body).toBe('hello');
    } finally {
      await mock.close();
    }
  });

  it('serves configured routes by method, any-method and prefix keys, and a fallback', async () => {
    const mock = await recording.start({
      port: 0,
      routes: {
        'GET /foo': { status: 201, headers: { 'x-route': 'foo' }, body: { symbol: 'foo' } },
        '* /bar': { status: 503, body: 'down' },
        'POST /api/*': (req) => ({ body: { seen: req.body } }),
      },
      fallback: { status: 418, body: 'teapot' },
    });
    try {
      const foo = await fetch(`${mock.url}/foo?x=1`);
      expect([foo.status, foo.headers.get('x-route'), await foo.text()]).toEqual([201, 'foo', '{"symbol":"foo"}']);
      const bar = await fetch(`${mock.url}/bar`, { method: 'DELETE' });
      expect([bar.status, bar.headers.get('content-type'), await bar.text()]).toEqual([503, 'text/plain; charset=UTF-8', 'down']);
      const api = await fetch(`${mock.url}/api/pet`, { method: 'POST', body: 'rex' });
      expect(await api.json()).toEqual({ seen: 'rex' });
      const other = await fetch(`${mock.url}/foo`, { method: 'POST' });
      expect(other.status).toBe(418);
      mock.setRoute('POST /foo', { status: 204 });
      expect((await fetch(`${mock.url}/foo`, { method: 'POST' })).status).toBe(204);
    } finally {
      await mock.close();
    }
  });

  it('delays answers by delayMs, so a shorter client timeout fails', async () => {
    const mock = await recording.start({ port: 0, routes: { 'GET /slow': { delayMs: 400, body: 'late' } } });
    try {
      const started = Date.now();
      const res = await fetch(`${mock.url}/slow`);
      expect(await res.text()).toBe('late');
      expect(Date.now() - started).toBeGreaterThanOrEqual(390);
      await expect(fetch(`${mock.url}/slow`, { signal: AbortSignal.timeout(100) })).rejects.toThrow();
    } finally {
      await mock.close();
    }
  });

  it('echoes bodies when asked and can drop connections', async () => {
    const mock = await recording.start({ port: 0, echo: true, routes: { 'GET /drop': { dropConnection: true } } });
    try {
      const res = await fetch(`${mock.url}/api/pet`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":"rex"}' });
      expect(res.headers.get('content-type')).toBe('application/json');
      expect(await res.text()).toBe('{"name":"rex"}');
      await expect(fetch(`${mock.url}/drop`)).rejects.toThrow();
      const seen = await mock.waitForRequests(2);
      expect(seen.map((r) => r.path)).toEqual(['/api/pet', '/drop']);
    } finally {
      await mock.close();
    }
  });
});

describe('echo backend', () => {
  it('returns the request body with its content type, or octet-stream without one', async () => {
    const server = await echo.start({ port: 0 });
    try {
      const json = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json; charset=UTF-8' }, body: '{"a":[1,2]}' });
      expect(json.status).toBe(200);
      expect(json.headers.get('content-type')).toBe('application/json; charset=UTF-8');
      expect(await json.text()).toBe('{"a":[1,2]}');
      const bytes = new Uint8Array([0, 255, 1, 254]);
      const binary = await fetch(`${server.url}/any/path`, { method: 'PUT', body: bytes });
      expect(binary.headers.get('content-type')).toBe('application/octet-stream');
      expect(new Uint8Array(await binary.arrayBuffer())).toEqual(bytes);
      expect(server.requestCount()).toBe(2);
    } finally {
      await server.close();
    }
  });
});

describe('cli', () => {
  it('runs a backend in the foreground and stops on SIGTERM', async () => {
    const cli = path.join(path.dirname(fileURLToPath(import.meta.url)), 'cli.mjs');
    const child = spawn(process.execPath, [cli, 'echo', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk) => {
          out += chunk;
          const m = /listening on (\S+)/.exec(out);
          if (m) resolve(m[1]);
        });
        child.once('exit', (code) => reject(new Error(`exited early with ${code}`)));
      });
      expect(await (await fetch(url, { method: 'POST', body: 'ping' })).text()).toBe('ping');
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
