/**
 * The MQTT listener connection factory of a project's deployment.toml (`[transport.mqtt]`
 * with `listener.*` keys, named by listener.connection_factory), as MI's config tool maps it
 * to transport parameters. A deployment.toml that cannot be parsed gives no factory here;
 * readFactories (brokers.ts) reports it with file, line and column.
 */
import { parseToml, type TomlTable } from '../config/toml.js';
import { readDeploymentToml } from '../config/deployment-file.js';
import type { ConnectionFactory } from '../config/factories.js';

const LISTENER_KEYS: Record<string, string> = {
  hostname: 'mqtt.server.host.name',
  server_port: 'mqtt.server.port',
  client_id: 'mqtt.client.id',
  topic_name: 'mqtt.topic.name',
  subscription_qos: 'mqtt.subscription.qos',
  session_clean: 'mqtt.session.clean',
  enable_ssl: 'mqtt.ssl.enable',
  subscription_username: 'mqtt.subscription.username',
  subscription_password: 'mqtt.subscription.password',
  temporary_store_directory: 'mqtt.temporary.store.directory',
  content_type: 'mqtt.content.type',
};

export function mqttFactoriesFromToml(doc: TomlTable): ConnectionFactory[] {
  const mqtt = ((doc.transport ?? {}) as TomlTable).mqtt as TomlTable | undefined;
  const listener = mqtt?.listener as TomlTable | undefined;
  if (!listener || typeof listener !== 'object') return [];
  const parameters: Record<string, string> = {};
  for (const [k, v] of Object.entries(listener)) {
    if (k === 'enable' || k === 'connection_factory' || (v !== null && typeof v === 'object')) continue;
    parameters[LISTENER_KEYS[k] ?? k] = String(v);
  }
  return [{ name: String(listener.connection_factory ?? 'default'), parameters }];
}

/** The factories of every project root (a root without a deployment.toml has none). */
export function readMqttFactories(roots: string[]): ConnectionFactory[] {
  const out: ConnectionFactory[] = [];
  for (const root of roots) {
    const found = readDeploymentToml(root);
    if (!found) continue;
    try {
      out.push(...mqttFactoriesFromToml(parseToml(found.text, found.file)));
    } catch {
      // Reported with file, line and column by readFactories (brokers.ts), which reads the same file.
    }
  }
  return out;
}
