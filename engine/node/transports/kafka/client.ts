/**
 * A kafkajs client from MI's Kafka parameter names (bootstrap.servers, client.id,
 * security.protocol, sasl.mechanism, sasl.jaas.config), shared by the inbound consumer and
 * the producer the Kafka connector uses. kafkajs' own log goes to the runtime log at warn.
 */
import { Kafka, logLevel, type SASLOptions } from 'kafkajs';
import type { Logger } from '../../../core/logger.js';

export function kafkaClient(params: Record<string, string | undefined>, fallbackClientId: string, logger: Logger): Kafka {
  const brokers = (params['bootstrap.servers'] ?? 'localhost:9092')
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean)
    .map((b) => b.replace(/^localhost:/, '127.0.0.1:'));
  const protocol = (params['security.protocol'] ?? 'PLAINTEXT').toUpperCase();
  return new Kafka({
    clientId: params['client.id'] || fallbackClientId,
    brokers,
    ssl: protocol === 'SSL' || protocol === 'SASL_SSL',
    sasl: protocol.startsWith('SASL_') ? saslOf(params) : undefined,
    connectionTimeout: 5000,
    retry: { retries: 5, initialRetryTime: 300, maxRetryTime: 30000 },
    logLevel: logLevel.WARN,
    logCreator: () => (entry) => logger.log(entry.level <= logLevel.ERROR ? 'error' : 'warn', `Kafka client: ${entry.log.message}`, { component: 'KafkaClient' }),
  });
}

/** username="..." password="..." of a JAAS line, with the mechanism MI names. */
function saslOf(params: Record<string, string | undefined>): SASLOptions {
  const jaas = params['sasl.jaas.config'] ?? '';
  const username = /username\s*=\s*"([^"]*)"/.exec(jaas)?.[1] ?? '';
  const password = /password\s*=\s*"([^"]*)"/.exec(jaas)?.[1] ?? '';
  const mechanism = (params['sasl.mechanism'] ?? 'PLAIN').toUpperCase();
  if (mechanism === 'SCRAM-SHA-256') return { mechanism: 'scram-sha-256', username, password };
  if (mechanism === 'SCRAM-SHA-512') return { mechanism: 'scram-sha-512', username, password };
  return { mechanism: 'plain', username, password };
}
