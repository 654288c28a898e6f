/**
 * The `mqtt:/...?mqtt.server.host.name=...&mqtt.topic.name=...` sender (MI's MqttSender):
 * publishes the formatted message to mqtt.topic.name with mqtt.subscription.qos (default 0)
 * and mqtt.message.retained; the client id gets a suffix derived from the message id, as MI
 * does. MQTT has no reply channel: the flow goes on with the message it sent. One client per
 * server is kept and reused.
 */
import mqtt from 'mqtt';
import type { Logger } from '../../../core/logger.js';
import { BrokerError, type BrokerReply, type BrokerSendRequest, type BrokerSender } from '../../../core/broker.js';
import { ErrorCodes } from '../../../core/errors.js';
import { parseBrokerUri, intOf, truthy } from '../config/uri.js';

export interface MqttSenderOptions {
  logger: Logger;
}

type Client = ReturnType<typeof mqtt.connect>;

export function createMqttSender(o: MqttSenderOptions): BrokerSender & { close(): Promise<void> } {
  const clients = new Map<string, Promise<Client>>();
  function clientFor(url: string, clientId: string, username?: string, password?: string): Promise<Client> {
    const key = `${url}|${username ?? ''}`;
    const existing = clients.get(key);
    if (existing) return existing;
    const p = new Promise<Client>((resolve, reject) => {
      const c = mqtt.connect(url, { clientId, username, password, reconnectPeriod: 0, connectTimeout: 5000, clean: true });
      c.once('connect', () => resolve(c));
      c.once('error', (e) => {
        c.end(true);
        reject(e);
      });
      c.on('close', () => clients.get(key) === p && clients.delete(key));
    });
    clients.set(key, p);
    p.catch(() => clients.get(key) === p && clients.delete(key));
    return p;
  }
  return {
    async send(req: BrokerSendRequest): Promise<BrokerReply | undefined> {
      const { path, params } = parseBrokerUri(req.uri);
      const host = params['mqtt.server.host.name'] ?? 'localhost';
      const port = intOf(params['mqtt.server.port'], 1883);
      const ssl = truthy(params['mqtt.ssl.enable']);
      const url = `${ssl ? 'mqtts' : 'mqtt'}://${host === 'localhost' ? '127.0.0.1' : host}:${port}`;
      const topic = params['mqtt.topic.name'] ?? path;
      if (!topic) throw new BrokerError(ErrorCodes.SENDING_FAILED, `mqtt.topic.name is missing in ${req.uri}`);
      const qos = Math.min(2, Math.max(0, intOf(params['mqtt.subscription.qos'], 0))) as 0 | 1 | 2;
      const clientId = `${params['mqtt.client.id'] ?? 'mediate'}-${req.messageId.replace(/^urn:uuid:/, '').slice(0, 8)}`;
      let client: Client;
      try {
        client = await clientFor(url, clientId, params['mqtt.subscription.username'], params['mqtt.subscription.password']);
      } catch (e) {
        throw new BrokerError(ErrorCodes.CONNECTION_FAILED, `Cannot connect to the MQTT server at ${url}: ${e instanceof Error ? e.message : String(e)}`);
      }
      await new Promise<void>((resolve, reject) => {
        client.publish(topic, Buffer.from(req.body), { qos, retain: truthy(params['mqtt.message.retained']) }, (err) => {
          if (err) reject(new BrokerError(ErrorCodes.SENDING_FAILED, `MQTT publish to ${topic} failed: ${err.message}`));
          else resolve();
        });
      });
      return undefined;
    },
    async close() {
      const all = [...clients.values()];
      clients.clear();
      await Promise.all(all.map((p) => p.then((c) => c.endAsync(), () => undefined).catch(() => undefined)));
      void o;
    },
  };
}
