/**
 * `transports="jms"` proxies: each consumes transport.jms.Destination (default: its name)
 * with the `[[transport.jms.listener]]` factory named by transport.jms.ConnectionFactory, or
 * the one named `default`.
 */
import type { Activator } from '../../../inbound/lifecycle.js';
import type { InboundHostOptions } from '../../../inbound/inbound-activator.js';
import type { ConnectionFactory } from '../config/factories.js';
import { brokerProxyActivator } from '../broker-common/proxy-activator.js';
import { JmsConsumer } from './consumer.js';

export function jmsProxyActivator(host: InboundHostOptions, factories: () => ConnectionFactory[]): Activator {
  return brokerProxyActivator(host, factories, {
    transport: 'jms',
    factoryParameter: 'transport.jms.ConnectionFactory',
    fallback: 'the broker at localhost (tcp://localhost:61616 over STOMP 61613)',
    brokerName: 'JMS',
    component: 'JMSListener',
    consumer: ({ label, proxyName, params, inject, setState }) =>
      new JmsConsumer({ label, params, defaultDestination: proxyName, flagScope: 'axis2', env: host.env, logger: host.logger, inject, setState }),
  });
}
