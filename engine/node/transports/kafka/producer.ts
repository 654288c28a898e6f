/**
 * Publishing to Kafka. MI 4.4 has no `kafka:` address endpoint: its only Kafka sender is the
 * kafkaTransport connector (`<kafkaTransport.publishMessages>`), so this is the producer that
 * connector's implementation uses: one kafkajs producer per bootstrap.servers list, kept and
 * reused, sending the message value with an optional key, partition and headers.
 */
import type { Producer } from 'kafkajs';
import type { Logger } from '../../../core/logger.js';
import { kafkaClient } from './client.js';

export interface KafkaRecordToSend {
  topic: string;
  value: Uint8Array | string;
  key?: string;
  partition?: number;
  headers?: Record<string, string>;
}

export interface KafkaSendResult {
  topic: string;
  partition: number;
  offset: string;
}

export class KafkaProducers {
  private readonly producers = new Map<string, Promise<Producer>>();

  constructor(private readonly logger: Logger) {}

  /** Sends one record with the connection parameters MI's connector takes (bootstrap.servers ...); rejects with the broker's reason. */
  async send(params: Record<string, string | undefined>, record: KafkaRecordToSend): Promise<KafkaSendResult> {
    const producer = await this.producerFor(params);
    const [meta] = await producer.send({
      topic: record.topic,
      messages: [{ value: typeof record.value === 'string' ? record.value : Buffer.from(record.value), key: record.key, partition: record.partition, headers: record.headers }],
    });
    return { topic: record.topic, partition: meta?.partition ?? record.partition ?? 0, offset: meta?.baseOffset ?? '-1' };
  }

  private producerFor(params: Record<string, string | undefined>): Promise<Producer> {
    const key = `${params['bootstrap.servers'] ?? ''}|${params['security.protocol'] ?? ''}|${params['sasl.jaas.config'] ?? ''}`;
    let p = this.producers.get(key);
    if (!p) {
      const producer = kafkaClient(params, 'mediate-producer', this.logger).producer({ allowAutoTopicCreation: true });
      p = producer.connect().then(() => producer);
      p.catch(() => this.producers.get(key) === p && this.producers.delete(key));
      this.producers.set(key, p);
    }
    return p;
  }

  async close(): Promise<void> {
    const all = [...this.producers.values()];
    this.producers.clear();
    await Promise.all(all.map((p) => p.then((x) => x.disconnect(), () => undefined).catch(() => undefined)));
  }
}
