/**
 * Sending the current message to a URL over HTTP and turning the answer into
 * the response message, the way MI's pass-through transport does: the body is
 * streamed untouched when no mediator built it; otherwise it is written with
 * the formatter of the `messageType` property.
 */
import type { MessageContext } from '../core/context.js';
import { HeaderMap } from '../core/headers.js';
import { Message } from '../core/message.js';
import { MediationFault, ErrorCodes } from '../core/errors.js';
import { TransportError } from '../core/transport.js';
import { stringOf } from '../core/context.js';
import { baseMediaType } from '../core/content-type.js';
import type { EndpointState } from './state.js';
import { timeoutFor, type EndpointQos } from './qos.js';
import { endpointLabel } from './member.js';

/** Message formats an address endpoint can force (`format=`). */
export type EndpointFormat = 'soap11' | 'soap12' | 'pox' | 'json' | 'rest' | 'get' | undefined;

export interface HttpSendOptions {
  url: string;
  method?: string;
  format?: EndpointFormat;
  qos: EndpointQos;
  state: EndpointState;
  /** Kind for MI's "Currently , <kind> : [ Name : X ] [ State : SUSPENDED ]" fault (e.g. `Address endpoint`). */
  kindLabel: string;
  /** Fault code when the endpoint is not ready (303001; 303002 for WSDL endpoints). */
  notReadyCode?: number;
}

/** Headers of a backend's response that must not be forwarded when the flow calls another backend. */
const RESPONSE_ONLY = new Set(['date', 'server', 'set-cookie', 'content-encoding', 'etag', 'last-modified', 'age', 'vary']);
const HOP_BY_HOP = new Set(['host', 'content-length', 'connection', 'keep-alive', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'proxy-connection', 'expect']);
const DEFAULT_TIMEOUT_MS = 60000;

const FORMAT_TYPES: Record<string, string> = { soap11: 'text/xml', soap12: 'application/soap+xml', pox: 'application/xml', json: 'application/json' };

/**
 * One attempt, as a leaf endpoint makes it: no retries here (failover and
 * loadbalance parents retry), the state machine updated from the outcome.
 * Returns false when the endpoint timeout fired and the response is discarded.
 */
export async function sendHttp(ctx: MessageContext, o: HttpSendOptions): Promise<boolean> {
  if (!o.state.readyToSend()) {
    throw new MediationFault(o.notReadyCode ?? ErrorCodes.ENDPOINT_SUSPENDED, `Currently , ${o.kindLabel} : ${o.state.toString()}`);
  }
  const declaredType = o.format && FORMAT_TYPES[o.format] ? FORMAT_TYPES[o.format] : (ctx.axis2.get('messageType') as string | undefined);
  // An XML payload built for a request that had no Content-Type (a GET) has no type: Axis2's default formatter is SOAP 1.1.
  const messageType = declaredType ?? (ctx.message.isBuilt && ctx.message.payloadKind === 'xml' && !ctx.message.contentType ? 'text/xml' : undefined);
  // SOAP formats POST (a GET resource may call a SOAP service, as MI's docs do); otherwise the endpoint's
  // method, the HTTP_METHOD property, or the incoming method, as MI's pass-through sender does.
  const explicitMethod = ctx.axis2.get('HTTP_METHOD');
  const soapFormat = o.format === 'soap11' || o.format === 'soap12';
  // A payload a mediator built for a GET request (payloadFactory in a GET resource) goes out as POST, as MI's docs show.
  const builtPayloadOnGet = ctx.message.isBuilt && ctx.message.payloadKind !== 'empty' && !ctx.isResponse && /^(GET|HEAD|DELETE)$/i.test(ctx.inbound.method);
  const method = (o.format === 'get' ? 'GET' : o.method ?? (explicitMethod !== undefined ? stringOf(explicitMethod) : soapFormat || builtPayloadOnGet ? 'POST' : ctx.inbound.method ?? 'POST')).toUpperCase();
  const headers = new HeaderMap();
  const isResponse = ctx.isResponse;
  ctx.transportHeaders.forEach((v, k) => {
    const lk = k.toLowerCase();
    if (!HOP_BY_HOP.has(lk) && !(isResponse && RESPONSE_ONLY.has(lk))) headers.set(k, v);
  });

  let body: Uint8Array | import('../core/message.js').BodySource | undefined;
  let streamed = false;
  const noEntity = ctx.axis2.get('NO_ENTITY_BODY');
  const noBody = method === 'GET' || method === 'HEAD' || noEntity === true || noEntity === 'true';
  if (!noBody) {
    const raw = ctx.message.takeRawSource();
    const needsFormat = messageType !== undefined && baseMediaType(messageType) !== baseMediaType(ctx.message.contentType);
    if (raw && !needsFormat) {
      body = raw;
      streamed = true;
      if (ctx.message.contentType) headers.set('Content-Type', ctx.message.contentType);
    } else {
      if (raw) await ctx.message.build();
      const out = ctx.message.serialize(messageType);
      body = out.bytes;
      headers.set('Content-Type', contentTypeHeader(out.contentType, ctx, o.format));
    }
  } else {
    headers.delete('Content-Type');
  }
  // The action stays on the message (MI keeps it across calls): SOAP 1.1 carries it as the SOAPAction header.
  const soapAction = ctx.soapAction ?? headers.get('SOAPAction');
  const soap11Out = o.format === 'soap11' || (!!headers.get('Content-Type') && baseMediaType(headers.get('Content-Type')) === 'text/xml');
  if (soap11Out && soapAction !== undefined) headers.set('SOAPAction', soapAction.startsWith('"') ? soapAction : `"${soapAction}"`);

  const endpointTimeout = timeoutFor(o.qos, ctx);
  try {
    const sending = ctx.services.httpClient.send({ method, url: o.url, headers, body, timeoutMs: endpointTimeout ?? DEFAULT_TIMEOUT_MS });
    const res = endpointTimeout === undefined ? await sending : await withEndpointTimeout(sending, endpointTimeout);
    o.state.onSuccess();
    applyResponse(ctx, res.status, res.statusText, res.headers, Message.fromSource(res.headers.get('content-type') ?? undefined, res.body));
    return true;
  } catch (e) {
    if (!(e instanceof TransportError)) throw e;
    // The request body went out as a stream and cannot be read again: what runs next (the fault
    // sequence) sees an empty payload, as MI's consumed pipe gives, instead of failing to read it.
    if (streamed) ctx.message = Message.fromBytes(ctx.message.contentType, new Uint8Array());
    if (e.code === ErrorCodes.CONNECTION_TIMEOUT && endpointTimeout !== undefined && o.qos.responseAction !== 'fault') {
      // MI's TimeoutHandler drops the callback: no fault, no response from this endpoint.
      ctx.services.logger.log('warn', `Expiring message ID : ${ctx.messageId}; dropping message after ENDPOINT_TIMEOUT of : ${endpointTimeout / 1000} seconds for ${endpointLabel(o.state.name === 'AnonymousEndpoint' ? undefined : o.state.name)}, URI : ${o.url}`, { component: 'TimeoutHandler', url: o.url });
      return false;
    }
    const timedOut = e.code === ErrorCodes.CONNECTION_TIMEOUT && endpointTimeout !== undefined;
    ctx.services.logger.log('warn', `${timedOut ? 'Send timeout' : e.code === ErrorCodes.CONNECTION_TIMEOUT ? 'Timeout' : 'Connection failure'} calling ${o.kindLabel} : ${o.state.name}: ${e.message}`, { component: 'EndpointContext', url: o.url, errorCode: e.code });
    o.state.onError(e.code);
    throw new MediationFault(e.code, timedOut ? 'Send timeout' : e.message, { detail: `${o.kindLabel} : ${o.state.name} ${o.url}` });
  }
}

