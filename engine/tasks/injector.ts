/**
 * MI's MessageInjector: builds the task's message in the chosen format and injects it where
 * `injectTo` says (a sequence, a proxy, an API, or main), with `task.name` and the task's other
 * properties set. Formats: soap11 / soap12 envelopes, pox (plain XML), get (pox over GET), json
 * (the message is JSON text). Without a format a proxy gets SOAP 1.2 and a sequence SOAP 1.1, as MI.
 */
import type { Engine, InjectionTarget } from '../runtime/engine.js';
import type { EngineResponse } from '../runtime/responses.js';
import { HeaderMap } from '../core/headers.js';
import { utf8 } from '../core/bytes.js';
import type { BodySource } from '../core/message.js';
import { serializeXml } from '../xml/dom.js';
import type { TaskConfig, InjectFormat } from './types.js';

const SOAP11 = 'http://schemas.xmlsoap.org/soap/envelope/';
const SOAP12 = 'http://www.w3.org/2003/05/soap-envelope';

export interface BuiltMessage {
  method: string;
  contentType: string;
  body: string;
  soapAction?: string;
}

export function buildTaskMessage(payload: string, format: InjectFormat, soapAction: string | undefined): BuiltMessage {
  const xmlDecl = /^\s*<\?xml[^>]*\?>\s*/;
  const inner = payload.replace(xmlDecl, '').trim();
  switch (format) {
    case 'soap11':
      return { method: 'POST', contentType: 'text/xml; charset=UTF-8', body: isEnvelope(inner) ? inner : `<soapenv:Envelope xmlns:soapenv="${SOAP11}"><soapenv:Body>${inner}</soapenv:Body></soapenv:Envelope>`, soapAction };
    case 'soap12':
      return { method: 'POST', contentType: `application/soap+xml; charset=UTF-8${soapAction ? `; action="${soapAction}"` : ''}`, body: isEnvelope(inner) ? inner : `<soapenv:Envelope xmlns:soapenv="${SOAP12}"><soapenv:Body>${inner}</soapenv:Body></soapenv:Envelope>`, soapAction };
    case 'pox':
      return { method: 'POST', contentType: 'application/xml; charset=UTF-8', body: inner, soapAction };
    case 'get':
      return { method: 'GET', contentType: 'application/xml; charset=UTF-8', body: inner, soapAction };
    case 'json':
      return { method: 'POST', contentType: 'application/json; charset=UTF-8', body: inner, soapAction };
  }
}

function isEnvelope(xml: string): boolean {
  return /^<([\w-]+:)?Envelope\b/.test(xml);
}

/** A local entry holding the message (MI resolves registry keys against local entries first). */
function localEntryText(engine: Engine, key: string): string | undefined {
  const le = engine.deployment.get('local-entry', key);
  if (!le || le.kind !== 'local-entry') return undefined;
  const v = le.value;
  return v.kind === 'text' ? v.text : serializeXml(v.element);
}

function bytesSource(bytes: Uint8Array): BodySource {
  return { length: bytes.length, read: async () => bytes, completed: () => bytes };
}

export interface InjectorHost {
  engine: Engine;
  registryText(key: string): string | undefined;
}

/** One firing: resolves with the flow's answer; rejects when the target or registry message is missing. */
export async function injectTaskMessage(host: InjectorHost, task: TaskConfig): Promise<EngineResponse> {
  const inj = task.injector;
  let payload = inj.message;
  if (inj.registryKey) {
    payload = host.registryText(inj.registryKey) ?? localEntryText(host.engine, inj.registryKey);
    if (payload === undefined) throw new Error(`registry entry ${inj.registryKey} (the task's message) is not found`);
  }
  const format: InjectFormat = inj.format ?? (inj.injectTo === 'proxy' ? 'soap12' : 'soap11');
  const built = buildTaskMessage(payload ?? '', format, inj.soapAction);
  const headers = new HeaderMap();
  headers.set('Content-Type', built.contentType);
  if (built.soapAction !== undefined && format === 'soap11') headers.set('SOAPAction', built.soapAction);
  const body = utf8(built.body);
  let url = inj.to ?? '/';
  let target: InjectionTarget;
  switch (inj.injectTo) {
    case 'sequence':
      if (!host.engine.lookup('sequence', inj.sequenceName ?? '')) throw new Error(`Sequence: ${inj.sequenceName} not found`);
      target = { sequence: inj.sequenceName };
      break;
    case 'proxy':
      target = { proxy: inj.proxyName };
      url = `/services/${inj.proxyName}`;
      break;
    case 'api': {
      const api = host.engine.lookup('api', inj.apiName ?? '') as { context: string } | undefined;
      if (!api) throw new Error(`API: ${inj.apiName} not found`);
      url = `${api.context.replace(/\/$/, '')}${inj.apiPath ? (inj.apiPath.startsWith('/') ? inj.apiPath : `/${inj.apiPath}`) : ''}`;
      target = { dispatchPattern: /.*/ };
      break;
    }
    default:
      target = { sequence: 'main' };
  }
  const properties: Record<string, unknown> = { 'task.name': task.name, ...inj.properties };
  return host.engine.handleInjected({ method: built.method, url, headers, body: built.method === 'GET' ? bytesSource(new Uint8Array()) : bytesSource(body), via: `task:${task.name}`, properties }, target);
}
