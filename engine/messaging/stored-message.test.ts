import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { fuzzParameters } from '../../test/support/fuzz.js';
import { MessageContext } from '../core/context.js';
import { HeaderMap } from '../core/headers.js';
import { Message } from '../core/message.js';
import { utf8, fromUtf8 } from '../core/bytes.js';
import { parseXmlStrict } from '../xml/dom.js';
import type { RuntimeServices } from '../core/services.js';
import { silentLogger } from '../core/logger.js';
import { offlineHttpClient } from '../testing/harness.js';
import { captureStoredMessage, decodeStoredMessage, encodeStoredMessage, restoreContext, StoredMessageFormatError, type StoredMessage } from './stored-message.js';

const services: RuntimeServices = {
  logger: silentLogger,
  hooks: [],
  httpClient: offlineHttpClient,
  localEntry: () => undefined,
  registryResource: () => undefined,
  registryProperty: () => undefined,
  config: () => undefined,
  env: () => undefined,
  systemProperty: () => undefined,
  now: () => 0,
  lookup: () => undefined,
};

function contextOf(contentType: string, body: string | Uint8Array, headers: Record<string, string> = {}): MessageContext {
  const bytes = typeof body === 'string' ? utf8(body) : body;
  return new MessageContext(services, Message.fromBytes(contentType, bytes), { method: 'POST', url: '/services/P', transport: 'http' }, new HeaderMap({ 'Content-Type': contentType, ...headers }));
}

/** Store, encode, decode, restore: what a processor would send. */
async function throughStore(ctx: MessageContext): Promise<{ stored: StoredMessage; restored: MessageContext }> {
  const stored = await captureStoredMessage(ctx, 'S', 1234);
  const decoded = decodeStoredMessage(encodeStoredMessage(stored));
  expect(decoded).toEqual(stored);
  return { stored, restored: restoreContext(decoded, services) };
}

const SOAP = '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Header><h:a xmlns:h="urn:h">1</h:a></soapenv:Header><soapenv:Body><ser:getQuote xmlns:ser="http://services.samples"><ser:request><ser:symbol>IBM</ser:symbol></ser:request></ser:getQuote></soapenv:Body></soapenv:Envelope>';

