/**
 * A JMS listener as MI's proxy transport runs it (JMS ServiceTaskManager, MESSAGING.md §5.1),
 * over STOMP on ActiveMQ: destination transport.jms.Destination (default: the proxy name),
 * queue or topic, transport.jms.MessageSelector, transport.jms.SubscriptionDurable with
 * transport.jms.DurableSubscriberName, transport.jms.ConcurrentConsumers.
 * Acknowledgement: AUTO_ACKNOWLEDGE / DUPS_OK acknowledge on receipt; CLIENT_ACKNOWLEDGE and
 * transacted sessions acknowledge after mediation. When the flow set SET_ROLLBACK_ONLY or
 * SET_RECOVER (axis2 scope), the message is redelivered as ActiveMQ's JMS client does on
 * session.rollback()/recover() (its RedeliveryPolicy runs in the client, not the broker):
 * after redeliveryDelay (default 1000 ms) the same consumer gets it again, redelivered, with
 * the delivery count raised, up to maximumRedeliveries (default 6) times; then it is NACKed,
 * which ActiveMQ takes as a poison ack and dead-letters to ActiveMQ.DLQ. Both settings are read
 * as jms.redeliveryPolicy.* options of the provider URL, as ActiveMQ's client reads them.
 * Shared subscriptions (transport.jms.SharedSubscription with JMSSpecVersion 2.0; ignored
 * at 1.1 as in MI): ActiveMQ Classic has no JMS 2.0 shared consumers, so a shared subscription
 * S on a virtual topic VirtualTopic.T consumes ActiveMQ's consumer queue Consumer.S.VirtualTopic.T,
 * which every subscriber of S competes on; on other topics it is a plain subscription (warned).
 * A message that cannot be built is NACKed (dead-lettered) and consuming goes on.
 * A broker that cannot be reached is reported with the artifact and retried with backoff.
 */
import type { Logger } from '../../../core/logger.js';
import type { InboundRequest } from '../../../runtime/engine.js';
import type { EngineResponse } from '../../../runtime/responses.js';
import { intOf, truthy } from '../config/uri.js';
import { StompClient, type StompMessage } from './stomp-client.js';
import { destinationTypeOf, stompDestination, stompEndpointOf } from './jms-settings.js';
import { deliveryCountOf, inboundContentTypeOf, listenerContentTypeOf, jmsTransportHeaders } from './jms-message.js';
import { buildProblem } from '../broker-common/build-check.js';
import { DELIVERY_PROPERTY, DeliveryOutcome } from '../broker-common/outcome.js';

export interface JmsConsumerOptions {
  label: string;
  /** Name used when transport.jms.Destination is absent (the proxy's name). */
  defaultDestination: string;
  params: Record<string, string>;
  flagScope: 'axis2' | 'default';
  logger: Logger;
  env?: Record<string, string | undefined>;
  inject(req: InboundRequest): Promise<EngineResponse>;
  setState(state: 'listening' | 'failed' | 'starting' | 'stopped', error?: string): void;
}

