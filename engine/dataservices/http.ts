/**
 * Serving a data service over HTTP the way MI does under
 * `/services/<Name>[.HTTPEndpoint|.SOAP11Endpoint|.SOAP12Endpoint]/...`:
 * REST resources (path and query parameters, XML/JSON bodies), SOAP
 * operations (by body element or SOAPAction), operations called REST-style by
 * name, `<op>_batch_req`, `request_box`, `?swagger.json|yaml`. Answers are XML,
 * or JSON for clients that accept it; faults are MI's DataServiceFault.
 */
import type { DataServiceDef, OperationDef, ResourceDef, CallQueryDef } from './types.js';
import { DS_NAMESPACE } from './types.js';
import { DataServiceFault, faultElementXml, faultJson, faultMessage } from './faults.js';
import { runCallQuery, TransactionScope, type InputValues, type PoolResolver, type QueryOutcome } from './execute.js';
import { parseBody, valuesOfElement, valuesOfJson, batchEntriesOfJson, boxEntriesOfJson, BadRequestError, type ParsedBody } from './request-input.js';
import { toJson, toXml, type ResultNode } from './xml-writer.js';
import { elementChildren, SOAP11_NS, SOAP12_NS } from '../xml/dom.js';
import { BATCH_SUFFIX, REQUEST_BOX } from './generated-operations.js';
import { swaggerDocument, swaggerYaml } from './swagger.js';

export interface DsHttpRequest {
  method: string;
  /** What follows the service name: '', '/Employee/3', '.HTTPEndpoint/Employee/3'. */
  subPath: string;
  query: string;
  header(name: string): string | undefined;
  body: string;
}

export interface DsHttpResponse {
  status: number;
  headers: [string, string][];
  body: string;
}

export interface DsServeEnv {
  service: DataServiceDef;
  pools: PoolResolver;
  /** Where the .dbs came from (MI's fault `location`). */
  location: string;
  /** Text of a registry resource (publishSwagger). */
  registry(key: string): string | undefined;
  /** Host and port the client used, for generated documents. */
  host?: string;
}

type Target = { kind: 'operation'; op: OperationDef } | { kind: 'resource'; res: ResourceDef; pathVars: Record<string, string> } | { kind: 'box' };

export async function serveDataService(req: DsHttpRequest, env: DsServeEnv): Promise<DsHttpResponse> {
  const { service } = env;
  const sub = req.subPath.replace(/^\.(HTTPEndpoint|HTTPSEndpoint|SOAP11Endpoint|SOAP12Endpoint|JSONEndpoint)(?=\/|$)/, '');
  const path = safeDecode(sub.replace(/^\/+/, '').replace(/\/+$/, ''));
  const method = req.method.toUpperCase();
  const wantsJson = /json/i.test(req.header('accept') ?? '') || (!req.header('accept') && /json/i.test(req.header('content-type') ?? ''));
  if (method === 'GET' && path === '') {
    const q = req.query.toLowerCase();
    if (q === 'swagger.json' || q === 'swagger.yaml') return swagger(q.endsWith('yaml'), env);
  }
  let body: ParsedBody;
  try {
    body = parseBody(req.body, req.header('content-type'));
  } catch (e) {
    return plainError(400, e instanceof Error ? e.message : String(e), wantsJson);
  }
  const soap = body.kind === 'soap';
  const soapVersion = body.soapVersion ?? '1.1';
  const target = findTarget(service, method, path, body, req.header('soapaction'));
  if (!target) {
    if (soap) return soapFault(soapVersion, 'Client', `The endpoint reference (EPR) for the Operation not found is /services/${service.name}${req.subPath} and the WSA Action = ${req.header('soapaction') ?? 'null'}`, undefined);
    return plainError(404, `No resource or operation of data service ${service.name} matches ${method} /${path}`, wantsJson);
  }
  const queryValues = parseQueryString(req.query);
  let requestName = '';
  try {
    let outcome: { result?: QueryOutcome; returnStatus: boolean };
    if (target.kind === 'box') {
      requestName = REQUEST_BOX;
      outcome = await runBox(body, env);
    } else {
      const one = target.kind === 'operation' ? target.op : target.res;
      requestName = target.kind === 'operation' ? target.op.name : target.res.requestName;
      const call = callOf(service, one);
      if (one.batchOf) {
        const entries = batchEntries(body, one.batchOf, target.kind === 'operation');
        await inTransaction(env.pools, true, async (scope) => {
          for (const entry of entries) await runCallQuery(call, entry, { service, scope, requestName });
        });
        outcome = { returnStatus: one.returnRequestStatus };
      } else {
        const input: InputValues = { ...queryValues, ...(target.kind === 'resource' ? target.pathVars : {}), ...valuesOfBody(body) };
        const result = await inTransaction(env.pools, false, (scope) => runCallQuery(call, input, { service, scope, requestName }));
        outcome = { result, returnStatus: one.returnRequestStatus };
      }
    }
    return answer(outcome, soap, soapVersion, wantsJson);
  } catch (e) {
    if (e instanceof BadRequestError) return soap ? soapFault(soapVersion, 'Client', e.message, undefined) : plainError(400, e.message, wantsJson);
    const fault = e instanceof DataServiceFault ? e : new DataServiceFault('UNKNOWN_ERROR', e instanceof Error ? e.message : String(e));
    fault.requestName ??= requestName;
    if (soap) return soapFault(soapVersion, 'Server', faultMessage(fault, service, env.location), faultElementXml(fault, service, env.location));
    if (wantsJson) return { status: 500, headers: [['Content-Type', 'application/json; charset=UTF-8']], body: JSON.stringify(faultJson(fault, service, env.location)) };
    return { status: 500, headers: [['Content-Type', 'application/xml; charset=UTF-8']], body: faultElementXml(fault, service, env.location) };
  }
}

