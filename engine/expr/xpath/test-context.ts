/**
 * A plain-data ExprContext for expression tests: an envelope parsed from
 * text, maps for each property scope, headers, query/path/template
 * parameters, variables, config, registry and a fixed clock.
 */
import { DOMParser } from '@xmldom/xmldom';
import type { ExprContext, PropertyScope } from '../context.js';

export interface TestMessage {
  /** A whole SOAP envelope, or just the body's content (wrapped in a SOAP 1.1 envelope). */
  xml?: string;
  json?: unknown;
  properties?: Partial<Record<PropertyScope, Record<string, unknown>>>;
  variables?: Record<string, unknown>;
  headers?: Record<string, string>;
  query?: Record<string, string>;
  pathParams?: Record<string, string>;
  funcParams?: Record<string, unknown>;
  config?: Record<string, string>;
  registry?: Record<string, { text?: string; properties?: Record<string, string> }>;
  now?: number;
}

export const SOAP11 = 'http://schemas.xmlsoap.org/soap/envelope/';

export function envelopeOf(xml: string): string {
  if (/^\s*<([\w-]+:)?Envelope[\s>]/.test(xml)) return xml;
  return `<soapenv:Envelope xmlns:soapenv="${SOAP11}"><soapenv:Body>${xml}</soapenv:Body></soapenv:Envelope>`;
}

export interface TestContext extends ExprContext {
  /** How many times the envelope was asked for (to check payload-free evaluation). */
  envelopeReads: number;
}

export function testContext(m: TestMessage = {}): TestContext {
  const doc = new DOMParser().parseFromString(envelopeOf(m.xml ?? ''), 'text/xml') as unknown as Document;
  const lower = new Map(Object.entries(m.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  const ctx: TestContext = {
    envelopeReads: 0,
    envelope() {
      ctx.envelopeReads++;
      return doc;
    },
    payloadJson: () => m.json,
    getProperty: (scope, name) => m.properties?.[scope]?.[name],
    getVariable: (name) => m.variables?.[name],
    getHeader: (name) => lower.get(name.toLowerCase()),
    headers: () => ({ ...(m.headers ?? {}) }),
    getQueryParam: (name) => m.query?.[name],
    getPathParam: (name) => m.pathParams?.[name],
    getFuncParam: (name) => m.funcParams?.[name],
    getConfig: (name) => m.config?.[name],
    getRegistryResource: (key) => m.registry?.[key]?.text,
    getRegistryProperty: (key, prop) => m.registry?.[key]?.properties?.[prop],
    now: () => m.now ?? Date.UTC(2024, 0, 15, 9, 5, 7, 42),
  };
  return ctx;
}
