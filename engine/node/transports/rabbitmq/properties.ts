/**
 * AMQP message properties both ways, as MI's RabbitMQ transport maps them.
 * Out: message_id = MI's id; correlation_id = rabbitmq.message.correlation.id or the id;
 * content_type = messageType; delivery_mode = rabbitmq.queue.delivery.mode (2); type,
 * expiration, priority, user_id, app_id, cluster_id from rabbitmq.message.* properties;
 * headers = the transport headers (plus SOAP_ACTION).
 * In: transport headers = the AMQP headers (stringified) plus rabbitmq.message.correlation.id,
 * rabbitmq.message.id and RABBITMQ_REPLY_TO.
 */
import { HeaderMap } from '../../../core/headers.js';
import type { BrokerSendRequest } from '../../../core/broker.js';
import { intOf } from '../config/uri.js';

export interface AmqpPublishProps {
  messageId: string;
  correlationId: string;
  contentType?: string;
  contentEncoding?: string;
  deliveryMode: number;
  type?: string;
  expiration?: string;
  priority?: number;
  userId?: string;
  appId?: string;
  replyTo?: string;
  timestamp?: number;
  headers: Record<string, string>;
}

export function publishProperties(req: BrokerSendRequest, params: Record<string, string>): AmqpPublishProps & { persistent?: boolean } {
  const str = (name: string) => {
    const v = req.property(name);
    return v === undefined || v === null || v === '' ? undefined : String(v);
  };
  const headers: Record<string, string> = {};
  req.headers.forEach((v, k) => {
    headers[k] = v;
  });
  const charset = /charset=([^;]+)/i.exec(req.contentType ?? '')?.[1]?.trim();
  const priority = str('rabbitmq.message.priority');
  return {
    messageId: req.messageId,
    correlationId: str('rabbitmq.message.correlation.id') ?? req.messageId,
    contentType: req.contentType ? req.contentType.split(';')[0]!.trim() : undefined,
    contentEncoding: charset,
    deliveryMode: intOf(params['rabbitmq.queue.delivery.mode'], 2),
    type: str('rabbitmq.message.type') ?? params['rabbitmq.message.type'],
    expiration: str('rabbitmq.message.expiration'),
    priority: priority !== undefined ? Number(priority) : undefined,
    userId: str('rabbitmq.message.user.id'),
    appId: str('rabbitmq.message.app.id'),
    timestamp: str('rabbitmq.message.timestamp') ? Number(str('rabbitmq.message.timestamp')) : undefined,
    headers,
  };
}

interface IncomingProps {
  headers?: Record<string, unknown>;
  correlationId?: unknown;
  messageId?: unknown;
  replyTo?: unknown;
}

export function amqpHeadersToTransport(p: IncomingProps): HeaderMap {
  const h = new HeaderMap();
  for (const [k, v] of Object.entries(p.headers ?? {})) {
    if (v === undefined || v === null) continue;
    h.set(k, typeof v === 'object' ? JSON.stringify(v) : String(v));
  }
  const messageId = p.messageId !== undefined && p.messageId !== null ? String(p.messageId) : undefined;
  const correlation = p.correlationId !== undefined && p.correlationId !== null ? String(p.correlationId) : messageId;
  if (correlation !== undefined) h.set('rabbitmq.message.correlation.id', correlation);
  if (messageId !== undefined) h.set('rabbitmq.message.id', messageId);
  if (p.replyTo !== undefined && p.replyTo !== null) h.set('RABBITMQ_REPLY_TO', String(p.replyTo));
  return h;
}
