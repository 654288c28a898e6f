/**
 * Building the HTTP answer from a message context, the way MI's pass-through
 * transport writes a response: status from HTTP_SC, body from the
 * messageType formatter (or streamed untouched), headers from the transport
 * scope.
 */
import type { MessageContext } from '../core/context.js';
import type { BodySource } from '../core/message.js';
import { baseMediaType } from '../core/content-type.js';
import { utf8 } from '../core/bytes.js';
import { SOAP11_NS, SOAP12_NS } from '../xml/dom.js';

export interface EngineResponse {
  status: number;
  headers: [string, string][];
  body: Uint8Array | BodySource;
  /**
   * A property of the flow that answered (default scope, then axis2), for listeners that read
   * flags off the response (HL7_RESULT_MODE ...). Absent when the flow ended without answering.
   */
  property?(name: string): unknown;
}

const HOP_BY_HOP = new Set(['content-length', 'connection', 'keep-alive', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'host', 'content-type']);

/** Request headers a response never echoes back, even though MI keeps them in the same map. */
const REQUEST_ONLY = new Set(['accept', 'accept-encoding', 'accept-language', 'user-agent', 'origin', 'referer', 'cookie', 'authorization', 'content-length', 'expect', 'soapaction', 'x-forwarded-for']);

export async function responseFromContext(ctx: MessageContext, requestHeaderNames: ReadonlySet<string>): Promise<EngineResponse> {
  const sc = ctx.axis2.get('HTTP_SC');
  const status = sc !== undefined && sc !== null && String(sc).trim() !== '' ? Number(sc) : 200;
  const headers: [string, string][] = [];
  const inRequestFlow = !ctx.isResponse;
  ctx.transportHeaders.forEach((v, k) => {
    const lk = k.toLowerCase();
    if (HOP_BY_HOP.has(lk)) return;
    // A response made in the request flow carries only headers the integration set, not the request's.
    if (inRequestFlow && (requestHeaderNames.has(lk) || REQUEST_ONLY.has(lk))) return;
    headers.push([k, v]);
  });
  const property = (name: string): unknown => ctx.properties.get(name) ?? ctx.axis2.get(name);
  const noBody = isTrue(ctx.axis2.get('NO_ENTITY_BODY')) || status === 204 || status === 304;
  if (noBody) return { status, headers, body: new Uint8Array(), property };
  const messageType = ctx.axis2.get('messageType') as string | undefined;
  const explicitContentType = ctx.axis2.get('ContentType') as string | undefined;
  const raw = ctx.message.takeRawSource();
  if (raw && (messageType === undefined || baseMediaType(messageType) === baseMediaType(ctx.message.contentType))) {
    if (ctx.message.contentType) headers.push(['Content-Type', ctx.message.contentType]);
    return { status, headers, body: raw, property };
  }
  if (raw) await ctx.message.build();
  const out = ctx.message.serialize(messageType, { doingRest: ctx.doingRest });
  if (out.bytes.length > 0 || ctx.message.payloadKind !== 'empty') headers.push(['Content-Type', chooseContentType(out.contentType, explicitContentType, messageType)]);
  return { status, headers, body: out.bytes, property };
}

function chooseContentType(formatted: string, explicit: string | undefined, messageType: string | undefined): string {
  if (explicit && (!messageType || baseMediaType(explicit) === baseMediaType(messageType))) return explicit;
  return formatted;
}

function isTrue(v: unknown): boolean {
  return v === true || v === 'true';
}

/**
 * The answer to a fault no fault sequence answered. MI leaves such a client
 * waiting or drops the connection; we answer 500 with the error, shaped for
 * the client: a SOAP fault for SOAP clients, JSON for JSON clients, else POX.
 */
export function unhandledFaultResponse(ctx: MessageContext, requestContentType: string | undefined, accept: string | undefined): EngineResponse {
  const code = String(ctx.properties.get('ERROR_CODE') ?? '0');
  const message = String(ctx.properties.get('ERROR_MESSAGE') ?? 'Error while processing the request');
  const detail = ctx.properties.get('ERROR_DETAIL');
  const t = baseMediaType(requestContentType);
  if (t === 'text/xml' || t === 'application/soap+xml') {
    const ns = t === 'text/xml' ? SOAP11_NS : SOAP12_NS;
    const body =
      t === 'text/xml'
        ? `<soapenv:Envelope xmlns:soapenv="${ns}"><soapenv:Body><soapenv:Fault><faultcode>soapenv:Server</faultcode><faultstring>${esc(message)}</faultstring><detail>${esc(String(detail ?? code))}</detail></soapenv:Fault></soapenv:Body></soapenv:Envelope>`
        : `<soapenv:Envelope xmlns:soapenv="${ns}"><soapenv:Body><soapenv:Fault><soapenv:Code><soapenv:Value>soapenv:Receiver</soapenv:Value></soapenv:Code><soapenv:Reason><soapenv:Text xml:lang="en">${esc(message)}</soapenv:Text></soapenv:Reason><soapenv:Detail>${esc(String(detail ?? code))}</soapenv:Detail></soapenv:Fault></soapenv:Body></soapenv:Envelope>`;
    return { status: 500, headers: [['Content-Type', t === 'text/xml' ? 'text/xml; charset=UTF-8' : 'application/soap+xml; charset=UTF-8']], body: utf8(body) };
  }
  const wantsJson = t === 'application/json' || (!!accept && accept.includes('json')) || t === '';
  if (wantsJson) {
    const body = JSON.stringify({ Error: { code, message, ...(detail !== undefined ? { detail: String(detail) } : {}) } });
    return { status: 500, headers: [['Content-Type', 'application/json; charset=UTF-8']], body: utf8(body) };
  }
  const body = `<Error><code>${esc(code)}</code><message>${esc(message)}</message>${detail !== undefined ? `<detail>${esc(String(detail))}</detail>` : ''}</Error>`;
  return { status: 500, headers: [['Content-Type', 'application/xml; charset=UTF-8']], body: utf8(body) };
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function simpleResponse(status: number, body = '', contentType?: string): EngineResponse {
  return { status, headers: contentType ? [['Content-Type', contentType]] : [], body: utf8(body) };
}