/**
 * The endpoint's own timer (MI's TimeoutHandler), independent of the HTTP
 * client's socket timeouts. A response arriving later is read and dropped.
 */
async function withEndpointTimeout<T extends { body: { read(): Promise<Uint8Array> } }>(sending: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let expired = false;
  const expiry = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      expired = true;
      reject(new TransportError(ErrorCodes.CONNECTION_TIMEOUT, `Send timeout after ${ms} ms`));
    }, ms);
  });
  sending.then(
    (late) => {
      if (expired) late.body.read().catch(() => undefined);
    },
    () => undefined,
  );
  try {
    return await Promise.race([sending, expiry]);
  } finally {
    clearTimeout(timer);
  }
}

/** AbstractEndpoint.isRetry: disabled codes are never retried; with enabled codes only those are. */
export function isRetryEnabled(qos: EndpointQos, code: number): boolean {
  if (qos.retryDisabledCodes.includes(code)) return false;
  if (qos.retryEnabledCodes.length > 0) return qos.retryEnabledCodes.includes(code);
  return true;
}

function contentTypeHeader(type: string, ctx: MessageContext, format: EndpointFormat): string {
  const explicit = ctx.axis2.get('ContentType');
  if (typeof explicit === 'string' && !format) return explicit;
  if (type.startsWith('application/soap+xml') && ctx.soapAction && !type.includes('action=')) return `${type}; action="${ctx.soapAction}"`;
  return type;
}

/** Makes the backend's answer the current message, as MI does after call/send. */
export function applyResponse(ctx: MessageContext, status: number, statusText: string, headers: HeaderMap, message: Message): void {
  ctx.message = message;
  ctx.isResponse = true;
  ctx.transportHeaders = headers;
  ctx.axis2.set('HTTP_SC', status);
  ctx.axis2.set('HTTP_SC_DESC', statusText);
  const ct = headers.get('content-type');
  if (ct) {
    const semicolon = ct.indexOf(';');
    ctx.axis2.set('messageType', (semicolon < 0 ? ct : ct.slice(0, semicolon)).trim());
    ctx.axis2.set('ContentType', ct);
  } else {
    ctx.axis2.delete('messageType');
    ctx.axis2.delete('ContentType');
  }
  ctx.axis2.delete('NO_ENTITY_BODY');
  ctx.axis2.delete('REST_URL_POSTFIX');
}
