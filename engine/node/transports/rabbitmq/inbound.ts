/** The RabbitMQ inbound endpoint: the RabbitMQ consumer injecting into the endpoint's sequence (rollback flags read in the default scope, as MI's inbound does). */
import type { InboundContext, InboundProtocol } from '../../../inbound/types.js';
import { rabbitmqInboundDescriptor } from '../../../inbound/rabbitmq/descriptor.js';
import { RabbitConsumer } from './consumer.js';
import { trackOutcomes } from '../broker-common/outcome.js';
import type { Engine } from '../../../runtime/engine.js';

/** Every parameter of the endpoint, resolved (registry keys, placeholders). */
export function allParams(ctx: InboundContext): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of Object.keys(ctx.config.parameters)) {
    const v = ctx.param(k);
    if (v !== undefined) out[k] = v;
  }
  return out;
}

export function rabbitmqInboundProtocol(engine: Engine): InboundProtocol {
  return {
    descriptor: rabbitmqInboundDescriptor,
    create(ctx) {
      trackOutcomes(engine);
      const consumer = new RabbitConsumer({
        label: `Inbound endpoint ${ctx.name}`,
        params: allParams(ctx),
        flagScope: 'default',
        contentTypeOverride: false,
        logger: ctx.logger,
        inject: (req) => ctx.inject(req),
        setState: (state, error) => ctx.setState(state, error ? { error } : undefined),
      });
      return { start: () => consumer.start(), stop: () => consumer.stop() };
    },
  };
}
