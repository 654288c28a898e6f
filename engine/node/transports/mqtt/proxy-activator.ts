/**
 * `transports="mqtt"` proxies: each subscribes to the mqtt.topic.name of its own parameters
 * over those of the `[transport.mqtt]` listener factory named by mqtt.connection.factory
 * (the proxy's own values win, as MI's MqttEndpoint reads them); the message is built with
 * mqtt.content.type.
 */
import type { Activator } from '../../../inbound/lifecycle.js';
import type { InboundHostOptions } from '../../../inbound/inbound-activator.js';
import type { ConnectionFactory } from '../config/factories.js';
import { brokerProxyActivator } from '../broker-common/proxy-activator.js';
import { mqttSubscriptionOf } from './settings.js';
import { MqttConsumer } from './consumer.js';

export function mqttProxyActivator(host: InboundHostOptions, factories: () => ConnectionFactory[]): Activator {
  return brokerProxyActivator(host, factories, {
    transport: 'mqtt',
    factoryParameter: 'mqtt.connection.factory',
    fallback: 'the MQTT server at localhost:1883',
    brokerName: 'MQTT',
    component: 'MqttListener',
    consumer: ({ label, proxyName, params, inject, setState }) => {
      const subscription = mqttSubscriptionOf(params, `mediate-${proxyName}`);
      if (typeof subscription === 'string') {
        return {
          start: async () => {
            throw new Error(`${label}: ${subscription}`);
          },
          stop: async () => {},
        };
      }
      return new MqttConsumer({ label, subscription, contentType: params['mqtt.content.type'] || 'text/plain', logger: host.logger, inject, setState });
    },
  });
}
