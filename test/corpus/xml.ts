/**
 * XML assertions for corpus cases: parse a reply, find elements by local name,
 * and compare documents by a canonical form (namespace URI + local name,
 * attributes without namespace declarations, trimmed text, no whitespace nodes).
 */
import { DOMParser } from '@xmldom/xmldom';
import { expect } from 'vitest';

export const SOAP11 = 'http://schemas.xmlsoap.org/soap/envelope/';
export const SOAP12 = 'http://www.w3.org/2003/05/soap-envelope';
export const SAMPLES = 'http://services.samples';
export const SAMPLES_XSD = 'http://services.samples/xsd';

type XElement = Element;

export function parseXml(text: string): Document {
  const errors: string[] = [];
  const doc = new DOMParser({ onError: (level, msg) => { if (level !== 'warning') errors.push(msg); } }).parseFromString(text.trim(), 'text/xml');
  if (errors.length || !doc.documentElement) throw new Error(`reply is not well-formed XML (${errors.join('; ')}):\n${text}`);
  return doc as unknown as Document;
}

export function descendants(node: Node, localName: string): XElement[] {
  const out: XElement[] = [];
  const walk = (n: Node) => {
    for (let c = n.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === 1) {
        if ((c as XElement).localName === localName) out.push(c as XElement);
        walk(c);
      }
    }
  };
  walk(node);
  return out;
}

export function childElements(el: Node): XElement[] {
  const out: XElement[] = [];
  for (let c = el.firstChild; c; c = c.nextSibling) if (c.nodeType === 1) out.push(c as XElement);
  return out;
}

/** Text of the first descendant with that local name (undefined when none). */
export function textOf(node: Node, localName: string): string | undefined {
  const el = descendants(node, localName)[0];
  return el?.textContent ?? undefined;
}

export interface Canonical {
  name: string;
  attrs: Record<string, string>;
  text?: string;
  children?: Canonical[];
}

export function canonical(el: XElement): Canonical {
  const attrs: Record<string, string> = {};
  for (let i = 0; i < el.attributes.length; i++) {
    const a = el.attributes.item(i)!;
    if (a.name === 'xmlns' || a.name.startsWith('xmlns:')) continue;
    attrs[`{${a.namespaceURI ?? ''}}${a.localName}`] = a.value;
  }
  const kids = childElements(el);
  const name = `{${el.namespaceURI ?? ''}}${el.localName}`;
  if (kids.length === 0) return { name, attrs, text: (el.textContent ?? '').trim() };
  return { name, attrs, children: kids.map(canonical) };
}

/** Asserts two XML texts are the same document in canonical form. */
export function expectSameXml(actual: string, expected: string): void {
  expect(canonical(parseXml(actual).documentElement as XElement)).toEqual(canonical(parseXml(expected).documentElement as XElement));
}

/** The first child element of the SOAP Body (SOAP 1.1 or 1.2), or the root of a POX document. */
export function payloadOf(text: string): XElement {
  const root = parseXml(text).documentElement as XElement;
  if ((root.namespaceURI === SOAP11 || root.namespaceURI === SOAP12) && root.localName === 'Envelope') {
    const body = childElements(root).find((c) => c.localName === 'Body');
    const first = body && childElements(body)[0];
    if (!first) throw new Error(`SOAP envelope without a body payload:\n${text}`);
    return first;
  }
  return root;
}

export function envelopeVersion(text: string): 'soap11' | 'soap12' | 'pox' {
  const root = parseXml(text).documentElement as XElement;
  if (root.localName !== 'Envelope') return 'pox';
  return root.namespaceURI === SOAP12 ? 'soap12' : root.namespaceURI === SOAP11 ? 'soap11' : 'pox';
}

/** The stock-quote stand-in's getQuoteResponse (ns:getQuoteResponse/ns:return) for a symbol. */
export function expectQuoteResponse(el: XElement, symbol: string, responseName = 'getQuoteResponse'): void {
  expect(`{${el.namespaceURI}}${el.localName}`).toBe(`{${SAMPLES}}${responseName}`);
  const ret = childElements(el)[0];
  expect(ret?.localName).toBe('return');
  expect(textOf(ret!, 'symbol')).toBe(symbol);
  expect(textOf(ret!, 'name')).toBe(`${symbol} Company`);
  expect(Number(textOf(ret!, 'last'))).not.toBeNaN();
}

/** A SOAP 1.1 (by default) envelope around a payload, as SoapUI sends it. */
export function soap11(payload: string): string {
  return `<soapenv:Envelope xmlns:soapenv="${SOAP11}"><soapenv:Header/><soapenv:Body>${payload}</soapenv:Body></soapenv:Envelope>`;
}

export const getQuote = (symbol: string) =>
  `<ser:getQuote xmlns:ser="${SAMPLES}" xmlns:xsd="${SAMPLES_XSD}"><ser:request><xsd:symbol>${symbol}</xsd:symbol></ser:request></ser:getQuote>`;

/**
 * The stand-in's deterministic quote for a symbol as MI's XML→JSON conversion
 * renders the `ns:return` element (xsi:type → "@type", numbers auto-primitive).
 */
export function quoteJson(symbol: string): Record<string, unknown> {
  return {
    '@type': 'ax21:GetQuoteResponse',
    change: -2.5,
    earnings: 12.5,
    high: 101.5,
    last: 100.0,
    lastTradeTimestamp: 'Mon Jan 01 00:00:00 UTC 2024',
    low: 98.5,
    marketCap: 5.7e7,
    name: `${symbol} Company`,
    open: 99.5,
    peRatio: 24.0,
    percentageChange: -2.5,
    prevClose: 102.5,
    symbol,
    volume: 10000,
  };
}
