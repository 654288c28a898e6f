/**
 * An in-memory ExprContext built from plain data, for expression tests.
 * Lookups behave as the runtime's: headers are case-insensitive, absent
 * entries are undefined. `payloadReads` counts payloadJson() calls so tests
 * can check that payload-free expressions never touch the body.
 */
import { DOMParser } from '@xmldom/xmldom';
import type { ExprContext, PropertyScope } from '../context.js';

export interface TestContextData {
  /** The JSON payload (payloadJson()); undefined means no body. */
  payload?: unknown;
  /** Body content or a whole SOAP envelope, for xpath(); defaults to an empty body. */
  xml?: string;
  vars?: Record<string, unknown>;
  headers?: Record<string, string>;
  /** Synapse (default scope) properties. */
  props?: Record<string, unknown>;
  /** Axis2 scope properties. */
  axis2Props?: Record<string, unknown>;
  query?: Record<string, string>;
  path?: Record<string, string>;
  funcParams?: Record<string, unknown>;
  configs?: Record<string, string>;
  /** Registry resources by key: their text, or text plus properties. */
  registry?: Record<string, string | { text?: string; properties?: Record<string, string> }>;
  now?: number;
}

export interface TestExprContext extends ExprContext {
  payloadReads: number;
  envelopeReads: number;
}

const SOAP11 = 'http://schemas.xmlsoap.org/soap/envelope/';

export function makeTestContext(data: TestContextData = {}): TestExprContext {
  const xml = data.xml ?? '';
  const envelopeText = /^\s*<([\w-]+:)?Envelope[\s>]/.test(xml)
    ? xml
    : `<soapenv:Envelope xmlns:soapenv="${SOAP11}"><soapenv:Body>${xml}</soapenv:Body></soapenv:Envelope>`;
  let envelope: Document | undefined;
  const headers = new Map(Object.entries(data.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  const own = <T>(map: Record<string, T> | undefined, key: string): T | undefined =>
    map && Object.hasOwn(map, key) ? map[key] : undefined;
  const resource = (key: string) => {
    const r = own(data.registry, key);
    return typeof r === 'string' ? { text: r, properties: {} as Record<string, string> } : r;
  };
  const ctx: TestExprContext = {
    payloadReads: 0,
    envelopeReads: 0,
    envelope() {
      ctx.envelopeReads += 1;
      envelope ??= new DOMParser().parseFromString(envelopeText, 'text/xml') as unknown as Document;
      return envelope;
    },
    payloadJson() {
      ctx.payloadReads += 1;
      return data.payload;
    },
    getProperty(scope: PropertyScope, name: string) {
      if (scope === 'default') return own(data.props, name);
      if (scope === 'axis2') return own(data.axis2Props, name);
      if (scope === 'transport') return headers.get(name.toLowerCase());
      if (scope === 'func') return own(data.funcParams, name);
      return undefined;
    },
    getVariable: (name) => own(data.vars, name),
    getHeader: (name) => headers.get(name.toLowerCase()),
    headers: () => ({ ...(data.headers ?? {}) }),
    getQueryParam: (name) => own(data.query, name),
    getPathParam: (name) => own(data.path, name),
    getFuncParam: (name) => own(data.funcParams, name),
    getConfig: (name) => own(data.configs, name),
    getRegistryResource: (key) => resource(key)?.text,
    getRegistryProperty: (key, property) => own(resource(key)?.properties, property),
    now: () => data.now ?? Date.UTC(2024, 11, 5, 10, 30, 15, 123),
  };
  return ctx;
}