function callOf(service: DataServiceDef, one: OperationDef | ResourceDef): CallQueryDef {
  if (!one.callQuery) throw new DataServiceFault('UNKNOWN_ERROR', `${'name' in one ? `operation ${one.name}` : `resource ${one.method} ${one.path}`} of ${service.name} calls no query`);
  return one.callQuery;
}

async function inTransaction<T>(pools: PoolResolver, transactional: boolean, body: (scope: TransactionScope) => Promise<T>): Promise<T> {
  const scope = new TransactionScope(pools, transactional);
  let value: T;
  try {
    value = await body(scope);
  } catch (e) {
    const broken = e instanceof DataServiceFault && e.code === 'CONNECTION_UNAVAILABLE_ERROR';
    await scope.rollback(broken);
    throw e;
  }
  await scope.commit();
  return value;
}

/** request_box: every request in order, one transaction; only the last one's result is returned. */
async function runBox(body: ParsedBody, env: DsServeEnv): Promise<{ result?: QueryOutcome; returnStatus: boolean }> {
  const { service } = env;
  const entries: [string, InputValues][] = body.kind === 'json' ? boxEntriesOfJson(body.json) : body.element ? elementChildren(body.element).map((c) => [c.localName!, valuesOfElement(c)]) : [];
  if (entries.length === 0) throw new BadRequestError('the request box holds no requests');
  let last: QueryOutcome | undefined;
  await inTransaction(env.pools, true, async (scope) => {
    for (const [name, values] of entries) {
      const op = service.operations.find((o) => o.name === name && !o.batchOf) ?? service.resources.find((r) => r.requestName === name.toLowerCase() && !r.batchOf);
      if (!op) throw new BadRequestError(`the request box names '${name}', which is no operation or resource request of ${service.name}`);
      last = await runCallQuery(callOf(service, op), values, { service, scope, requestName: name });
    }
  });
  return { result: last && { nodes: last.nodes.length ? [{ name: 'DATA_SERVICE_REQUEST_BOX_RESPONSE', ns: DS_NAMESPACE, attrs: [], children: last.nodes }] : [], hasResult: last.hasResult }, returnStatus: false };
}

function batchEntries(body: ParsedBody, _single: string, _isOperation: boolean): InputValues[] {
  if (body.kind === 'json') return batchEntriesOfJson(body.json);
  if (!body.element) throw new BadRequestError('a batch request needs a body with one element per entry');
  return elementChildren(body.element).map(valuesOfElement);
}

function valuesOfBody(body: ParsedBody): InputValues {
  if (body.kind === 'json') return valuesOfJson(body.json);
  if (body.element) return valuesOfElement(body.element);
  return {};
}

function findTarget(service: DataServiceDef, method: string, path: string, body: ParsedBody, soapAction: string | undefined): Target | undefined {
  const boxEnabled = service.enableBoxcarring;
  if (body.kind === 'soap') {
    const action = (soapAction ?? '').replace(/^"|"$/g, '').replace(/^urn:/, '');
    const name = body.element?.localName ?? action;
    if (boxEnabled && name === REQUEST_BOX) return { kind: 'box' };
    const op = service.operations.find((o) => o.name === name) ?? service.operations.find((o) => o.name === action);
    return op ? { kind: 'operation', op } : undefined;
  }
  if (boxEnabled && method === 'POST' && path.toLowerCase() === REQUEST_BOX) return { kind: 'box' };
  const res = matchResource(service.resources, method, path);
  if (res) return res;
  // Operations are callable REST-style by name, and by their request element (POST /services/x with <op>...</op>).
  const byPath = service.operations.find((o) => o.name === path);
  if (byPath) return { kind: 'operation', op: byPath };
  if (path === '' && body.element) {
    const name = body.element.localName;
    if (boxEnabled && name === REQUEST_BOX) return { kind: 'box' };
    const op = service.operations.find((o) => o.name === name);
    if (op) return { kind: 'operation', op };
  }
  return undefined;
}

