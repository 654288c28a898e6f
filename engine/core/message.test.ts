import { describe, it, expect } from 'vitest';
import { Message } from './message.js';
import { utf8, fromUtf8 } from './bytes.js';
import { MediationFault } from './errors.js';
import { serializeXml } from '../xml/dom.js';

const msg = (type: string, body: string) => Message.fromBytes(type, utf8(body));

describe('Message: builders chosen by Content-Type, formatters by messageType', () => {
  it('keeps untouched JSON byte for byte (pass-through after build)', async () => {
    const m = msg('application/json', '{"fee": 7000.0, "a":[1,2]}');
    await m.build();
    expect(m.payloadKind).toBe('json');
    expect(fromUtf8(m.serialize(undefined).bytes)).toBe('{"fee": 7000.0, "a":[1,2]}');
  });

  it('shows JSON to XPath as <jsonObject> in a SOAP 1.1 body and converts back', async () => {
    const m = msg('application/json', '{"name":"Ann","tags":["a","b"]}');
    await m.build();
    expect(serializeXml(m.bodyElement()!)).toBe('<jsonObject><name>Ann</name><tags>a</tags><tags>b</tags></jsonObject>');
    expect(fromUtf8(m.serialize('application/xml').bytes)).toBe('<jsonObject><name>Ann</name><tags>a</tags><tags>b</tags></jsonObject>');
  });

  it('wraps POX in an envelope and writes it back as POX, SOAP 1.1 or SOAP 1.2', async () => {
    const m = msg('application/xml', '<order><id>7</id></order>');
    await m.build();
    expect(fromUtf8(m.serialize('application/xml').bytes)).toBe('<order><id>7</id></order>');
    const soap11 = fromUtf8(m.serialize('text/xml').bytes);
    expect(soap11).toContain('<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><order><id>7</id></order>');
    const soap12 = fromUtf8(m.serialize('application/soap+xml').bytes);
    expect(soap12).toContain('http://www.w3.org/2003/05/soap-envelope');
    expect(fromUtf8(m.serialize('application/json').bytes)).toBe('{"order":{"id":7}}');
  });

  it('reads a SOAP 1.2 envelope as SOAP 1.2', async () => {
    const m = msg('application/soap+xml', '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body><x>1</x></s:Body></s:Envelope>');
    await m.build();
    expect(m.soapVersion).toBe('1.2');
    expect(serializeXml(m.bodyElement()!)).toBe('<x>1</x>');
  });

  it('text/plain becomes the payload text wrapper; form data becomes xformValues', async () => {
    const t = msg('text/plain', 'hello');
    await t.build();
    expect(serializeXml(t.bodyElement()!)).toBe('<text xmlns="http://ws.apache.org/commons/ns/payload">hello</text>');
    expect(fromUtf8(t.serialize('text/plain').bytes)).toBe('hello');
    const f = msg('application/x-www-form-urlencoded', 'name=Ann+Lee&age=3');
    await f.build();
    expect(serializeXml(f.bodyElement()!)).toBe('<xformValues><name>Ann Lee</name><age>3</age></xformValues>');
    expect(fromUtf8(f.serialize('application/x-www-form-urlencoded').bytes)).toBe('name=Ann%20Lee&age=3');
  });

  it('passes binary through untouched', async () => {
    const bytes = Uint8Array.from([0, 255, 1, 2, 128]);
    const m = Message.fromBytes('application/octet-stream', bytes);
    await m.build();
    expect(m.payloadKind).toBe('binary');
    expect(m.serialize(undefined).bytes).toEqual(bytes);
  });

  it('refuses malformed JSON and XML with MI\'s build error and the position', async () => {
    await expect(msg('application/json', '{"a": }').build()).rejects.toThrow(MediationFault);
    await expect(msg('application/json', '{"a": }').build()).rejects.toThrow('Error while building Passthrough stream');
    const err = await msg('application/xml', '<a><b></a>').build().catch((e: MediationFault) => e);
    expect(err).toBeInstanceOf(MediationFault);
    expect((err as MediationFault).detail).toMatch(/line 1/);
  });

  it('lets a mediator switch a JSON payload to XML authority', async () => {
    const m = msg('application/json', '{"a":1}');
    await m.build();
    const doc = m.envelopeForUpdate();
    const el = doc.createElementNS(null, 'b');
    el.appendChild(doc.createTextNode('2'));
    m.bodyElement()!.appendChild(el);
    expect(m.payloadKind).toBe('xml');
    expect(fromUtf8(m.serialize('application/json').bytes)).toBe('{"a":1,"b":2}');
  });
});

describe('JSON output of a SOAP exchange', () => {
  it('writes the whole envelope when the exchange began as SOAP (corpus transformation/pox-to-json-messagetype)', async () => {
    const m = msg('text/xml', '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Header/><soapenv:Body><S><A>18</A><B/></S></soapenv:Body></soapenv:Envelope>');
    await m.build();
    expect(JSON.parse(fromUtf8(m.serialize('application/json', { doingRest: false }).bytes))).toEqual({ Envelope: { Header: null, Body: { S: { A: 18, B: null } } } });
    expect(JSON.parse(fromUtf8(m.serialize('application/json', { doingRest: true }).bytes))).toEqual({ S: { A: 18, B: null } });
  });
});
