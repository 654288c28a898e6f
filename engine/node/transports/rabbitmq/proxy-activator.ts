/**
 * `transports="rabbitmq"` proxies: each consumes the queue its parameters name, with the
 * `[[transport.rabbitmq.listener]]` connection factory named by rabbitmq.connection.factory
 * (proxy parameters override it; a factory the project does not define falls back to
 * localhost guest/guest, said in the log). Runs in the same lifecycle as inbound endpoints
 * (the runtime view lists it as proxy:Name).
 */
import type { Activator } from '../../../inbound/lifecycle.js';
import type { InboundHostOptions } from '../../../inbound/inbound-activator.js';
import type { ConnectionFactory } from '../config/factories.js';
import { findFactory } from '../config/factories.js';
import { RabbitConsumer } from './consumer.js';
import { fileOf, trackOutcomes } from '../broker-common/outcome.js';

export function rabbitmqProxyActivator(host: InboundHostOptions, factories: () => ConnectionFactory[]): Activator {
  return {
    describe: (a) => (a.kind === 'proxy' && a.value.transports.includes('rabbitmq') ? 'rabbitmq' : undefined),
    activate(artifact, status) {
      if (artifact.kind !== 'proxy' || !artifact.value.transports.includes('rabbitmq')) return undefined;
      const proxy = artifact.value;
      if (!proxy.startOnLoad) {
        status.set('suspended');
        return { start: async () => {}, stop: async () => {} };
      }
      trackOutcomes(host.engine);
      const file = fileOf(host.engine, 'proxy', proxy.name);
      const label = `Proxy service ${proxy.name}${file ? ` (${file})` : ''}`;
      const own = proxy.parameters ?? {};
      const factoryName = own['rabbitmq.connection.factory'];
      const factory = findFactory(factories(), factoryName, (n) => host.logger.log('warn', `${label}: RabbitMQ connection factory ${n} is not defined in deployment.toml; using localhost:5672 (guest)`, { component: 'RabbitMQListener' }));
      const params = { ...(factory?.parameters ?? {}), ...own };
      params['rabbitmq.queue.name'] ??= proxy.name;
      const consumer = new RabbitConsumer({
        label,
        params,
        flagScope: 'axis2',
        contentTypeOverride: true,
        logger: host.logger,
        inject: (req) => host.engine.handleInjected({ ...req, via: `proxy:${proxy.name}` }, { proxy: proxy.name }),
        setState: (state, error) => status.set(state, error ? { error } : undefined),
      });
      return { start: () => consumer.start(), stop: () => consumer.stop() };
    },
  };
}