/** Exact segment match first; then ignoring case (the docs call `Employee` as `/employee`). */
function matchResource(resources: ResourceDef[], method: string, path: string): Target | undefined {
  const segs = path === '' ? [] : path.split('/');
  for (const ignoreCase of [false, true]) {
    for (const r of resources) {
      if (r.method !== method) continue;
      const tpl = r.path.replace(/\/$/, '').split('/').filter((s, i, a) => s !== '' || a.length === 1);
      if (tpl.length === 1 && tpl[0] === '' ? segs.length !== 0 : tpl.length !== segs.length) continue;
      const vars: Record<string, string> = {};
      let ok = true;
      for (let i = 0; i < tpl.length && ok; i++) {
        const t = tpl[i]!;
        const s = segs[i]!;
        const m = /^\{(.+)\}$/.exec(t);
        if (m) vars[m[1]!] = s;
        else ok = ignoreCase ? t.toLowerCase() === s.toLowerCase() : t === s;
      }
      if (ok) return { kind: 'resource', res: r, pathVars: vars };
    }
  }
  return undefined;
}

function answer(outcome: { result?: QueryOutcome; returnStatus: boolean }, soap: boolean, soapVersion: '1.1' | '1.2', wantsJson: boolean): DsHttpResponse {
  const nodes: ResultNode[] = outcome.result?.nodes ?? [];
  if (!outcome.result?.hasResult || nodes.length === 0) {
    if (!outcome.returnStatus) return { status: 202, headers: [], body: '' };
    nodes.push({ name: 'REQUEST_STATUS', ns: DS_NAMESPACE, attrs: [], children: [], text: 'SUCCESSFUL', xsdType: 'string' });
  }
  if (soap) return soapEnvelope(soapVersion, nodes.map((n) => toXml(n)).join(''));
  if (wantsJson) return { status: 200, headers: [['Content-Type', 'application/json; charset=UTF-8']], body: JSON.stringify(nodes.length === 1 ? toJson(nodes[0]!) : nodes.map(toJson)) };
  return { status: 200, headers: [['Content-Type', 'application/xml; charset=UTF-8']], body: nodes.map((n) => toXml(n)).join('') };
}

function soapEnvelope(version: '1.1' | '1.2', inner: string, status = 200): DsHttpResponse {
  const ns = version === '1.2' ? SOAP12_NS : SOAP11_NS;
  return { status, headers: [['Content-Type', version === '1.2' ? 'application/soap+xml; charset=UTF-8' : 'text/xml; charset=UTF-8']], body: `<?xml version='1.0' encoding='UTF-8'?><soapenv:Envelope xmlns:soapenv="${ns}"><soapenv:Body>${inner}</soapenv:Body></soapenv:Envelope>` };
}

function soapFault(version: '1.1' | '1.2', who: 'Client' | 'Server', message: string, detail: string | undefined): DsHttpResponse {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const fault =
    version === '1.2'
      ? `<soapenv:Fault><soapenv:Code><soapenv:Value>soapenv:${who === 'Client' ? 'Sender' : 'Receiver'}</soapenv:Value></soapenv:Code><soapenv:Reason><soapenv:Text xml:lang="en-US">${esc(message)}</soapenv:Text></soapenv:Reason>${detail ? `<soapenv:Detail>${detail}</soapenv:Detail>` : ''}</soapenv:Fault>`
      : `<soapenv:Fault><faultcode>soapenv:${who}</faultcode><faultstring>${esc(message)}</faultstring>${detail ? `<detail>${detail}</detail>` : ''}</soapenv:Fault>`;
  return soapEnvelope(version, fault, 500);
}

function plainError(status: number, message: string, json: boolean): DsHttpResponse {
  if (json) return { status, headers: [['Content-Type', 'application/json; charset=UTF-8']], body: JSON.stringify({ Error: { code: String(status), message } }) };
  const esc = message.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return { status, headers: [['Content-Type', 'application/xml; charset=UTF-8']], body: `<Error><code>${status}</code><message>${esc}</message></Error>` };
}

function swagger(yaml: boolean, env: DsServeEnv): DsHttpResponse {
  const custom = env.service.publishSwagger ? env.registry(env.service.publishSwagger) : undefined;
  if (env.service.publishSwagger && custom === undefined) return plainError(404, `the swagger document ${env.service.publishSwagger} of ${env.service.name} is not in the registry`, !yaml);
  if (custom !== undefined) {
    const isJson = custom.trim().startsWith('{');
    if (yaml) return { status: 200, headers: [['Content-Type', 'application/yaml']], body: isJson ? swaggerYaml(JSON.parse(custom)) : custom };
    return { status: 200, headers: [['Content-Type', 'application/json']], body: isJson ? custom : JSON.stringify(parseSimpleYaml(custom)) };
  }
  const doc = swaggerDocument(env.service, env.host ?? 'localhost:8290');
  return yaml ? { status: 200, headers: [['Content-Type', 'application/yaml']], body: swaggerYaml(doc) } : { status: 200, headers: [['Content-Type', 'application/json']], body: JSON.stringify(doc) };
}

import { parseSimpleYaml } from './yaml-lite.js';

function parseQueryString(q: string): InputValues {
  const out: InputValues = {};
  for (const pair of q.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const k = safeDecode(eq < 0 ? pair : pair.slice(0, eq));
    if (!(k in out)) out[k] = safeDecode(eq < 0 ? '' : pair.slice(eq + 1));
  }
  return out;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

export { BATCH_SUFFIX };
