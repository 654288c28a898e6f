/**
 * `transports="rabbitmq"` proxies: each consumes the queue its parameters name (default: its
 * name), with the `[[transport.rabbitmq.listener]]` connection factory named by
 * rabbitmq.connection.factory.
 */
import type { Activator } from '../../../inbound/lifecycle.js';
import type { InboundHostOptions } from '../../../inbound/inbound-activator.js';
import type { ConnectionFactory } from '../config/factories.js';
import { brokerProxyActivator } from '../broker-common/proxy-activator.js';
import { RabbitConsumer } from './consumer.js';

export function rabbitmqProxyActivator(host: InboundHostOptions, factories: () => ConnectionFactory[]): Activator {
  return brokerProxyActivator(host, factories, {
    transport: 'rabbitmq',
    factoryParameter: 'rabbitmq.connection.factory',
    fallback: 'localhost:5672 (guest)',
    brokerName: 'RabbitMQ',
    component: 'RabbitMQListener',
    consumer: ({ label, proxyName, params, inject, setState }) => {
      params['rabbitmq.queue.name'] ??= proxyName;
      return new RabbitConsumer({ label, params, flagScope: 'axis2', contentTypeOverride: true, logger: host.logger, inject, setState });
    },
  });
}
