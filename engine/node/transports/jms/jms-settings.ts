/**
 * JMS configuration (JNDI style, as MI writes it) mapped onto ActiveMQ's STOMP connector.
 * MI names the broker by its OpenWire URL (`java.naming.provider.url=tcp://localhost:61616`);
 * Node has no maintained OpenWire client, so Mediate speaks STOMP to the same host on the
 * broker's STOMP port: `mediate.jms.stomp.port` (URI/proxy parameter or toml
 * `parameter.stomp_port`), else MEDIATE_JMS_STOMP_PORT, else 61613.
 * Destinations: JNDI entries `queue.<jndi>=<physical>` / `topic.<jndi>=<physical>` and
 * `dynamicQueues/X` / `dynamicTopics/X` resolve to the physical name; other names are used
 * as they are (MI registers unknown names on the fly, so physical = configured).
 */
export const DEFAULT_STOMP_PORT = 61613;

export interface StompEndpoint {
  host: string;
  port: number;
  login?: string;
  passcode?: string;
  /** Said in the log once per broker: what OpenWire URL was mapped to which STOMP address. */
  mappedFrom: string;
}

export function stompEndpointOf(params: Record<string, string>, env: Record<string, string | undefined> = process.env): StompEndpoint {
  const provider = params['java.naming.provider.url'] ?? 'tcp://localhost:61616';
  const m = /(?:tcp|nio|ssl|stomp|amqp|vm|auto)(?:\+\w+)?:\/\/([^:/?,)]+)(?::(\d+))?/i.exec(provider);
  const host = m?.[1] === 'localhost' || !m?.[1] ? '127.0.0.1' : m[1];
  const explicit = params['mediate.jms.stomp.port'] ?? env.MEDIATE_JMS_STOMP_PORT;
  const port = explicit && Number.isFinite(Number(explicit)) ? Number(explicit) : /^stomp/i.test(provider) && m?.[2] ? Number(m[2]) : DEFAULT_STOMP_PORT;
  return {
    host,
    port,
    login: params['transport.jms.UserName'] ?? params['store.jms.username'],
    passcode: params['transport.jms.Password'] ?? params['store.jms.password'],
    mappedFrom: provider,
  };
}

export type DestinationType = 'queue' | 'topic';

/** The STOMP destination (`/queue/X`, `/topic/X`) for a JMS destination name. */
export function stompDestination(name: string, type: DestinationType, params: Record<string, string>): string {
  if (name.startsWith('/queue/') || name.startsWith('/topic/') || name.startsWith('/temp-queue/') || name.startsWith('/temp-topic/')) return name;
  let physical = name;
  let kind = type;
  const dyn = /^dynamic(Queues|Topics)\/(.+)$/.exec(name);
  if (dyn) {
    physical = dyn[2]!;
    kind = dyn[1] === 'Topics' ? 'topic' : 'queue';
  } else if (params[`queue.${name}`] !== undefined) {
    physical = params[`queue.${name}`]!;
    kind = 'queue';
  } else if (params[`topic.${name}`] !== undefined) {
    physical = params[`topic.${name}`]!;
    kind = 'topic';
  }
  return `/${kind}/${physical}`;
}

export function destinationTypeOf(params: Record<string, string>): DestinationType {
  const t = (params['transport.jms.DestinationType'] ?? params['transport.jms.ConnectionFactoryType'] ?? 'queue').toLowerCase();
  return t === 'topic' ? 'topic' : 'queue';
}

/** A STOMP reply-to header value back to a JMS-style name (`/queue/R` -> `R`). */
export function jmsName(stompDest: string): string {
  return stompDest.replace(/^\/(queue|topic|temp-queue|temp-topic)\//, '');
}