export class JmsConsumer {
  private clients: StompClient[] = [];
  private stopped = false;
  private retryTimer?: NodeJS.Timeout;
  private backoffMs = 1000;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly o: JmsConsumerOptions) {}

  async start(): Promise<void> {
    this.o.setState('starting');
    await this.connect();
  }

  private get ackMode(): string {
    if (truthy(this.o.params['transport.jms.SessionTransacted'])) return 'SESSION_TRANSACTED';
    return (this.o.params['transport.jms.SessionAcknowledgement'] ?? 'AUTO_ACKNOWLEDGE').toUpperCase();
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const ep = stompEndpointOf(this.o.params, this.o.env);
    const dest = sharedDestination(stompDestination(this.o.params['transport.jms.Destination'] ?? this.o.defaultDestination, destinationTypeOf(this.o.params), this.o.params), this.o.params, (m) =>
      this.o.logger.log('warn', `${this.o.label}: ${m}`, { component: 'JMSListener' }),
    );
    try {
      const count = Math.max(1, intOf(this.o.params['transport.jms.ConcurrentConsumers'], 1));
      const durable = truthy(this.o.params['transport.jms.SubscriptionDurable']) && dest.startsWith('/topic/');
      const subscriber = this.o.params['transport.jms.DurableSubscriberName'] ?? this.o.defaultDestination;
      for (let i = 0; i < (durable ? 1 : count); i++) {
        const client = await StompClient.connect({ host: ep.host, port: ep.port, login: ep.login, passcode: ep.passcode, heartbeat: [10000, 10000], connectTimeoutMs: 5000, clientId: durable ? this.o.params['transport.jms.ClientID'] ?? subscriber : undefined });
        this.clients.push(client);
        client.once('close', () => this.onLost(`the connection to the JMS broker at ${ep.host}:${ep.port} was closed`));
        const prefetch = intOf(this.o.params['transport.jms.PrefetchSize'] ?? this.o.params['activemq.prefetchSize'], 1);
        await client.subscribe(dest, (m) => this.track(this.onMessage(client, m)), {
          ack: 'client-individual',
          selector: this.o.params['transport.jms.MessageSelector'],
          headers: { 'activemq.prefetchSize': prefetch, ...(durable ? { 'activemq.subscriptionName': subscriber } : {}) },
        });
      }
      this.backoffMs = 1000;
      this.o.setState('listening');
      this.o.logger.log('info', `${this.o.label}: consuming ${dest} from ${ep.mappedFrom} (STOMP ${ep.host}:${ep.port}, ${this.ackMode})`, { component: 'JMSListener' });
    } catch (e) {
      this.onLost(`cannot connect to the JMS broker at ${ep.host}:${ep.port} (${ep.mappedFrom}): ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private track(p: Promise<void>): void {
    const t = p.finally(() => this.inFlight.delete(t));
    this.inFlight.add(t);
  }

  private onLost(reason: string): void {
    if (this.stopped || this.retryTimer) return;
    for (const c of this.clients.splice(0)) c.destroy();
    const wait = this.backoffMs;
    this.backoffMs = Math.min(this.backoffMs * 2, 30000);
    this.o.setState('failed', reason);
    this.o.logger.log('error', `${this.o.label}: ${reason}; retrying in ${wait} ms`, { component: 'JMSListener' });
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.connect();
    }, wait);
    this.retryTimer.unref?.();
  }

  private async onMessage(client: StompClient, m: StompMessage): Promise<void> {
    const mode = this.ackMode;
    const ackFirst = mode === 'AUTO_ACKNOWLEDGE' || mode === 'DUPS_OK_ACKNOWLEDGE';
    // Inbound endpoints read the flags in the default scope and resolve the content type as MI's JMS inbound does.
    const contentType = this.o.flagScope === 'default' ? inboundContentTypeOf(m, this.o.params) : listenerContentTypeOf(m, this.o.params);
    const body = new Uint8Array(m.body);
    const problem = contentType === undefined ? `unable to determine the content type (no rule of transport.jms.ContentType matches)` : buildProblem(contentType, body);
    if (problem !== undefined || contentType === undefined) {
      this.o.logger.log('error', `${this.o.label}: JMS message ${m.messageId}: ${problem}; it is dead-lettered`, { component: 'JMSListener' });
      await client.nack(m).catch(() => undefined);
      return;
    }
    if (ackFirst) await client.ack(m).catch(() => undefined);
    const headers = jmsTransportHeaders(m);
    headers.set('Content-Type', contentType);
    const correlation = m.headers['correlation-id'] || m.messageId;
    const { maximumRedeliveries, redeliveryDelay } = redeliveryPolicyOf(this.o.params);
    for (let redeliveries = 0; ; redeliveries++) {
      const outcome = new DeliveryOutcome(this.o.flagScope);
      if (redeliveries > 0) headers.set('JMSRedelivered', 'true');
      try {
        const res = await this.o.inject({
          method: 'POST',
          url: '/',
          headers,
          body: { length: body.length, read: async () => body },
          properties: { [DELIVERY_PROPERTY]: outcome, JMS_COORELATION_ID: correlation, 'jms.message.delivery.count': deliveryCountOf(m) + redeliveries },
        });
        await this.reply(client, m, correlation, res);
      } catch (e) {
        this.o.logger.log('error', `${this.o.label}: mediation failed: ${e instanceof Error ? e.message : String(e)}`, { component: 'JMSListener' });
        outcome.rollbackOnly = true;
      }
      if (ackFirst) return;
      if (!outcome.failed) {
        await client.ack(m).catch(() => undefined);
        return;
      }
      // Stopping: left unacknowledged, the broker redelivers it to the next consumer.
      if (this.stopped) return;
      if (redeliveries >= maximumRedeliveries) {
        if (maximumRedeliveries > 0) this.o.logger.log('warn', `${this.o.label}: JMS message ${m.messageId} rolled back after ${redeliveries} redeliveries (maximumRedeliveries ${maximumRedeliveries}); it is dead-lettered`, { component: 'JMSListener' });
        await client.nack(m).catch(() => undefined);
        return;
      }
      await new Promise((r) => setTimeout(r, redeliveryDelay));
    }
  }

  /**
   * The answer of a two-way flow (MI's JMS reply): to the request's JMSReplyTo, else the
   * transport.jms.ReplyDestination parameter (a queue unless transport.jms.ReplyDestinationType
   * says topic), with JMSCorrelationID = the request's correlation id, else its message id.
   * A flow that answered nobody (202: OUT_ONLY, drop, no respond) sends nothing.
   */
  private async reply(client: StompClient, m: StompMessage, correlation: string, res: EngineResponse): Promise<void> {
    const named = this.o.params['transport.jms.ReplyDestination'];
    const type = (this.o.params['transport.jms.ReplyDestinationType'] ?? 'queue').toLowerCase() === 'topic' ? 'topic' : 'queue';
    const to = m.headers['reply-to'] || (named ? stompDestination(named, type, this.o.params) : undefined);
    if (!to || res.status === 202) return;
    const body = res.body instanceof Uint8Array ? res.body : await res.body.read();
    const contentType = res.headers.find(([k]) => k.toLowerCase() === 'content-type')?.[1];
    const headers: Record<string, string | undefined> = { 'correlation-id': correlation, 'amq-msg-type': 'text', 'content-type': contentType, persistent: 'true' };
    const ctProperty = this.o.params['transport.jms.ContentTypeProperty'];
    if (ctProperty && contentType) headers[ctProperty] = contentType;
    await client.send(to, Buffer.from(body), headers, true);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    await Promise.allSettled([...this.inFlight]);
    for (const c of this.clients.splice(0)) await c.disconnect();
    this.o.setState('stopped');
  }
}

/** ActiveMQ's client RedeliveryPolicy defaults, overridable by jms.redeliveryPolicy.* options of the provider URL (or parameters of that name). */
export function redeliveryPolicyOf(params: Record<string, string>): { maximumRedeliveries: number; redeliveryDelay: number } {
  const url = params['java.naming.provider.url'] ?? '';
  const option = (name: string): string | undefined => {
    const direct = params[`jms.redeliveryPolicy.${name}`] ?? params[`redeliveryPolicy.${name}`];
    if (direct !== undefined) return direct;
    return new RegExp(`[?&]jms\\.redeliveryPolicy\\.${name}=([^&]+)`).exec(url)?.[1];
  };
  const max = Number(option('maximumRedeliveries'));
  const delay = Number(option('initialRedeliveryDelay') ?? option('redeliveryDelay'));
  return {
    // -1 means unlimited in ActiveMQ; Mediate caps it so a poison message cannot loop forever.
    maximumRedeliveries: Number.isInteger(max) ? (max < 0 ? 1000 : max) : 6,
    redeliveryDelay: Number.isFinite(delay) && delay >= 0 ? delay : 1000,
  };
}

/** The STOMP destination a JMS 2.0 shared topic subscription consumes on ActiveMQ Classic (see the header). */
export function sharedDestination(dest: string, params: Record<string, string>, warn: (m: string) => void = () => undefined): string {
  if (!truthy(params['transport.jms.SharedSubscription']) || !dest.startsWith('/topic/')) return dest;
  if ((params['transport.jms.JMSSpecVersion'] ?? '1.1') !== '2.0') return dest;
  const topic = dest.slice('/topic/'.length);
  const name = params['transport.jms.DurableSubscriberName'] ?? params['transport.jms.SubscriptionName'];
  if (!name || !topic.startsWith('VirtualTopic.')) {
    warn(`ActiveMQ Classic has no JMS 2.0 shared subscriptions; ${dest} is consumed by a plain topic subscription (use a VirtualTopic.* topic and a DurableSubscriberName to share it)`);
    return dest;
  }
  return `/queue/Consumer.${name}.${topic}`;
}
