/** The JMS inbound endpoint: the JMS consumer (ActiveMQ over STOMP) injecting into the endpoint's sequence (rollback flags read in the default scope, as MI's inbound does). */
import type { InboundProtocol } from '../../../inbound/types.js';
import { jmsInboundDescriptor } from '../../../inbound/jms/descriptor.js';
import { JmsConsumer } from './consumer.js';
import { trackOutcomes } from '../broker-common/outcome.js';
import { allParams } from '../rabbitmq/inbound.js';
import type { Engine } from '../../../runtime/engine.js';

export function jmsInboundProtocol(engine: Engine, env?: Record<string, string | undefined>): InboundProtocol {
  return {
    descriptor: jmsInboundDescriptor,
    create(ctx) {
      trackOutcomes(engine);
      const params = allParams(ctx);
      const consumer = new JmsConsumer({
        label: `Inbound endpoint ${ctx.name}`,
        defaultDestination: ctx.name,
        params,
        flagScope: 'default',
        logger: ctx.logger,
        env,
        inject: (req) => ctx.inject(req),
        setState: (state, error) => ctx.setState(state, error ? { error } : undefined),
      });
      return { start: () => consumer.start(), stop: () => consumer.stop() };
    },
  };
}
