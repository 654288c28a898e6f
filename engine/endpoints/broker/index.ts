/**
 * Address endpoints whose URI names a broker (`rabbitmq:`, `jms:`, `mqtt:`, `kafka:`):
 * the message is formatted like an HTTP body (the `messageType` formatter) and handed to
 * the sender the host registered for that scheme. With a reply expected (no OUT_ONLY) the
 * reply becomes the current message, as MI's dual-channel senders do; otherwise the flow
 * goes on with the message it sent. Endpoint suspension applies as for HTTP endpoints.
 */
import type { MessageContext } from '../../core/context.js';
import { HeaderMap } from '../../core/headers.js';
import { Message } from '../../core/message.js';
import { MediationFault, ErrorCodes } from '../../core/errors.js';
import { BrokerError, type BrokerSenders } from '../../core/broker.js';
import { EndpointState } from '../state.js';
import type { EndpointQos } from '../qos.js';
import { timeoutFor } from '../qos.js';
import { isRetryEnabled, applyResponse } from '../send-http.js';
import type { MemberRuntime } from '../member.js';

/** Schemes served by a broker sender rather than the HTTP client. */
export const BROKER_SCHEMES = new Set(['rabbitmq', 'jms', 'mqtt', 'kafka', 'vfs', 'mailto', 'tcp', 'udp', 'fix', 'ws', 'wss', 'hl7']);

export function brokerSchemeOf(uri: string): string | undefined {
  const m = /^([a-z][a-z0-9+.-]*):/i.exec(uri);
  const scheme = m?.[1]?.toLowerCase();
  return scheme && BROKER_SCHEMES.has(scheme) ? scheme : undefined;
}

/** HTTP-only headers that must not become broker message properties. */
const HTTP_ONLY = new Set(['host', 'content-length', 'connection', 'keep-alive', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'expect', 'accept-encoding']);

export function brokerRuntime(name: string | undefined, uri: string, qos: EndpointQos, kindLabel = 'Address endpoint'): MemberRuntime {
  const scheme = brokerSchemeOf(uri)!;
  let state: EndpointState | undefined;
  return {
    name,
    kind: 'address',
    target: uri,
    readyToSend: () => state?.readyToSend() ?? true,
    isRetry: (code) => isRetryEnabled(qos, code),
    stateName: () => state?.state ?? 'ACTIVE',
    async send(ctx) {
      state ??= new EndpointState(qos, name ?? 'AnonymousEndpoint', uri, () => ctx.services.logger, () => ctx.services.now());
      if (!state.readyToSend()) throw new MediationFault(ErrorCodes.ENDPOINT_SUSPENDED, `Currently , ${kindLabel} : ${state.toString()}`);
      const sender = brokerSenders(ctx)?.get(scheme);
      if (!sender) throw new MediationFault(ErrorCodes.SENDING_FAILED, `The ${scheme} transport is not available in this runtime (no sender for ${uri})`);
      if (!ctx.message.isBuilt) await ctx.message.build();
      const messageType = ctx.axis2.get('messageType') as string | undefined;
      const out = ctx.message.serialize(messageType);
      const headers = new HeaderMap();
      ctx.transportHeaders.forEach((v, k) => {
        if (!HTTP_ONLY.has(k.toLowerCase()) && k.toLowerCase() !== 'content-type') headers.set(k, v);
      });
      if (ctx.soapAction) headers.set('SOAP_ACTION', ctx.soapAction);
      const outOnly = ctx.properties.get('OUT_ONLY');
      try {
        const reply = await sender.send({
          uri,
          body: out.bytes,
          contentType: out.contentType,
          headers,
          messageId: ctx.messageId,
          property: (p) => ctx.axis2.get(p) ?? ctx.properties.get(p),
          propertyNames: () => [...new Set([...ctx.axis2.keys(), ...ctx.properties.keys()])],
          expectReply: !(outOnly === true || outOnly === 'true'),
          timeoutMs: timeoutFor(qos, ctx),
        });
        state.onSuccess();
        if (reply) applyResponse(ctx, 200, 'OK', withContentType(reply.headers, reply.contentType), Message.fromBytes(reply.contentType, reply.body));
      } catch (e) {
        if (!(e instanceof BrokerError)) throw e;
        ctx.services.logger.log('warn', `Error sending to ${kindLabel} : ${name ?? 'AnonymousEndpoint'} ${uri}: ${e.message}`, { component: 'BrokerSender', url: uri, errorCode: e.code });
        state.onError(e.code);
        throw new MediationFault(e.code, e.message, { detail: `${kindLabel} : ${name ?? 'AnonymousEndpoint'} ${uri}` });
      }
    },
  };
}

function brokerSenders(ctx: MessageContext): BrokerSenders | undefined {
  return ctx.services.brokerSenders;
}

function withContentType(headers: HeaderMap, contentType: string | undefined): HeaderMap {
  if (contentType && !headers.get('content-type')) headers.set('Content-Type', contentType);
  return headers;
}
