/** The MQTT inbound endpoint: the MQTT subscriber injecting into the endpoint's sequence (onError for what faults, a message that cannot be built included). */
import type { InboundProtocol } from '../../../inbound/types.js';
import { InboundConfigError } from '../../../inbound/types.js';
import { mqttInboundDescriptor } from '../../../inbound/mqtt/descriptor.js';
import { allParams } from '../rabbitmq/inbound.js';
import { mqttSubscriptionOf } from './settings.js';
import { MqttConsumer } from './consumer.js';

export function mqttInboundProtocol(): InboundProtocol {
  return {
    descriptor: mqttInboundDescriptor,
    create(ctx) {
      const params = allParams(ctx);
      const subscription = mqttSubscriptionOf({ ...params, 'mqtt.session.clean': ctx.param('mqtt.session.clean') ?? 'false' }, `mediate-${ctx.name}`);
      let consumer: MqttConsumer | undefined;
      return {
        start: async () => {
          if (typeof subscription === 'string') throw new InboundConfigError(`inbound endpoint ${ctx.name}: ${subscription}`, 'mqtt.topic.name');
          consumer = new MqttConsumer({
            label: `Inbound endpoint ${ctx.name}`,
            subscription,
            contentType: ctx.param('content.type') || 'text/plain',
            logger: ctx.logger,
            inject: (req) => ctx.inject(req),
            setState: (state, error) => ctx.setState(state, error ? { error } : undefined),
          });
          await consumer.start();
        },
        stop: async () => consumer?.stop(),
      };
    },
  };
}
