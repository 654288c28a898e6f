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
import type { EndpointQos } from './qos.js';

/** Message formats an address endpoint can force (`format=`). */
export type EndpointFormat = 'soap11' | 'soap12' | 'pox' | 'json' | 'rest' | 'get' | undefined;

export interface HttpSendOptions {
  url: string;
  method?: string;
  format?: EndpointFormat;
  qos: EndpointQos;
  state: EndpointState;
  describe: string;
}

const HOP_BY_HOP = new Set(['host', 'content-length', 'connection', 'keep-alive', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'proxy-connection', 'expect']);
const DEFAULT_TIMEOUT_MS = 60000;

const FORMAT_TYPES: Record<string, string> = { soap11: 'text/xml', soap12: 'application/soap+xml', pox: 'application/xml', json: 'application/json' };

export async function sendHttp(ctx: MessageContext, o: HttpSendOptions): Promise<void> {
  if (!o.state.isReady()) {
    throw new MediationFault(ErrorCodes.ENDPOINT_SUSPENDED, `Currently , ${o.describe} [ State : SUSPENDED ]`);
  }
  const messageType = o.format && FORMAT_TYPES[o.format] ? FORMAT_TYPES[o.format] : (ctx.axis2.get('messageType') as string | undefined);
  const method = (o.format === 'get' ? 'GET' : o.method ?? stringOf(ctx.axis2.get('HTTP_METHOD') ?? ctx.inbound.method ?? 'POST')).toUpperCase();
  const headers = new HeaderMap();
  for (const [k, v] of ctx.transportHeaders.entries()) if (!HOP_BY_HOP.has(k.toLowerCase())) headers.set(k, v);

  let body: Uint8Array | import('../core/message.js').BodySource | undefined;
  const noEntity = ctx.axis2.get('NO_ENTITY_BODY');
  const noBody = method === 'GET' || method === 'HEAD' || noEntity === true || noEntity === 'true';
  if (!noBody) {
    const raw = ctx.message.takeRawSource();
    const needsFormat = messageType !== undefined && baseMediaType(messageType) !== baseMediaType(ctx.message.contentType);
    if (raw && !needsFormat) {
      body = raw;
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
  const soapAction = ctx.soapAction ?? headers.get('SOAPAction');
  if (o.format === 'soap11' && soapAction !== undefined) headers.set('SOAPAction', soapAction.startsWith('"') ? soapAction : `"${soapAction}"`);

  const timeoutMs = o.qos.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let attempt = 0;
  for (;;) {
    try {
      const res = await ctx.services.httpClient.send({ method, url: o.url, headers, body, timeoutMs });
      o.state.onSuccess();
      applyResponse(ctx, res.status, res.statusText, res.headers, Message.fromSource(res.headers.get('content-type') ?? undefined, res.body));
      return;
    } catch (e) {
      if (!(e instanceof TransportError)) throw e;
      o.state.onFault(e.code);
      const retryable = o.qos.markErrorCodes.includes(e.code) && attempt < o.qos.retriesBeforeSuspension && isRetryEnabled(o.qos, e.code) && !(body && !(body instanceof Uint8Array));
      if (retryable) {
        attempt++;
        if (o.qos.retryDelayMs > 0) await new Promise((r) => setTimeout(r, o.qos.retryDelayMs));
        continue;
      }
      ctx.services.logger.log('warn', `${e.code === ErrorCodes.CONNECTION_TIMEOUT ? 'Timeout' : 'Connection failure'} calling ${o.describe}: ${e.message}`, { component: 'EndpointContext', url: o.url, errorCode: e.code });
      throw new MediationFault(e.code, e.message, { detail: `${o.describe} ${o.url}` });
    }
  }
}

function isRetryEnabled(qos: EndpointQos, code: number): boolean {
  if (qos.retryEnabledCodes) return qos.retryEnabledCodes.includes(code);
  if (qos.retryDisabledCodes) return !qos.retryDisabledCodes.includes(code);
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
    ctx.axis2.set('messageType', ct.split(';')[0]!.trim());
    ctx.axis2.set('ContentType', ct);
  } else {
    ctx.axis2.delete('messageType');
    ctx.axis2.delete('ContentType');
  }
  ctx.axis2.delete('NO_ENTITY_BODY');
  ctx.axis2.delete('REST_URL_POSTFIX');
}
