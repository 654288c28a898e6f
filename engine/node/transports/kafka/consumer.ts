/**
 * A Kafka consumer as MI's Kafka inbound endpoint runs it (KafkaMessageConsumer of the
 * Kafka inbound connector), on kafkajs: subscribes topic.name (comma-separated) or
 * topic.pattern in group.id, starting where auto.offset.reset says for a group with no
 * committed offset; each record is injected one at a time, its value built with
 * contentType, with the properties MI sets (topic, partitionNo, offset, key, messageValue,
 * timestamp, timestampType, and each record header under kafka.header.prefix).
 *
 * Offsets: with enable.auto.commit (MI's default) a record's offset is committed once its
 * mediation returned, whatever it did. With enable.auto.commit=false a record is committed
 * only when the flow did not set SET_ROLLBACK_ONLY; otherwise it is read again (after
 * failure.retry.interval) up to failure.retry.count times, then skipped and reported to the
 * onError sequence, as MI does.
 */
import type { Consumer, EachBatchPayload, KafkaMessage } from 'kafkajs';
import type { Logger } from '../../../core/logger.js';
import { HeaderMap } from '../../../core/headers.js';
import type { InboundRequest, InjectionTarget } from '../../../runtime/engine.js';
import type { EngineResponse } from '../../../runtime/responses.js';
import { intOf, truthy } from '../config/uri.js';
import { DELIVERY_PROPERTY, DeliveryOutcome } from '../broker-common/outcome.js';
import { kafkaClient } from './client.js';

export interface KafkaConsumerOptions {
  label: string;
  name: string;
  params: Record<string, string>;
  onError: string;
  logger: Logger;
  inject(req: InboundRequest, override?: Partial<InjectionTarget>): Promise<EngineResponse>;
  setState(state: 'listening' | 'failed' | 'starting' | 'stopped', error?: string): void;
}

export class KafkaInboundConsumer {
  private consumer?: Consumer;
  private stopped = false;
  private retries = new Map<string, number>();
  /** Records injected (the runtime view and tests read it). */
  handled = 0;

  constructor(private readonly o: KafkaConsumerOptions) {}

  private get manualCommit(): boolean {
    return !truthy(this.o.params['enable.auto.commit'], true);
  }

