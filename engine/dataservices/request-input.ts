/**
 * Reading a data-service request's input: path and query parameters, XML
 * bodies (the root's children, any namespace), JSON bodies (one object named
 * after the request, e.g. `{"user_defined_value": {...}}`), SOAP envelopes, and
 * the repeated entries of batch requests and request boxes.
 */
import { parseXmlStrict, elementChildren, textOf, SOAP11_NS, SOAP12_NS } from '../xml/dom.js';
import { XSI_NAMESPACE } from './types.js';
import type { InputValues } from './execute.js';

export class BadRequestError extends Error {}

export interface ParsedBody {
  kind: 'empty' | 'xml' | 'json' | 'soap';
  soapVersion?: '1.1' | '1.2';
  /** The element carrying the request (SOAP body child, or the XML root). */
  element?: Element;
  json?: unknown;
}

export function parseBody(text: string, contentType: string | undefined): ParsedBody {
  const trimmed = text.trim();
  if (trimmed === '') return { kind: 'empty' };
  const ct = (contentType ?? '').toLowerCase();
  if (ct.includes('json') || (!ct.includes('xml') && (trimmed.startsWith('{') || trimmed.startsWith('[')))) {
    try {
      return { kind: 'json', json: JSON.parse(trimmed) };
    } catch (e) {
      throw new BadRequestError(`the request body is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  let doc: Document;
  try {
    doc = parseXmlStrict(trimmed);
  } catch (e) {
    throw new BadRequestError(`the request body is not well-formed XML: ${e instanceof Error ? e.message : String(e)}`);
  }
  const root = doc.documentElement!;
  if (root.localName === 'Envelope' && (root.namespaceURI === SOAP11_NS || root.namespaceURI === SOAP12_NS)) {
    const body = elementChildren(root).find((e) => e.localName === 'Body');
    return { kind: 'soap', soapVersion: root.namespaceURI === SOAP12_NS ? '1.2' : '1.1', element: body ? elementChildren(body)[0] : undefined };
  }
  return { kind: 'xml', element: root };
}

/** The children of a request element as named values (xsi:nil = null). */
export function valuesOfElement(el: Element): InputValues {
  const out: InputValues = {};
  for (const c of elementChildren(el)) {
    const nil = c.getAttributeNS(XSI_NAMESPACE, 'nil');
    out[c.localName!] = nil === 'true' || nil === '1' ? null : elementChildren(c).length > 0 ? serializeChildren(c) : textOf(c);
  }
  return out;
}

function serializeChildren(c: Element): string {
  return elementChildren(c).map((e) => String(e)).join('');
}

/** `{"anything": {params}}` → params; a bare object of scalars is taken as the params themselves. */
export function valuesOfJson(json: unknown): InputValues {
  const obj = unwrapJson(json);
  const out: InputValues = {};
  for (const [k, v] of Object.entries(obj)) out[k] = scalarText(v);
  return out;
}

function unwrapJson(json: unknown): Record<string, unknown> {
  if (!isObject(json)) throw new BadRequestError('a JSON request body must be an object');
  const keys = Object.keys(json);
  if (keys.length === 1 && isObject(json[keys[0]!])) return json[keys[0]!] as Record<string, unknown>;
  return json;
}

/** Batch JSON: `{"x": {"x": [ {...}, {...} ]}}` → the entries. */
export function batchEntriesOfJson(json: unknown): InputValues[] {
  let v: unknown = json;
  for (let i = 0; i < 3 && !Array.isArray(v); i++) {
    if (!isObject(v)) break;
    const keys = Object.keys(v);
    if (keys.length !== 1) break;
    v = v[keys[0]!];
  }
  if (!Array.isArray(v)) throw new BadRequestError('a JSON batch request must hold an array of entries ({"name": {"name": [ {...}, ... ]}})');
  return v.map((e) => {
    if (!isObject(e)) throw new BadRequestError('each entry of a JSON batch request must be an object');
    const out: InputValues = {};
    for (const [k, x] of Object.entries(e)) out[k] = scalarText(x);
    return out;
  });
}

/** Request box JSON: `{"request_box": {"_postemployee": {...}, ...}}` → [name, values] in order. */
export function boxEntriesOfJson(json: unknown): [string, InputValues][] {
  if (!isObject(json) || !isObject(json.request_box)) throw new BadRequestError('a JSON request box must read {"request_box": {"<request name>": {...}, ...}}');
  return Object.entries(json.request_box).map(([name, v]) => {
    const out: InputValues = {};
    if (isObject(v)) for (const [k, x] of Object.entries(v)) out[k] = scalarText(x);
    return [name, out];
  });
}

function scalarText(v: unknown): string | null {
  if (v === null) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
