/**
 * The host's inbound protocols and active artifacts. A protocol implemented under
 * engine/node/transports/<protocol>/ registers here with one line in `inboundProtocols`
 * (see engine/inbound/index.ts for the contract); activators for other active kinds (tasks,
 * polling proxies) are listed in `startActiveArtifacts`.
 */
import type { Engine } from '../../runtime/engine.js';
import type { Logger } from '../../core/logger.js';
import { InboundProtocolRegistry } from '../../inbound/registry.js';
import { ActiveArtifacts, type Activator } from '../../inbound/lifecycle.js';
import { inboundActivator, type InboundHostOptions } from '../../inbound/inbound-activator.js';
import { httpInboundProtocol, httpsInboundProtocol } from './http/inbound.js';
import { taskActivator } from '../../tasks/activator.js';
import type { BrokerSender } from '../../core/broker.js';
import { fileInboundProtocol } from './vfs/inbound.js';
import { vfsProxyActivator } from './vfs/proxy-activator.js';
import { createVfsSender } from './vfs/sender.js';
import { createMailSender } from './mail/sender.js';
import { mailProxyActivator } from './mail/listener.js';
import { createBrokerSenders, readFactories } from './brokers.js';
import { rabbitmqProxyActivator } from './rabbitmq/proxy-activator.js';
import { jmsProxyActivator } from './jms/proxy-activator.js';
import { rabbitmqInboundProtocol } from './rabbitmq/inbound.js';
import { jmsInboundProtocol } from './jms/inbound.js';
import { tcpProxyActivator } from './tcp/proxy-activator.js';
import { createTcpSender } from './tcp/sender.js';
import { udpProxyActivator } from './udp/proxy-activator.js';
import { createUdpSender } from './udp/sender.js';
import { websocketInboundProtocol, secureWebsocketInboundProtocol } from './websocket/inbound.js';
import { createWebSocketSender, webSocketSenderOf } from './websocket/sender.js';
import { FixTransport } from './fix/fix-transport.js';
import { fixProxyActivator } from './fix/proxy-activator.js';
import { hl7InboundProtocol } from './hl7/inbound.js';
import { createHl7Sender } from './hl7/sender.js';
import { mqttInboundProtocol } from './mqtt/inbound.js';
import { mqttProxyActivator } from './mqtt/proxy-activator.js';
import { readMqttFactories } from './mqtt/factories.js';
import { kafkaInboundProtocol } from './kafka/inbound.js';
import { readClusterCoordination, TaskCoordinator } from '../tasks/task-coordination.js';

export interface InboundRuntimeOptions {
  engine: Engine;
  logger: Logger;
  maxBodyBytes: number;
  /** Project roots (relative key stores, file URIs), then the working directory. */
  roots: string[];
  registryText(key: string): string | undefined;
  serverConfig(name: string): string | undefined;
  portOffset?: number;
  env?: Record<string, string | undefined>;
  /** Interface inbound listeners bind to (all interfaces when absent, as MI). */
  host?: string;
  /** This server's name for tasks' pinnedServers. */
  serverName?: string;
  /** More activators (tests, other areas). */
  activators?: Activator[];
}

export function inboundProtocols(o: InboundRuntimeOptions): InboundProtocolRegistry {
  const http = { engine: o.engine, maxBodyBytes: o.maxBodyBytes, roots: o.roots, host: o.host };
  // ws/wss clients are shared with the ws:// sender, so backend frames find their client.
  const ws = { roots: o.roots, host: o.host, maxFrameBytes: o.maxBodyBytes, channels: webSocketSenderOf(o.engine.services.brokerSenders)?.channels };
  return new InboundProtocolRegistry().register(httpInboundProtocol(http)).register(httpsInboundProtocol(http)).register(fileInboundProtocol()).register(rabbitmqInboundProtocol(o.engine)).register(jmsInboundProtocol(o.engine, o.env)).register(websocketInboundProtocol(ws)).register(secureWebsocketInboundProtocol(ws)).register(mqttInboundProtocol()).register(kafkaInboundProtocol(o.engine)).register(hl7InboundProtocol({ engine: o.engine, host: o.host }));
}

