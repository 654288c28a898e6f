/**
 * The Kafka inbound endpoint and the Kafka producer. No Kafka broker can run on this
 * machine, so these tests run against the Kafka protocol fake (test/support/kafka-fake), a
 * TCP server speaking the Kafka wire protocol kafkajs uses, started by the test.
 * They check the record reaches the sequence with MI's properties, offsets are committed
 * after mediation, a rolled-back record is read again with enable.auto.commit=false, and a
 * missing mandatory parameter fails only that endpoint.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KafkaFake } from '../../../../test/support/kafka-fake/server.js';
import { startTestProject, synapse, waitFor, type TestProject } from '../testing/project.js';
import { MemoryLogger } from '../../../core/logger.js';
import { KafkaProducers } from './producer.js';

const STRING = 'org.apache.kafka.common.serialization.StringDeserializer';
function endpoint(name: string, bootstrap: string, topic: string, group: string, extra = ''): string {
  return synapse(`<inboundEndpoint name="${name}" sequence="${name}Seq" onError="${name}Err" class="org.wso2.carbon.inbound.kafka.KafkaMessageConsumer" suspend="false"><parameters>
    <parameter name="inbound.behavior">polling</parameter><parameter name="interval">10</parameter><parameter name="sequential">true</parameter>
    <parameter name="bootstrap.servers">${bootstrap}</parameter><parameter name="topic.name">${topic}</parameter><parameter name="group.id">${group}</parameter>
    <parameter name="contentType">application/json</parameter><parameter name="poll.timeout">100</parameter>
    <parameter name="key.deserializer">${STRING}</parameter><parameter name="value.deserializer">${STRING}</parameter>
    <parameter name="auto.offset.reset">earliest</parameter>${extra}
  </parameters></inboundEndpoint>`);
}

describe('Kafka inbound endpoint and producer (against the Kafka protocol fake: no Kafka broker can run here)', () => {
  let fake: KafkaFake;
  let producers: KafkaProducers;
  let p: TestProject;
  const logged = (prefix: string) => p.logger.messages().filter((m) => m.startsWith(`${prefix} = `)).map((m) => m.slice(prefix.length + 3));

  beforeAll(async () => {
    fake = await new KafkaFake().start();
    producers = new KafkaProducers(new MemoryLogger());
    p = await startTestProject({
      'Orders.xml': endpoint('Orders', fake.bootstrap, 'orders', 'g-orders'),
      'OrdersSeq.xml': synapse(`<sequence name="OrdersSeq"><log level="custom">
        <property name="record" expression="concat(get-property('topic'), '|', get-property('partitionNo'), '|', get-property('offset'), '|', get-property('key'), '|', get-property('trace'))"/><property name="id" expression="json-eval($.id)"/>
      </log></sequence>`),
      'OrdersErr.xml': synapse(`<sequence name="OrdersErr"><log level="custom"><property name="ordersError" expression="get-property('ERROR_MESSAGE')"/></log></sequence>`),
      'Retry.xml': endpoint('Retry', fake.bootstrap, 'retry', 'g-retry', '<parameter name="enable.auto.commit">false</parameter><parameter name="failure.retry.count">3</parameter>'),
      'RetrySeq.xml': synapse(`<sequence name="RetrySeq"><log level="custom"><property name="retry" expression="json-eval($.n)"/></log>
        <filter source="json-eval($.n)" regex="bad"><then><property name="SET_ROLLBACK_ONLY" value="true"/></then></filter></sequence>`),
      'RetryErr.xml': synapse(`<sequence name="RetryErr"><log level="custom"><property name="retryError" expression="get-property('ERROR_CODE')"/></log></sequence>`),
      'Broken.xml': synapse(`<inboundEndpoint name="Broken" sequence="OrdersSeq" onError="fault" protocol="kafka" suspend="false"><parameters>
        <parameter name="bootstrap.servers">${fake.bootstrap}</parameter><parameter name="topic.name">orders</parameter></parameters></inboundEndpoint>`),
    });
  });
  afterAll(async () => {
    await p?.close();
    await producers?.close();
    await fake?.stop();
  });

  it('injects each record with MI\'s properties (topic, partitionNo, offset, key, headers) and commits the next offset', async () => {
    await waitFor(() => p.host.active.statuses().find((s) => s.artifact === 'inbound-endpoint:Orders' && s.state === 'listening'), 'Orders joined its group', 10000);
    const sent = await producers.send({ 'bootstrap.servers': fake.bootstrap }, { topic: 'orders', value: '{"id":"A1"}', key: 'customer-7', headers: { trace: 't-1' } });
    expect(sent).toEqual({ topic: 'orders', partition: 0, offset: '0' });
    await producers.send({ 'bootstrap.servers': fake.bootstrap }, { topic: 'orders', value: '{"id":"A2"}', key: 'customer-8', headers: { trace: 't-2' } });
    await waitFor(() => logged('record').length >= 2, 'both records', 10000);
    expect(logged('record')).toEqual(['orders|0|0|customer-7|t-1, id = A1', 'orders|0|1|customer-8|t-2, id = A2']);
    await waitFor(() => fake.group('g-orders').committed('orders', 0) === 2n, 'the committed offset 2', 10000);
  });

  it('enable.auto.commit=false: a rolled-back record is read again up to failure.retry.count, then skipped to onError; the next record follows', async () => {
    await waitFor(() => p.host.active.statuses().find((s) => s.artifact === 'inbound-endpoint:Retry' && s.state === 'listening'), 'Retry joined its group', 10000);
    await producers.send({ 'bootstrap.servers': fake.bootstrap }, { topic: 'retry', value: '{"n":"bad"}' });
    await producers.send({ 'bootstrap.servers': fake.bootstrap }, { topic: 'retry', value: '{"n":"good"}' });
    await waitFor(() => logged('retry').includes('good'), 'the record after the failing one', 15000);
    expect(logged('retry')).toEqual(['bad', 'bad', 'bad', 'good']);
    expect(logged('retryError')).toEqual(['RETRY_EXHAUSTED']);
    await waitFor(() => fake.group('g-retry').committed('retry', 0) === 2n, 'the committed offset past both records', 10000);
  });

  it('an endpoint without the mandatory parameters is refused at deploy, naming each, and the others run', () => {
    expect(p.host.active.statuses().find((s) => s.artifact === 'inbound-endpoint:Broken')).toBeUndefined();
    const refusals = p.logger.messages().filter((m) => m.includes('Broken.xml failed'));
    for (const name of ['key.deserializer', 'value.deserializer', 'group.id', 'poll.timeout', 'contentType']) expect(refusals.join('\n')).toContain(`parameter ${name} is required`);
    expect(p.host.active.statuses().find((s) => s.artifact === 'inbound-endpoint:Orders')?.state).toBe('listening');
  });

  it('an endpoint with neither topic.name nor topic.pattern fails alone at start', async () => {
    p.write('NoTopic.xml', endpoint('NoTopic', fake.bootstrap, '', 'g-none').replace('<parameter name="topic.name"></parameter>', ''));
    await p.refresh();
    const s = p.host.active.statuses().find((x) => x.artifact === 'inbound-endpoint:NoTopic');
    expect(s?.state).toBe('failed');
    expect(s?.lastError).toContain('Mandatory Parameters cannot be Empty: topic.name or topic.pattern');
  });
});
