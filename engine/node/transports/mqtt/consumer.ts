/**
 * An MQTT subscriber as MI's MQTT inbound endpoint and MQTT transport listener run it: one
 * client on the topic at the subscription QoS, clean or persistent session, each message
 * built with the configured content type and injected one at a time. QoS 1 and 2 messages
 * are acknowledged (PUBACK / PUBCOMP) only after the mediation returns, so a runtime that
 * dies mid-flow gets the message again from a persistent session (at-least-once). A message
 * that cannot be built faults in the flow and goes to its fault sequence (onError); the
 * subscriber goes on with the next one. A broker that cannot be reached is reported with
 * the artifact and retried every mqtt.reconnection.interval.
 */
import mqtt from 'mqtt';
import type { Logger } from '../../../core/logger.js';
import { HeaderMap } from '../../../core/headers.js';
import type { InboundRequest } from '../../../runtime/engine.js';
import type { EngineResponse } from '../../../runtime/responses.js';
import type { MqttSubscription } from './settings.js';

export interface MqttConsumerOptions {
  label: string;
  subscription: MqttSubscription;
  contentType: string;
  logger: Logger;
  inject(req: InboundRequest): Promise<EngineResponse>;
  setState(state: 'listening' | 'failed' | 'starting' | 'stopped', error?: string): void;
}

type Client = ReturnType<typeof mqtt.connect>;

export class MqttConsumer {
  private client?: Client;
  private stopped = false;
  private inFlight?: Promise<unknown>;
  /** Messages injected (the runtime view and tests read it). */
  handled = 0;

  constructor(private readonly o: MqttConsumerOptions) {}

  /**
   * Resolves once subscribed, or once the first attempt failed (a broker that is down is then
   * retried in the background, shown failed meanwhile).
   */
  async start(): Promise<void> {
    const s = this.o.subscription;
    let settle!: () => void;
    const firstAttempt = new Promise<void>((resolve) => (settle = resolve));
    this.o.setState('starting');
    const client = mqtt.connect(s.url, { clientId: s.clientId, clean: s.clean, username: s.username, password: s.password, reconnectPeriod: s.reconnectMs, connectTimeout: 5000, resubscribe: false });
    this.client = client;
    // Mediation before the acknowledgement; the next packet is read only after done().
    client.handleMessage = (packet, done) => {
      const run = this.onMessage(packet.topic, Buffer.from(packet.payload as Uint8Array), packet.qos, packet.retain, packet.messageId);
      this.inFlight = run;
      void run.then(() => done(), () => done());
    };
    client.on('connect', (ack) => {
      // A persistent session the broker still holds keeps the subscription; subscribing again is harmless.
      client.subscribe(s.topic, { qos: s.qos }, (err) => {
        if (err) {
          this.o.setState('failed', `cannot subscribe to ${s.topic}: ${err.message}`);
          this.o.logger.log('error', `${this.o.label}: cannot subscribe to MQTT topic ${s.topic} on ${s.server}: ${err.message}`, { component: 'MqttListener' });
          settle();
          return;
        }
        settle();
        this.o.setState('listening');
        this.o.logger.log('info', `${this.o.label}: subscribed to MQTT topic ${s.topic} on ${s.server} (QoS ${s.qos}, ${s.clean ? 'clean session' : `persistent session, client id ${s.clientId}${ack.sessionPresent ? ', resumed' : ''}`})`, { component: 'MqttListener' });
      });
    });
    client.on('error', (e) => {
      this.lost(`cannot connect to the MQTT server at ${s.server}: ${e.message}`);
      settle();
    });
    client.on('offline', () => {
      this.lost(`the MQTT server at ${s.server} is unreachable`);
      settle();
    });
    await firstAttempt;
  }

  private lost(reason: string): void {
    if (this.stopped) return;
    this.o.setState('failed', reason);
    this.o.logger.log('error', `${this.o.label}: ${reason}; retrying every ${this.o.subscription.reconnectMs} ms`, { component: 'MqttListener' });
  }

  private async onMessage(topic: string, payload: Buffer, qos: number, retained: boolean, messageId: number | undefined): Promise<void> {
    const headers = new HeaderMap();
    headers.set('Content-Type', this.o.contentType);
    const body = new Uint8Array(payload);
    try {
      await this.o.inject({
        method: 'POST',
        url: '/',
        headers,
        body: { length: body.length, read: async () => body },
        properties: { 'mqtt.topic.name': topic, 'mqtt.message.qos': String(qos), ...(retained ? { 'mqtt.message.retained': 'true' } : {}), ...(messageId !== undefined ? { 'mqtt.message.id': String(messageId) } : {}) },
      });
    } catch (e) {
      this.o.logger.log('error', `${this.o.label}: mediation of a message from ${topic} failed: ${e instanceof Error ? e.message : String(e)}`, { component: 'MqttListener' });
    }
    this.handled++;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.inFlight?.catch(() => undefined);
    // A persistent session stays subscribed on the broker (what it keeps is delivered on restart).
    await this.client?.endAsync().catch(() => undefined);
    this.o.setState('stopped');
  }
}
