/**
 * The lifecycle shared by proxies that consume from a broker (`transports="rabbitmq"`,
 * `transports="jms"`): a proxy with startOnLoad off is shown suspended; otherwise its
 * parameters override those of the listener connection factory it names (a factory the
 * project does not define falls back to the broker on localhost, said in the log), and a
 * consumer made by the transport injects each message into the proxy. The runtime view
 * lists it as proxy:Name.
 */
import type { Activator } from '../../../inbound/lifecycle.js';
import type { InboundHostOptions } from '../../../inbound/inbound-activator.js';
import type { InboundState } from '../../../inbound/types.js';
import type { ConnectionFactory } from '../config/factories.js';
import { findFactory } from '../config/factories.js';
import { fileOf, trackOutcomes } from './outcome.js';

export interface BrokerConsumerHandle {
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface BrokerConsumerRequest {
  label: string;
  proxyName: string;
  params: Record<string, string>;
  inject: (req: Parameters<InboundHostOptions['engine']['handleInjected']>[0]) => ReturnType<InboundHostOptions['engine']['handleInjected']>;
  setState: (state: InboundState, error?: string) => void;
}

export interface BrokerProxyTransport {
  /** The proxy's `transports` value: "rabbitmq", "jms". */
  transport: string;
  /** The proxy parameter that names the listener connection factory. */
  factoryParameter: string;
  /** Said in the log when the named factory is not defined: where the proxy connects instead. */
  fallback: string;
  /** "RabbitMQ", "JMS". */
  brokerName: string;
  /** The logger component, as MI names its listener. */
  component: string;
  consumer(request: BrokerConsumerRequest): BrokerConsumerHandle;
}

export function brokerProxyActivator(host: InboundHostOptions, factories: () => ConnectionFactory[], t: BrokerProxyTransport): Activator {
  return {
    describe: (a) => (a.kind === 'proxy' && a.value.transports.includes(t.transport) ? t.transport : undefined),
    activate(artifact, status) {
      if (artifact.kind !== 'proxy' || !artifact.value.transports.includes(t.transport)) return undefined;
      const proxy = artifact.value;
      if (!proxy.startOnLoad) {
        status.set('suspended');
        return { start: async () => {}, stop: async () => {} };
      }
      trackOutcomes(host.engine);
      const file = fileOf(host.engine, 'proxy', proxy.name);
      const label = `Proxy service ${proxy.name}${file ? ` (${file})` : ''}`;
      const own = proxy.parameters ?? {};
      const factory = findFactory(factories(), own[t.factoryParameter], (n) =>
        host.logger.log('warn', `${label}: ${t.brokerName} connection factory ${n} is not defined in deployment.toml; using ${t.fallback}`, { component: t.component }),
      );
      const consumer = t.consumer({
        label,
        proxyName: proxy.name,
        params: { ...(factory?.parameters ?? {}), ...own },
        inject: (req) => host.engine.handleInjected({ ...req, via: `proxy:${proxy.name}` }, { proxy: proxy.name }),
        setState: (state, error) => status.set(state, error ? { error } : undefined),
      });
      return { start: () => consumer.start(), stop: () => consumer.stop() };
    },
  };
}
