/**
 * RabbitMQ connection and topology settings as MI names them (RabbitMQConstants): the
 * `rabbitmq.server.*` connection keys, queue and exchange declaration keys with MI's
 * defaults (queue durable true, exchange type direct and durable true), and the
 * `rabbitmq.queue.optional.*` / `rabbitmq.exchange.optional.*` arguments (true/false ->
 * boolean, integers -> numbers, anything else a string).
 */
import { intOf, truthy } from '../config/uri.js';

export interface RabbitServer {
  host: string;
  port: number;
  user: string;
  password: string;
  vhost: string;
  heartbeatSeconds?: number;
}

export function serverOf(p: Record<string, string>): RabbitServer {
  const host = p['rabbitmq.server.host.name'] ?? p['store.rabbitmq.host.name'] ?? 'localhost';
  return {
    host: host === 'localhost' ? '127.0.0.1' : host,
    port: intOf(p['rabbitmq.server.port'] ?? p['store.rabbitmq.host.port'], 5672),
    user: p['rabbitmq.server.user.name'] ?? p['store.rabbitmq.username'] ?? 'guest',
    password: p['rabbitmq.server.password'] ?? p['store.rabbitmq.password'] ?? 'guest',
    vhost: p['rabbitmq.server.virtual.host'] ?? p['store.rabbitmq.virtual.host'] ?? '/',
    heartbeatSeconds: p['rabbitmq.server.heartbeat'] ? intOf(p['rabbitmq.server.heartbeat'], 0) / 1000 || undefined : undefined,
  };
}

export function amqpUrl(s: RabbitServer): string {
  const hb = s.heartbeatSeconds ? `?heartbeat=${Math.max(1, Math.round(s.heartbeatSeconds))}` : '';
  return `amqp://${encodeURIComponent(s.user)}:${encodeURIComponent(s.password)}@${s.host}:${s.port}/${encodeURIComponent(s.vhost)}${hb}`;
}

/** Where to log a server: no password. */
export function serverLabel(s: RabbitServer): string {
  return `${s.host}:${s.port}${s.vhost === '/' ? '' : `/${s.vhost}`}`;
}

export interface QueueDeclaration {
  name: string;
  autodeclare: boolean;
  durable: boolean;
  exclusive: boolean;
  autoDelete: boolean;
  arguments: Record<string, unknown>;
}

export interface ExchangeDeclaration {
  name: string;
  autodeclare: boolean;
  type: string;
  durable: boolean;
  autoDelete: boolean;
  arguments: Record<string, unknown>;
}

export function optionalArgs(p: Record<string, string>, prefix: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(p)) {
    if (!k.startsWith(prefix)) continue;
    const t = v.trim();
    out[k.slice(prefix.length)] = t === 'true' ? true : t === 'false' ? false : /^-?\d+$/.test(t) ? Number(t) : t;
  }
  return out;
}

export function queueOf(p: Record<string, string>, name: string | undefined): QueueDeclaration | undefined {
  if (!name) return undefined;
  return {
    name,
    autodeclare: truthy(p['rabbitmq.queue.autodeclare'], true),
    durable: truthy(p['rabbitmq.queue.durable'], true),
    exclusive: truthy(p['rabbitmq.queue.exclusive'], false),
    autoDelete: truthy(p['rabbitmq.queue.auto.delete'], false),
    arguments: optionalArgs(p, 'rabbitmq.queue.optional.'),
  };
}

export function exchangeOf(p: Record<string, string>): ExchangeDeclaration | undefined {
  const name = p['rabbitmq.exchange.name'];
  if (!name) return undefined;
  return {
    name,
    autodeclare: truthy(p['rabbitmq.exchange.autodeclare'], true) && !name.startsWith('amq.'),
    type: p['rabbitmq.exchange.type'] || 'direct',
    durable: truthy(p['rabbitmq.exchange.durable'], true),
    autoDelete: truthy(p['rabbitmq.exchange.auto.delete'], false),
    arguments: optionalArgs(p, 'rabbitmq.exchange.optional.'),
  };
}
