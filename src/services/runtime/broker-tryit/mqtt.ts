/** MQTT Try-it: publishes to a topic with QoS 1 (resolves on the broker's PUBACK), MQTT 5 so the content type travels. */
import mqtt from 'mqtt';
import type { BrokerTryItRequest } from '../../../contract/index.js';
import { tryItError, type BrokerPublisher } from './publisher.js';

async function publish(r: BrokerTryItRequest): Promise<string> {
  const url = r.url || 'mqtt://127.0.0.1:1883';
  const client = await mqtt.connectAsync(url, { protocolVersion: 5, connectTimeout: 5000, reconnectPeriod: 0 }).catch((e: unknown) => {
    throw tryItError(`cannot reach the MQTT broker at ${url}: ${e instanceof Error ? e.message : String(e)}`, 'UNREACHABLE');
  });
  try {
    await client.publishAsync(r.destination, r.payload, { qos: 1, ...(r.contentType ? { properties: { contentType: r.contentType } } : {}) });
  } finally {
    await client.endAsync().catch(() => undefined);
  }
  return `MQTT topic ${r.destination} on ${new URL(url).host}`;
}

const mqttPublisher: BrokerPublisher = { publish };
export default mqttPublisher;
