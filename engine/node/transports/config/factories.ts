/**
 * Broker connection factories as MI configures them in `deployment/deployment.toml`:
 * `[[transport.rabbitmq.listener]]` / `[[transport.rabbitmq.sender]]` and
 * `[[transport.jms.listener]]` / `[[transport.jms.sender]]` (also
 * `[[transport.blocking.jms.sender]]`), each a `name` plus `parameter.*` keys. The toml
 * keys are mapped to the transport parameter names MI's config tool produces, so a
 * factory reads the same as the inline parameters of a URI or a proxy.
 */
import { parseToml, type TomlTable, type TomlValue } from './toml.js';
import { readDeploymentToml } from './deployment-file.js';

export type FactoryKind = 'rabbitmq.listener' | 'rabbitmq.sender' | 'jms.listener' | 'jms.sender';

export interface ConnectionFactory {
  name: string;
  /** Transport parameter names (`rabbitmq.server.host.name`, `java.naming.provider.url` ...). */
  parameters: Record<string, string>;
}

export type BrokerFactories = Record<FactoryKind, ConnectionFactory[]>;

const RABBITMQ_KEYS: Record<string, string> = {
  hostname: 'rabbitmq.server.host.name',
  port: 'rabbitmq.server.port',
  username: 'rabbitmq.server.user.name',
  password: 'rabbitmq.server.password',
  virtual_host: 'rabbitmq.server.virtual.host',
  queue_auto_ack: 'rabbitmq.queue.auto.ack',
  channel_consumer_qos: 'rabbitmq.channel.consumer.qos',
  retry_interval: 'rabbitmq.connection.retry.interval',
  retry_count: 'rabbitmq.connection.retry.count',
  connection_pool_size: 'rabbitmq.connection.pool.size',
  heartbeat: 'rabbitmq.server.heartbeat',
  connection_timeout: 'rabbitmq.server.connection.timeout',
  exchange_name: 'rabbitmq.exchange.name',
  queue_name: 'rabbitmq.queue.name',
};

const JMS_KEYS: Record<string, string> = {
  initial_naming_factory: 'java.naming.factory.initial',
  provider_url: 'java.naming.provider.url',
  connection_factory_name: 'transport.jms.ConnectionFactoryJNDIName',
  connection_factory_type: 'transport.jms.ConnectionFactoryType',
  session_transaction: 'transport.jms.SessionTransacted',
  session_acknowledgement: 'transport.jms.SessionAcknowledgement',
  cache_level: 'transport.jms.CacheLevel',
  jms_spec_version: 'transport.jms.JMSSpecVersion',
  reply_destination: 'transport.jms.ReplyDestination',
  username: 'transport.jms.UserName',
  password: 'transport.jms.Password',
  destination: 'transport.jms.Destination',
  destination_type: 'transport.jms.DestinationType',
  content_type_property: 'transport.jms.ContentTypeProperty',
  /** Mediate's own: the STOMP port of the broker the provider URL names (default 61613). */
  stomp_port: 'mediate.jms.stomp.port',
};

export function emptyFactories(): BrokerFactories {
  return { 'rabbitmq.listener': [], 'rabbitmq.sender': [], 'jms.listener': [], 'jms.sender': [] };
}

/** Reads `<root>/deployment/deployment.toml` (or `<root>/deployment.toml`); none is no factories. Throws TomlError with file:line:col. */
export function readProjectFactories(root: string): BrokerFactories {
  const found = readDeploymentToml(root);
  if (found) return factoriesFromToml(parseToml(found.text, found.file));
  return emptyFactories();
}

export function factoriesFromToml(doc: TomlTable): BrokerFactories {
  const out = emptyFactories();
  const transport = (doc.transport ?? {}) as TomlTable;
  const rabbit = (transport.rabbitmq ?? {}) as TomlTable;
  const jms = (transport.jms ?? {}) as TomlTable;
  const blocking = ((transport.blocking ?? {}) as TomlTable).jms as TomlTable | undefined;
  out['rabbitmq.listener'] = entries(rabbit.listener, RABBITMQ_KEYS);
  out['rabbitmq.sender'] = entries(rabbit.sender, RABBITMQ_KEYS);
  out['jms.listener'] = entries(jms.listener, JMS_KEYS);
  out['jms.sender'] = [...entries(jms.sender, JMS_KEYS), ...entries(blocking?.sender, JMS_KEYS)];
  return out;
}

function entries(v: TomlValue | undefined, keys: Record<string, string>): ConnectionFactory[] {
  if (!Array.isArray(v)) return [];
  return v.filter((t): t is TomlTable => typeof t === 'object' && !Array.isArray(t)).map((t) => {
    const parameters: Record<string, string> = {};
    const params = (t.parameter ?? {}) as TomlTable;
    flatten(params, '', (k, value) => {
      parameters[keys[k] ?? k] = value;
    });
    return { name: String(t.name ?? 'default'), parameters };
  });
}

function flatten(t: TomlTable, prefix: string, put: (k: string, v: string) => void): void {
  for (const [k, v] of Object.entries(t)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object' && !Array.isArray(v)) flatten(v, key, put);
    else put(key, Array.isArray(v) ? v.join(',') : String(v));
  }
}

/**
 * The factory a configuration names, or MI's fallback: for JMS listeners the one named
 * `default`. When the project names a factory it does not define, localhost defaults are
 * used and `onMissing` is told (the caller logs it).
 */
export function findFactory(list: ConnectionFactory[], name: string | undefined, onMissing: (name: string) => void): ConnectionFactory | undefined {
  if (name === undefined) return list.find((f) => f.name === 'default');
  const f = list.find((x) => x.name === name);
  if (!f) onMissing(name);
  return f;
}
