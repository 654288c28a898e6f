/**
 * A STOMP MESSAGE frame as a JMS message for the runtime: content type by MI's default
 * rules (the property `transport.jms.ContentTypeProperty` names, else `Content-Type` /
 * `contentType` / STOMP `content-type`, else text/plain for a TextMessage and
 * application/octet-stream for a BytesMessage), JMS headers as MI's transport headers.
 */
import { HeaderMap } from '../../../core/headers.js';
import type { BrokerReply } from '../../../core/broker.js';
import type { StompMessage } from './stomp-client.js';
import { jmsName } from './jms-settings.js';
import { elementChildren, parseXmlStrict, textOf } from '../../../xml/dom.js';

/** STOMP frame headers that are not JMS properties. */
const FRAME_ONLY = new Set(['subscription', 'ack', 'content-length', 'destination', 'message-id', 'receipt', 'amq-msg-type']);

export function contentTypeOf(m: StompMessage, contentTypeProperty?: string): string {
  const h = m.headers;
  const named = contentTypeProperty ? h[contentTypeProperty] : undefined;
  const t = named ?? h['Content-Type'] ?? h.contentType ?? h['content-type'];
  if (t) return t;
  return isBytesMessage(m) ? 'application/octet-stream' : 'text/plain';
}

/**
 * The content type a `transports="jms"` proxy gives a message (MI's ContentTypeRuleSet):
 * `transport.jms.ContentType` is either a plain value, used for every message, or
 * `<rules>` tried in order — `<jmsProperty>P</jmsProperty>` (the string property P when the
 * message has it), `<textMessage>`/`<bytesMessage>` (by message class), `<default>`. Without
 * the parameter the built-in rules of contentTypeOf apply. undefined: no rule matched, which
 * MI treats as a message it cannot process ("Unable to determine content type").
 */
export function listenerContentTypeOf(m: StompMessage, params: Record<string, string>): string | undefined {
  const param = params['transport.jms.ContentType']?.trim();
  if (!param) return contentTypeOf(m, params['transport.jms.ContentTypeProperty']);
  if (!param.startsWith('<')) return param;
  let root: Element | undefined;
  try {
    root = elementChildren(parseXmlStrict(param) as unknown as Node)[0];
  } catch {
    return undefined;
  }
  for (const rule of root ? elementChildren(root) : []) {
    const value = textOf(rule).trim();
    switch (rule.localName) {
      case 'jmsProperty': {
        const v = m.headers[value];
        if (v !== undefined) return v;
        break;
      }
      case 'textMessage':
        if (!isBytesMessage(m)) return value;
        break;
      case 'bytesMessage':
        if (isBytesMessage(m)) return value;
        break;
      case 'default':
        return value;
    }
  }
  return undefined;
}

/**
 * The JMS inbound endpoint resolves the content type differently from the proxy transport
 * (MI's JMSInjectHandler): the property named by transport.jms.ContentTypeProperty, else the
 * transport.jms.ContentType parameter, else the content type a STOMP sender gave, else the
 * message's JMSType, else SOAP (text/xml).
 */
export function inboundContentTypeOf(m: StompMessage, params: Record<string, string>): string {
  const h = m.headers;
  const named = params['transport.jms.ContentTypeProperty'] ? h[params['transport.jms.ContentTypeProperty']] : undefined;
  return named || params['transport.jms.ContentType'] || h['Content-Type'] || h.contentType || h['content-type'] || h.type || 'text/xml';
}

/**
 * JMSXDeliveryCount for MI's `jms.message.delivery.count` (first delivery = 1). ActiveMQ's
 * STOMP frames carry no JMSXDeliveryCount, only `redelivered:true` once the redelivery
 * counter is above 0: Mediate then says 2 (at least one redelivery; the exact count is not
 * on the wire). A JMSXDeliveryCount header (another broker, or a sender setting it) wins.
 */
export function deliveryCountOf(m: StompMessage): number {
  const explicit = Number(m.headers['JMSXDeliveryCount']);
  if (Number.isInteger(explicit) && explicit > 0) return explicit;
  return m.headers.redelivered === 'true' ? 2 : 1;
}

/** ActiveMQ marks a TextMessage sent as text with no content-length, or with amq-msg-type:text when asked. */
export function isBytesMessage(m: StompMessage): boolean {
  return m.headers['amq-msg-type'] === 'bytes' || (m.headers['content-length'] !== undefined && m.headers['amq-msg-type'] !== 'text' && !m.headers['content-type'] && !m.headers['Content-Type'] && !m.headers.contentType);
}

/** MI's transport headers for a JMS message: JMS header names plus the message's properties. */
export function jmsTransportHeaders(m: StompMessage): HeaderMap {
  const headers = new HeaderMap();
  for (const [k, v] of Object.entries(m.headers)) {
    if (FRAME_ONLY.has(k)) continue;
    switch (k) {
      case 'correlation-id':
        headers.set('JMS_COORELATION_ID', v);
        headers.set('JMSCorrelationID', v);
        break;
      case 'reply-to':
        headers.set('JMSReplyTo', jmsName(v));
        break;
      case 'expires':
        headers.set('JMSExpiration', v);
        break;
      case 'priority':
        headers.set('JMSPriority', v);
        break;
      case 'timestamp':
        headers.set('JMSTimestamp', v);
        break;
      case 'redelivered':
        headers.set('JMSRedelivered', v);
        break;
      case 'persistent':
        headers.set('JMSDeliveryMode', v === 'true' ? '2' : '1');
        break;
      case 'type':
        headers.set('JMSType', v);
        break;
      default:
        headers.set(k, v);
    }
  }
  headers.set('JMSMessageID', m.messageId);
  headers.set('JMSDestination', jmsName(m.destination));
  return headers;
}

export function replyFromStomp(m: StompMessage, contentTypeProperty?: string): BrokerReply {
  return { body: new Uint8Array(m.body), contentType: contentTypeOf(m, contentTypeProperty), headers: jmsTransportHeaders(m) };
}
