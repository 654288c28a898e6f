/**
 * Try-it for brokers: publish one message to a RabbitMQ queue or exchange, a JMS queue or topic
 * (ActiveMQ, over its STOMP connector) or an MQTT topic, and see what the running project logged
 * while it consumed it.
 */
import type { LogEntry } from './runtime.js';

export type TryItBroker = 'rabbitmq' | 'jms' | 'mqtt';

export interface BrokerTryItRequest {
  broker: TryItBroker;
  /** RabbitMQ: `queue` (default exchange, routing key = the queue) or `exchange`; JMS: `queue` or `topic`; MQTT: always a topic. */
  destinationType?: 'queue' | 'exchange' | 'topic';
  /** Queue, exchange or topic name. */
  destination: string;
  /** RabbitMQ exchange only: the routing key. */
  routingKey?: string;
  payload: string;
  /** Sent as the message's content type (RabbitMQ content_type, JMS content-type header, MQTT 5 content type). */
  contentType?: string;
  /** Where the broker is: amqp://user:pass@host:port, stomp://host:61613 (or tcp://host:61616, mapped to STOMP), mqtt://host:1883. Defaults to the local broker. */
  url?: string;
  /** How long to collect the runtime's log after publishing (default 2 s). */
  waitMs?: number;
}

export interface BrokerTryItReply {
  /** Where it went, in words: `RabbitMQ queue orders on 127.0.0.1:5672`. */
  publishedTo: string;
  timeMs: number;
  /** What the runtime logged after the message was published. */
  trace: LogEntry[];
}
