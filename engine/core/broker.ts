/**
 * The senders behind non-HTTP address endpoints (`rabbitmq:`, `jms:`, `mqtt:`, `kafka:`).
 * The engine knows only this interface; engine/node/transports/<protocol>/ implement it
 * over real client libraries and the host passes them in, keyed by URI scheme.
 */
import type { HeaderMap } from './headers.js';

/** One message to publish, already formatted for the wire. */
export interface BrokerSendRequest {
  /** The address as written, e.g. `rabbitmq:/orders?rabbitmq.queue.name=orders`. */
  uri: string;
  body: Uint8Array;
  contentType?: string;
  /** Transport headers of the message (become AMQP headers, JMS/STOMP properties, ...). */
  headers: HeaderMap;
  /** MI's message id (AMQP message_id, the default correlation id). */
  messageId: string;
  /** A property of the message as MI's senders read it: axis2 scope first, then the default scope. */
  property(name: string): unknown;
  /** Names of the message's properties (axis2 and default scope), for senders that take a family of them (WebSocket custom headers). */
  propertyNames?(): string[];
  /** The flow waits for an answer (no OUT_ONLY): request-reply over a reply queue. */
  expectReply: boolean;
  /** The endpoint's timeout, when it has one. */
  timeoutMs?: number;
}

/** What came back on the reply destination. */
export interface BrokerReply {
  body: Uint8Array;
  contentType?: string;
  headers: HeaderMap;
}

export interface BrokerSender {
  /** Resolves once the broker accepted the message (and, with expectReply, with the reply). Throws BrokerError. */
  send(request: BrokerSendRequest): Promise<BrokerReply | undefined>;
}

/** A broker-side failure carrying MI's error code (101503 connection refused, 101504 timeout, 101500 other). */
export class BrokerError extends Error {
  constructor(readonly code: number, message: string) {
    super(message);
    this.name = 'BrokerError';
  }
}

/** URI scheme (lower case, no colon) -> sender. */
export type BrokerSenders = ReadonlyMap<string, BrokerSender>;