/** Starts what is deployed and keeps it in step with every later deploy and undeploy. */
export async function startActiveArtifacts(o: InboundRuntimeOptions): Promise<ActiveArtifacts> {
  webSocketSenderOf(o.engine.services.brokerSenders)?.attach(o.engine);
  const coordinator = taskCoordinator(o);
  const host: InboundHostOptions = { engine: o.engine, protocols: inboundProtocols(o), logger: o.logger, registryText: o.registryText, serverConfig: o.serverConfig, portOffset: o.portOffset, env: o.env, coordination: coordinator };
  const tasks = taskActivator({ engine: o.engine, registryText: o.registryText, logger: o.logger, serverName: o.serverName ?? o.serverConfig('server.hostname') ?? 'localhost', coordination: coordinator });
  const brokerFactories = readFactories(o.roots, o.logger);
  const mqttFactories = readMqttFactories(o.roots);
  // The FIX transport is one object: the `fix` sender and the listener of transports="fix" proxies.
  const fix = o.engine.services.brokerSenders?.get('fix');
  if (fix instanceof FixTransport) fix.bind(o.engine);
  const activators: Activator[] = [...(fix instanceof FixTransport ? [fixProxyActivator(fix)] : []), inboundActivator(host), tasks, vfsProxyActivator(host), mailProxyActivator(host), rabbitmqProxyActivator(host, () => brokerFactories['rabbitmq.listener']), jmsProxyActivator(host, () => brokerFactories['jms.listener']), tcpProxyActivator(host, { maxBodyBytes: o.maxBodyBytes }), udpProxyActivator(host), mqttProxyActivator(host, () => mqttFactories), ...(o.activators ?? [])];
  const active = new ActiveArtifacts(() => o.engine.deployment.all(), activators, o.logger);
  if (coordinator) {
    // Tasks stop (and free their leases) first, then the coordination connection closes.
    const closeActive = active.close.bind(active);
    active.close = async () => {
      await closeActive();
      await coordinator.close();
    };
  }
  o.engine.onDeploymentChange(() => void active.sync());
  await active.sync();
  return active;
}

/**
 * MI's cluster coordination for tasks, when a project's deployment.toml enables it. A broken
 * setting (no coordination datasource, an embedded database) is logged and tasks do not fire
 * here: other instances may be running them, and firing uncoordinated would duplicate them.
 */
function taskCoordinator(o: InboundRuntimeOptions): Pick<TaskCoordinator, 'turn' | 'release' | 'close'> | undefined {
  try {
    const config = readClusterCoordination(o.roots, o.env ?? process.env);
    return config ? new TaskCoordinator(config, { logger: o.logger }) : undefined;
  } catch (e) {
    o.logger.log('error', `Task coordination is not available, so scheduled tasks do not fire on this instance: ${e instanceof Error ? e.message : String(e)}`, { component: 'TaskCoordinator' });
    return { turn: async () => false, release: async () => {}, close: async () => {} };
  }
}

/** Senders of non-HTTP address endpoints, by URI scheme (`vfs:`, `mailto:` ...). */
export function createTransportSenders(o: { logger: Logger; serverConfig(name: string): string | undefined; roots?: string[]; env?: Record<string, string | undefined> }): Map<string, BrokerSender> {
  const wsSender = createWebSocketSender(o);
  return new Map<string, BrokerSender>([
    ['vfs', createVfsSender({ logger: o.logger })],
    ['mailto', createMailSender(o)],
    ['tcp', createTcpSender()],
    ['udp', createUdpSender()],
    ['ws', wsSender],
    ['wss', wsSender],
    ['hl7', createHl7Sender()],
    ['fix', new FixTransport({ logger: o.logger, roots: o.roots ?? [] })],
    // rabbitmq:, jms: (ActiveMQ over STOMP), mqtt: with the project's deployment.toml connection factories
    ...createBrokerSenders({ logger: o.logger, roots: o.roots ?? [], env: o.env }),
  ]);
}

/** Closes the senders that hold connections (broker clients); the host calls it on shutdown. */
export async function closeTransportSenders(senders: ReadonlyMap<string, BrokerSender>): Promise<void> {
  await Promise.all([...senders.values()].map((s) => (s as { close?: () => Promise<void> }).close?.().catch(() => undefined)));
}
