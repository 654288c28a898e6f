/**
 * The broker side of a runtime host: the senders `rabbitmq:`, `jms:` and `mqtt:` address
 * endpoints dispatch to, and the connection factories of each project's
 * deployment/deployment.toml. A deployment.toml that cannot be read is reported with its
 * file, line and column; the runtime then runs with no factories from it (names that
 * referred to them fall back to localhost, said in the log).
 */
import type { Logger } from '../../core/logger.js';
import type { BrokerSender } from '../../core/broker.js';
import { emptyFactories, readProjectFactories, type BrokerFactories } from './config/factories.js';
import { createRabbitSender } from './rabbitmq/sender.js';
import { createJmsSender } from './jms/sender.js';
import { createMqttSender } from './mqtt/sender.js';


export function readFactories(roots: string[], logger: Logger): BrokerFactories {
  const all = emptyFactories();
  for (const root of roots) {
    try {
      const f = readProjectFactories(root);
      for (const k of Object.keys(all) as (keyof BrokerFactories)[]) all[k].push(...f[k]);
    } catch (e) {
      logger.log('error', `Cannot read the broker connection factories: ${e instanceof Error ? e.message : String(e)}`, { component: 'DeploymentToml' });
    }
  }
  return all;
}

/** The rabbitmq:, jms: and mqtt: senders (each has close()), with the factories of the projects' deployment.toml. */
export function createBrokerSenders(o: { logger: Logger; roots: string[]; env?: Record<string, string | undefined> }): [string, BrokerSender & { close(): Promise<void> }][] {
  const factories = readFactories(o.roots, o.logger);
  return [
    ['rabbitmq', createRabbitSender({ logger: o.logger, factories: factories['rabbitmq.sender'] })],
    ['jms', createJmsSender({ logger: o.logger, factories: factories['jms.sender'], env: o.env })],
    ['mqtt', createMqttSender({ logger: o.logger })],
  ];
}