  async start(): Promise<void> {
    const p = this.o.params;
    this.o.setState('starting');
    const kafka = kafkaClient(p, `mediate-${this.o.name}`, this.o.logger);
    const consumer = kafka.consumer({
      groupId: p['group.id']!,
      sessionTimeout: intOf(p['session.timeout.ms'], 30000),
      heartbeatInterval: intOf(p['heartbeat.interval.ms'], 3000),
      maxWaitTimeInMs: Math.max(10, intOf(p['poll.timeout'], 100)),
      retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 500, maxRetryTime: 30000 },
    });
    this.consumer = consumer;
    consumer.on(consumer.events.GROUP_JOIN, (e) => {
      this.o.setState('listening');
      const parts = Object.entries(e.payload.memberAssignment).map(([t, ps]) => `${t}[${(ps as number[]).join(',')}]`).join(' ');
      this.o.logger.log('info', `${this.o.label}: joined consumer group ${p['group.id']}${e.payload.isLeader ? ' as leader' : ''}; assigned ${parts || 'no partitions'}`, { component: 'KafkaMessageConsumer' });
    });
    consumer.on(consumer.events.CRASH, (e) => {
      if (!this.stopped) this.o.setState('failed', e.payload.error.message);
    });
    const topics = p['topic.pattern'] ? [new RegExp(p['topic.pattern'])] : (p['topic.name'] ?? '').split(',').map((t) => t.trim()).filter(Boolean);
    const fromBeginning = (p['auto.offset.reset'] ?? 'latest').toLowerCase() === 'earliest';
    // In the background: a cluster that cannot be reached is retried by kafkajs and shown failed meanwhile.
    void (async () => {
      try {
        await consumer.connect();
        await consumer.subscribe({ topics, fromBeginning });
        await consumer.run({ autoCommit: !this.manualCommit, eachBatchAutoResolve: false, eachBatch: (b) => this.onBatch(b) });
      } catch (e) {
        if (this.stopped) return;
        const reason = `cannot consume from Kafka at ${p['bootstrap.servers']}: ${e instanceof Error ? e.message : String(e)}`;
        this.o.setState('failed', reason);
        this.o.logger.log('error', `${this.o.label}: ${reason}`, { component: 'KafkaMessageConsumer' });
      }
    })();
  }

  private async onBatch({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload): Promise<void> {
    for (const message of batch.messages) {
      if (!isRunning() || isStale() || this.stopped) return;
      const ok = await this.onRecord(batch.topic, batch.partition, message);
      const key = `${batch.topic}:${batch.partition}:${message.offset}`;
      if (!ok && this.manualCommit) {
        const tried = (this.retries.get(key) ?? 0) + 1;
        const max = intOf(this.o.params['failure.retry.count'], -1);
        if (max < 0 || tried < max) {
          this.retries.set(key, tried);
          const wait = intOf(this.o.params['failure.retry.interval'], 0);
          if (wait > 0) await new Promise((r) => setTimeout(r, wait));
          // Read the same record again next time (MI seeks back to it).
          this.consumer!.seek({ topic: batch.topic, partition: batch.partition, offset: message.offset });
          return;
        }
        this.retries.delete(key);
        this.o.logger.log('warn', `${this.o.label}: the offset set to the next record since failure retry count exceeded (${batch.topic}-${batch.partition} offset ${message.offset})`, { component: 'KafkaMessageConsumer' });
        await this.reportExhausted(batch.topic, batch.partition, message, max);
      }
      this.retries.delete(key);
      resolveOffset(message.offset);
      if (this.manualCommit) await this.consumer!.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: String(BigInt(message.offset) + 1n) }]);
      await heartbeat();
    }
  }

  /** true when the record was consumed (the flow did not ask to roll back). */
  private async onRecord(topic: string, partition: number, m: KafkaMessage): Promise<boolean> {
    const outcome = new DeliveryOutcome('default');
    try {
      await this.o.inject(this.request(topic, partition, m, { [DELIVERY_PROPERTY]: outcome }));
    } catch (e) {
      this.o.logger.log('error', `${this.o.label}: mediation of ${topic}-${partition} offset ${m.offset} failed: ${e instanceof Error ? e.message : String(e)}`, { component: 'KafkaMessageConsumer' });
      outcome.rollbackOnly = true;
    }
    this.handled++;
    return !outcome.rollbackOnly;
  }

  private async reportExhausted(topic: string, partition: number, m: KafkaMessage, count: number): Promise<void> {
    const message = `Failed to successfully mediate the message to/in the sequence of Kafka Inbound Endpoint: ${this.o.name}, even after ${count} retries.`;
    await this.o.inject(this.request(topic, partition, m, { ERROR_MESSAGE: message, ERROR_CODE: 'RETRY_EXHAUSTED' }), { sequence: this.o.onError }).catch(() => undefined);
  }

  private request(topic: string, partition: number, m: KafkaMessage, extra: Record<string, unknown>): InboundRequest {
    const value = m.value ? new Uint8Array(m.value) : new Uint8Array(0);
    const headers = new HeaderMap();
    headers.set('Content-Type', this.o.params['contentType'] || 'application/json');
    const prefix = this.o.params['kafka.header.prefix'] ?? '';
    const recordHeaders: Record<string, string> = {};
    for (const [k, v] of Object.entries(m.headers ?? {})) {
      if (v === undefined) continue;
      recordHeaders[`${prefix}${k}`] = Array.isArray(v) ? v.map(String).join(',') : String(v);
    }
    return {
      method: 'POST',
      url: '/',
      headers,
      body: { length: value.length, read: async () => value },
      properties: {
        ...recordHeaders,
        topic,
        partitionNo: partition,
        offset: Number(m.offset),
        key: m.key ? m.key.toString('utf8') : null,
        messageValue: new TextDecoder().decode(value),
        timestamp: Number(m.timestamp),
        timestampType: 'CreateTime',
        ...extra,
      },
    };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.consumer?.disconnect().catch(() => undefined);
    this.o.setState('stopped');
  }
}
