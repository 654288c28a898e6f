/**
 * The Kafka inbound endpoint's parameters (MI's Kafka inbound, the KafkaMessageConsumer of
 * the Kafka inbound connector, used with `class=` or `protocol="kafka"`); the consumer is
 * engine/node/transports/kafka (kafkajs).
 */
import type { InboundProtocolDescriptor } from '../types.js';

export const kafkaInboundDescriptor: InboundProtocolDescriptor = {
  protocol: 'kafka',
  label: 'Kafka',
  help: 'Consumes Kafka topics in a consumer group and injects each record with its topic, partition, offset, key and headers as properties; the offset is committed after mediation.',
  mode: 'event',
  classNames: ['org.wso2.carbon.inbound.kafka.KafkaMessageConsumer'],
  parameters: [
    { name: 'bootstrap.servers', type: 'string', required: true, help: 'Comma-separated host:port list of the brokers.', group: 'Connection' },
    { name: 'client.id', type: 'string', help: 'Client id sent to the brokers.', group: 'Connection' },
    { name: 'security.protocol', type: 'enum', values: ['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL'], default: 'PLAINTEXT', help: 'How to reach the brokers.', group: 'Connection' },
    { name: 'sasl.mechanism', type: 'enum', values: ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'], help: 'SASL mechanism.', group: 'Connection' },
    { name: 'sasl.jaas.config', type: 'string', help: 'JAAS line carrying username="..." password="...".', group: 'Connection' },
    { name: 'topic.name', type: 'string', help: 'Topic(s) to subscribe, comma-separated (this or topic.pattern).', group: 'Basic' },
    { name: 'topic.pattern', type: 'regex', help: 'Regular expression of the topics to subscribe (this or topic.name).', group: 'Basic' },
    { name: 'group.id', type: 'string', required: true, help: 'Consumer group.', group: 'Basic' },
    { name: 'contentType', type: 'string', required: true, help: 'Content type the record value is built with (application/json, application/xml, text/plain ...).', group: 'Basic' },
    { name: 'key.deserializer', type: 'string', required: true, help: 'Key deserializer class, e.g. org.apache.kafka.common.serialization.StringDeserializer (String and ByteArray deserializers are read as text).', group: 'Basic' },
    { name: 'value.deserializer', type: 'string', required: true, help: 'Value deserializer class.', group: 'Basic' },
    { name: 'poll.timeout', type: 'integer', required: true, help: 'Milliseconds one poll waits for records (the longest a fetch waits at the broker).', group: 'Basic' },
    { name: 'auto.offset.reset', type: 'enum', values: ['latest', 'earliest'], default: 'latest', help: 'Where a group without a committed offset starts.', group: 'Delivery' },
    { name: 'enable.auto.commit', type: 'boolean', default: 'true', help: 'true: offsets are committed as records are handled; false: each record is committed after mediation succeeds, and a failed one (SET_ROLLBACK_ONLY or a fault) is read again.', group: 'Delivery' },
    { name: 'failure.retry.count', type: 'integer', default: '-1', help: 'With enable.auto.commit=false: how often a failed record is retried before it is skipped and reported to onError (-1: for ever).', group: 'Delivery' },
    { name: 'failure.retry.interval', type: 'integer', help: 'Milliseconds to wait before a failed record is retried.', group: 'Delivery' },
    { name: 'kafka.header.prefix', type: 'string', default: '', help: 'Prefix of the properties the record headers become.', group: 'Delivery' },
    { name: 'session.timeout.ms', type: 'integer', default: '30000', help: 'Group session timeout.', group: 'Advanced' },
    { name: 'heartbeat.interval.ms', type: 'integer', default: '3000', help: 'Group heartbeat interval.', group: 'Advanced' },
    { name: 'max.poll.records', type: 'integer', default: '500', help: 'Records per poll (accepted; kafkajs fetches by bytes).', group: 'Advanced' },
    { name: 'inbound.behavior', type: 'enum', values: ['polling', 'eventBased'], default: 'polling', help: 'How MI drives the connector (accepted; records are consumed as they arrive either way).', group: 'Advanced' },
  ],
};