describe('stored message', () => {
  it('keeps a SOAP envelope with its header, SOAP action, transport headers and id', async () => {
    const ctx = contextOf('text/xml; charset=UTF-8', SOAP, { SOAPAction: '"urn:getQuote"', 'X-Trace': 't1' });
    ctx.soapAction = 'urn:getQuote';
    ctx.doingRest = false;
    const { stored, restored } = await throughStore(ctx);
    expect(stored.payload.kind).toBe('xml');
    expect(restored.messageId).toBe(ctx.messageId);
    expect(restored.soapAction).toBe('urn:getQuote');
    expect(restored.doingRest).toBe(false);
    expect(restored.transportHeaders.get('x-trace')).toBe('t1');
    expect(fromUtf8(restored.message.serialize('text/xml').bytes)).toBe(fromUtf8(ctx.message.serialize('text/xml').bytes));
    expect(restored.message.arrivedAsSoap).toBe(true);
  });

  it('keeps a POX body as POX and SOAP 1.2 as 1.2', async () => {
    const pox = await throughStore(contextOf('application/xml', '<order id="7"><item>a</item></order>'));
    expect(fromUtf8(pox.restored.message.serialize('application/xml').bytes)).toBe('<order id="7"><item>a</item></order>');
    const soap12 = '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body><m xmlns="urn:m">x</m></s:Body></s:Envelope>';
    const s12 = await throughStore(contextOf('application/soap+xml', soap12));
    expect(s12.restored.message.soapVersion).toBe('1.2');
    expect(fromUtf8(s12.restored.message.serialize('application/soap+xml').bytes)).toContain('http://www.w3.org/2003/05/soap-envelope');
  });

  it('keeps JSON as JSON, text as text and binary bytes exactly', async () => {
    const json = await throughStore(contextOf('application/json', '{"a":[1,2,{"b":null}],"c":"é"}'));
    expect(json.stored.payload.kind).toBe('json');
    expect(json.restored.message.json()).toEqual({ a: [1, 2, { b: null }], c: 'é' });
    expect(json.restored.message.contentType).toBe('application/json');
    const text = await throughStore(contextOf('text/plain', 'hello\nworld'));
    expect(text.restored.message.text()).toBe('hello\nworld');
    const bytes = Uint8Array.from([0, 255, 1, 128, 10, 13]);
    const bin = await throughStore(contextOf('application/octet-stream', bytes));
    expect([...bin.restored.message.serialize('application/octet-stream').bytes]).toEqual([...bytes]);
  });

  it('keeps synapse and axis2 properties with their types; XML property values stay XML', async () => {
    const ctx = contextOf('application/json', '{}');
    ctx.properties.set('count', '1');
    ctx.properties.set('n', 42);
    ctx.properties.set('flag', true);
    ctx.properties.set('obj', { k: ['v'] });
    ctx.properties.set('node', parseXmlStrict('<a><b>x</b></a>').documentElement);
    ctx.properties.set('fn', () => 1);
    ctx.axis2.set('messageType', 'application/xml');
    ctx.axis2.set('OUT_ONLY', 'true');
    ctx.to = '/services/P';
    const { stored, restored } = await throughStore(ctx);
    expect(stored.messageType).toBe('application/xml');
    expect(restored.properties.get('count')).toBe('1');
    expect(restored.properties.get('n')).toBe(42);
    expect(restored.properties.get('flag')).toBe(true);
    expect(restored.properties.get('obj')).toEqual({ k: ['v'] });
    expect((restored.properties.get('node') as Element).localName).toBe('a');
    expect((restored.properties.get('node') as Element).textContent).toBe('x');
    expect(restored.properties.has('fn')).toBe(false);
    expect(restored.axis2.get('messageType')).toBe('application/xml');
    expect(restored.axis2.get('OUT_ONLY')).toBe('true');
    expect(restored.to).toBe('/services/P');
  });

  it('keeps an empty body empty', async () => {
    const { restored } = await throughStore(contextOf('application/json', ''));
    expect(restored.message.payloadKind).toBe('empty');
  });

  it('round-trips any JSON payload and any header and string property set', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), fc.dictionary(fc.string({ minLength: 1 }).filter((s) => /^[A-Za-z][\w-]*$/.test(s)), fc.string()), fc.dictionary(fc.string({ minLength: 1 }), fc.string()), async (value, headers, props) => {
        const text = JSON.stringify(value);
        const ctx = contextOf('application/json', text, headers);
        for (const [k, v] of Object.entries(props)) ctx.properties.set(k, v);
        const { restored } = await throughStore(ctx);
        expect(JSON.stringify(restored.message.json())).toBe(JSON.stringify(ctx.message.json()));
        for (const [k, v] of Object.entries(props)) expect(restored.properties.get(k)).toBe(v);
        expect(restored.transportHeaders.entries()).toEqual(ctx.transportHeaders.entries());
      }),
      fuzzParameters(60),
    );
  });

  it('regression: a property named __proto__ is kept like any other', async () => {
    const ctx = contextOf('application/json', '{}');
    ctx.properties.set('__proto__', 'x');
    ctx.properties.set('constructor', 'y');
    const { restored } = await throughStore(ctx);
    expect(restored.properties.get('__proto__')).toBe('x');
    expect(restored.properties.get('constructor')).toBe('y');
  });

  it('refuses a malformed stored form, naming the field at fault', async () => {
    const good = await captureStoredMessage(contextOf('application/json', '{"a":1}'), 'S', 1);
    const broken = (patch: (o: Record<string, unknown>) => void) => {
      const o = JSON.parse(encodeStoredMessage(good)) as Record<string, unknown>;
      patch(o);
      return JSON.stringify(o);
    };
    const fieldOf = (text: string) => {
      try {
        decodeStoredMessage(text);
      } catch (e) {
        expect(e).toBeInstanceOf(StoredMessageFormatError);
        return (e as StoredMessageFormatError).field;
      }
      throw new Error('accepted a malformed stored message');
    };
    expect(fieldOf('{not json')).toBe('(document)');
    expect(fieldOf(broken((o) => (o.v = 99)))).toBe('v');
    expect(fieldOf(broken((o) => delete o.messageId))).toBe('messageId');
    expect(fieldOf(broken((o) => (o.payload = { kind: 'xml', envelope: 1 })))).toBe('payload.envelope');
    expect(fieldOf(broken((o) => (o.payload = { kind: 'weird' })))).toBe('payload.kind');
    expect(fieldOf(broken((o) => (o.headers = [['a']])))).toBe('headers');
    expect(fieldOf(broken((o) => (o.properties = { p: { t: 'number', v: 'x' } })))).toBe('properties.p');
    expect(fieldOf(broken((o) => (o.inbound = null)))).toBe('inbound');
  });
});
