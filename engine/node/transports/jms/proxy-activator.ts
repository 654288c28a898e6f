/**
 * `transports="jms"` proxies: each consumes transport.jms.Destination (default: its name)
 * with the `[[transport.jms.listener]]` factory named by transport.jms.ConnectionFactory, or
 * the one named `default` (proxy parameters override it; a factory the project does not
 * define falls back to the broker on localhost, said in the log). Runs in the same
 * lifecycle as inbound endpoints (the runtime view lists it as proxy:Name).
 */
import type { Activator } from '../../../inbound/lifecycle.js';
import type { InboundHostOptions } from '../../../inbound/inbound-activator.js';
import type { ConnectionFactory } from '../config/factories.js';
import { findFactory } from '../config/factories.js';
import { JmsConsumer } from './consumer.js';
import { fileOf, trackOutcomes } from '../broker-common/outcome.js';

export function jmsProxyActivator(host: InboundHostOptions, factories: () => ConnectionFactory[]): Activator {
  return {
    describe: (a) => (a.kind === 'proxy' && a.value.transports.includes('jms') ? 'jms' : undefined),
    activate(artifact, status) {
      if (artifact.kind !== 'proxy' || !artifact.value.transports.includes('jms')) return undefined;
      const proxy = artifact.value;
      if (!proxy.startOnLoad) {
        status.set('suspended');
        return { start: async () => {}, stop: async () => {} };
      }
      trackOutcomes(host.engine);
      const file = fileOf(host.engine, 'proxy', proxy.name);
      const label = `Proxy service ${proxy.name}${file ? ` (${file})` : ''}`;
      const own = proxy.parameters ?? {};
      const factoryName = own['transport.jms.ConnectionFactory'];
      const factory = findFactory(factories(), factoryName, (n) => host.logger.log('warn', `${label}: JMS connection factory ${n} is not defined in deployment.toml; using the broker at localhost (tcp://localhost:61616 over STOMP 61613)`, { component: 'JMSListener' }));
      const params = { ...(factory?.parameters ?? {}), ...own };
      const consumer = new JmsConsumer({
        label,
        params,
        defaultDestination: proxy.name,
        flagScope: 'axis2',
        env: host.env,
        logger: host.logger,
        inject: (req) => host.engine.handleInjected({ ...req, via: `proxy:${proxy.name}` }, { proxy: proxy.name }),
        setState: (state, error) => status.set(state, error ? { error } : undefined),
      });
      return { start: () => consumer.start(), stop: () => consumer.stop() };
    },
  };
}
