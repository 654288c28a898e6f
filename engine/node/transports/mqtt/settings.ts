/**
 * An MQTT subscription's settings from MI's parameter names (the inbound endpoint's, or a
 * `transports="mqtt"` proxy's over its connection factory): server, credentials, topic, QoS,
 * session and client id.
 */
import { intOf, truthy } from '../config/uri.js';

export interface MqttSubscription {
  url: string;
  /** `host:port`, for the log. */
  server: string;
  username?: string;
  password?: string;
  clientId: string;
  clean: boolean;
  topic: string;
  qos: 0 | 1 | 2;
  reconnectMs: number;
}

/**
 * `fallbackClientId` is used when mqtt.client.id is absent: a persistent session is only
 * kept by the broker for the same client id, so it must not be random.
 */
export function mqttSubscriptionOf(params: Record<string, string>, fallbackClientId: string): MqttSubscription | string {
  const topic = params['mqtt.topic.name'];
  if (!topic) return 'mqtt.topic.name is required';
  const host = params['mqtt.server.host.name'] || 'localhost';
  const port = intOf(params['mqtt.server.port'], 1883);
  const ssl = truthy(params['mqtt.ssl.enable']);
  const qos = intOf(params['mqtt.subscription.qos'], 0);
  if (![0, 1, 2].includes(qos)) return `mqtt.subscription.qos must be 0, 1 or 2 (got ${params['mqtt.subscription.qos']})`;
  return {
    url: `${ssl ? 'mqtts' : 'mqtt'}://${host === 'localhost' ? '127.0.0.1' : host}:${port}`,
    server: `${host}:${port}`,
    username: params['mqtt.subscription.username'] || undefined,
    password: params['mqtt.subscription.password'] || undefined,
    clientId: params['mqtt.client.id'] || fallbackClientId,
    clean: truthy(params['mqtt.session.clean'], false),
    topic,
    qos: qos as 0 | 1 | 2,
    reconnectMs: Math.max(100, intOf(params['mqtt.reconnection.interval'], 1000)),
  };
}
