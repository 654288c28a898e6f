/**
 * The Kafka inbound endpoint (`protocol="kafka"`, or `class=` MI's KafkaMessageConsumer):
 * the kafkajs consumer injecting into the endpoint's sequence. The parameters MI's
 * connector requires must be written in the artifact; one missing fails this endpoint at
 * deploy with the connector's message, naming them, while the rest keeps serving.
 */
import type { InboundProtocol } from '../../../inbound/types.js';
import { InboundConfigError } from '../../../inbound/types.js';
import { kafkaInboundDescriptor } from '../../../inbound/kafka/descriptor.js';
import { trackOutcomes } from '../broker-common/outcome.js';
import { allParams } from '../rabbitmq/inbound.js';
import type { Engine } from '../../../runtime/engine.js';
import { KafkaInboundConsumer } from './consumer.js';

const MANDATORY = ['bootstrap.servers', 'key.deserializer', 'value.deserializer', 'group.id', 'poll.timeout', 'contentType'] as const;

export function kafkaInboundProtocol(engine: Engine): InboundProtocol {
  return {
    descriptor: kafkaInboundDescriptor,
    create(ctx) {
      trackOutcomes(engine);
      const written = (name: string) => (ctx.config.parameters[name]?.value ?? '').trim() !== '';
      let consumer: KafkaInboundConsumer | undefined;
      return {
        start: async () => {
          const missing: string[] = MANDATORY.filter((n) => !written(n));
          if (!written('topic.name') && !written('topic.pattern')) missing.push('topic.name or topic.pattern');
          if (missing.length > 0) throw new InboundConfigError(`inbound endpoint ${ctx.name}: Mandatory Parameters cannot be Empty: ${missing.join(', ')}`, missing[0]);
          consumer = new KafkaInboundConsumer({
            label: `Inbound endpoint ${ctx.name}`,
            name: ctx.name,
            params: allParams(ctx),
            onError: ctx.config.common.onError ?? 'fault',
            logger: ctx.logger,
            inject: (req, override) => ctx.inject(req, override),
            setState: (state, error) => ctx.setState(state, error ? { error } : undefined),
          });
          await consumer.start();
        },
        stop: async () => consumer?.stop(),
      };
    },
  };
}
