/**
 * No Kafka broker can run on this machine: this case runs against the Kafka protocol fake
 * (test/support/kafka-fake), a TCP server speaking the Kafka wire protocol, started here
 * with topic `test` already holding six records, so the page's record lands at offset 6.
 */
import { expect } from 'vitest';
import { defineCase, replace } from '../../case.js';
import { KafkaFake } from '../../../support/kafka-fake/server.js';
import { KafkaProducers } from '../../../../engine/node/transports/kafka/producer.js';
import { MemoryLogger } from '../../../../engine/core/logger.js';
import { consuming, until } from './_listening.js';

const fake = await new KafkaFake().start();

export default defineCase({
  id: 'inbound-endpoints/kafka-inbound-endpoint',
  title: 'Kafka inbound endpoint (class= KafkaMessageConsumer) on topic test: full log of the JSON record, then partitionNo, messageValue and offset; the group offset is committed',
  status: 'pass',
  deviates: [
    'runs against the Kafka protocol fake of test/support/kafka-fake (no Kafka broker can run here); bootstrap.servers localhost:9092 is pointed at it',
    "MI's Kafka inbound gives the message a bare UUID MessageID; Mediate's injected messages keep urn:uuid: ids (not asserted)",
  ],
  docsWrong: ['topic.names (snippet_topic_names.xml) is not a parameter of the connector: only topic.name and topic.pattern are (not deployed)'],
  artifacts: [{ file: 'inboundendpoint_KAFKAListenerEP.xml', edits: [replace('localhost:9092', fake.bootstrap)] }, { file: 'sequence_kafka_process_seq.xml' }],
  async run(t) {
    const producers = new KafkaProducers(new MemoryLogger());
    try {
      // auto.offset.reset is latest (the connector's default): records from before the group joined are not read.
      for (let i = 0; i < 6; i++) await producers.send({ 'bootstrap.servers': fake.bootstrap }, { topic: 'test', value: `{"earlier":${i}}` });
      await consuming(t, 'inbound-endpoint:KAFKAListenerEP');
      await until('the group has joined', () => t.logs().some((l) => l.includes('joined consumer group hello')), 10000);
      // "latest" is resolved when the member first fetches; a record produced before that would be skipped, on Kafka too.
      await until('the member fetches', () => (fake.requests.get(1) ?? 0) > 0, 10000);
      const sent = await producers.send({ 'bootstrap.servers': fake.bootstrap }, { topic: 'test', value: '{"test":"wso2"}' });
      expect(sent.offset).toBe('6');
      await t.waitForLog(/Direction: request, .*Payload: \{"test":"wso2"\}/, 8000);
      await t.waitForLog(/partitionNo = 0$/, 4000);
      await t.waitForLog(/messageValue = \{"test":"wso2"\}$/, 4000);
      await t.waitForLog(/offset = 6$/, 4000);
      expect(t.logs().filter((l) => l.includes('earlier'))).toEqual([]);
      await until('the committed offset 7 for group hello', () => fake.group('hello').committed('test', 0) === 7n, 8000);
    } finally {
      // The fake is in-process and does not keep the worker alive; it stays up until the runtime's consumer has left the group.
      await producers.close();
    }
  },
});
