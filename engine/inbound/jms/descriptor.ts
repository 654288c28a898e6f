/** The JMS inbound endpoint's parameters (MI's JMS inbound, MESSAGING.md §5); the consumer is engine/node/transports/jms (ActiveMQ over STOMP). */
import type { InboundProtocolDescriptor } from '../types.js';

export const jmsInboundDescriptor: InboundProtocolDescriptor = {
  protocol: 'jms',
  label: 'JMS',
  help: 'Consumes a JMS queue or topic (ActiveMQ, reached over its STOMP connector) and injects each message; acknowledges or redelivers it after mediation.',
  mode: 'event',
  classNames: ['org.wso2.carbon.inbound.endpoint.protocol.jms.JMSProcessor'],
  parameters: [
    { name: 'java.naming.factory.initial', type: 'string', default: 'org.apache.activemq.jndi.ActiveMQInitialContextFactory', help: 'JNDI initial context factory (kept for MI; the broker is reached over STOMP).', group: 'Connection' },
    { name: 'java.naming.provider.url', type: 'string', default: 'tcp://localhost:61616', help: 'Broker URL; Mediate connects to the same host on the STOMP port (mediate.jms.stomp.port, default 61613).', group: 'Connection' },
    { name: 'transport.jms.ConnectionFactoryJNDIName', type: 'string', default: 'QueueConnectionFactory', help: 'JNDI name of the connection factory.', group: 'Connection' },
    { name: 'transport.jms.ConnectionFactoryType', type: 'enum', values: ['queue', 'topic'], default: 'queue', help: 'Queue or topic.', group: 'Connection' },
    { name: 'transport.jms.UserName', type: 'string', help: 'User name.', group: 'Connection' },
    { name: 'transport.jms.Password', type: 'password', help: 'Password.', group: 'Connection' },
    { name: 'mediate.jms.stomp.port', type: 'integer', default: '61613', help: 'STOMP port of the broker (Mediate only).', group: 'Connection' },
    { name: 'transport.jms.Destination', type: 'string', required: true, help: 'Queue or topic to consume.', group: 'Basic' },
    { name: 'transport.jms.DestinationType', type: 'enum', values: ['queue', 'topic'], default: 'queue', help: 'Destination type.', group: 'Basic' },
    { name: 'transport.jms.SessionTransacted', type: 'boolean', default: 'false', help: 'Transacted session: rollback on SET_ROLLBACK_ONLY.', group: 'Delivery' },
    { name: 'transport.jms.SessionAcknowledgement', type: 'enum', values: ['AUTO_ACKNOWLEDGE', 'CLIENT_ACKNOWLEDGE', 'DUPS_OK_ACKNOWLEDGE', 'SESSION_TRANSACTED'], default: 'AUTO_ACKNOWLEDGE', help: 'Acknowledgement mode.', group: 'Delivery' },
    { name: 'transport.jms.MessageSelector', type: 'string', help: 'JMS message selector.', group: 'Delivery' },
    { name: 'transport.jms.SubscriptionDurable', type: 'boolean', default: 'false', help: 'Durable topic subscription.', group: 'Delivery' },
    { name: 'transport.jms.DurableSubscriberName', type: 'string', help: 'Durable subscription name.', group: 'Delivery' },
    { name: 'transport.jms.SharedSubscription', type: 'boolean', default: 'false', help: 'JMS 2.0 shared topic subscription named by DurableSubscriberName (spec 2.0 only; on ActiveMQ Classic a VirtualTopic.* consumer queue).', group: 'Delivery' },
    { name: 'transport.jms.ClientID', type: 'string', help: 'Client id for durable subscriptions.', group: 'Delivery' },
    { name: 'transport.jms.ConcurrentConsumers', type: 'integer', default: '1', help: 'Consumers (connections).', group: 'Delivery' },
    { name: 'transport.jms.ContentType', type: 'string', help: 'Content type of incoming messages.', group: 'Delivery' },
    { name: 'transport.jms.CacheLevel', type: 'enum', values: ['none', 'connection', 'session', 'consumer', 'producer', 'auto', '0', '1', '2', '3', '4', '5'], help: 'MI cache level, by name or number (0 none ... 5 auto; accepted, connections are always kept here).', group: 'Advanced' },
    { name: 'transport.jms.JMSSpecVersion', type: 'enum', values: ['1.0.2b', '1.1', '2.0'], default: '1.1', help: 'JMS spec version.', group: 'Advanced' },
  ],
};
