/** The MQTT inbound endpoint's parameters (MI's MQTT inbound); the subscriber is engine/node/transports/mqtt. */
import type { InboundProtocolDescriptor } from '../types.js';

export const mqttInboundDescriptor: InboundProtocolDescriptor = {
  protocol: 'mqtt',
  label: 'MQTT',
  help: 'Subscribes to an MQTT topic and injects each message, built with the content type given; QoS 1 and 2 messages are acknowledged only after mediation.',
  mode: 'event',
  classNames: ['org.wso2.carbon.inbound.endpoint.protocol.mqtt.MqttListener'],
  parameters: [
    { name: 'mqtt.connection.factory', type: 'string', help: 'Name of the connection factory (a label in MI; the server comes from the parameters below).', group: 'Connection' },
    { name: 'mqtt.server.host.name', type: 'string', default: 'localhost', help: 'Broker host.', group: 'Connection' },
    { name: 'mqtt.server.port', type: 'integer', default: '1883', help: 'Broker port.', group: 'Connection' },
    { name: 'mqtt.ssl.enable', type: 'boolean', default: 'false', help: 'Connect over TLS (mqtts).', group: 'Connection' },
    { name: 'mqtt.subscription.username', type: 'string', help: 'User name.', group: 'Connection' },
    { name: 'mqtt.subscription.password', type: 'password', help: 'Password.', group: 'Connection' },
    { name: 'mqtt.client.id', type: 'string', help: 'Client id; with a persistent session (mqtt.session.clean=false) it must stay the same, so the endpoint name is used when absent.', group: 'Connection' },
    { name: 'mqtt.reconnection.interval', type: 'integer', default: '1000', help: 'Milliseconds between reconnect attempts.', group: 'Connection' },
    { name: 'mqtt.topic.name', type: 'string', required: true, help: 'Topic (wildcards + and # allowed).', group: 'Basic' },
    { name: 'mqtt.subscription.qos', type: 'enum', values: ['0', '1', '2'], default: '0', help: 'Subscription QoS.', group: 'Basic' },
    { name: 'mqtt.session.clean', type: 'boolean', default: 'false', help: 'false: a persistent session; the broker keeps QoS 1/2 messages published while the endpoint is down.', group: 'Basic' },
    { name: 'content.type', type: 'string', default: 'text/plain', help: 'Content type the message is built with (application/xml, application/json, text/plain ...).', group: 'Basic' },
    { name: 'mqtt.temporary.store.directory', type: 'string', help: 'Paho persistence directory (accepted; the broker session keeps unacknowledged messages here).', group: 'Advanced' },
    { name: 'mqtt.blocking.sender', type: 'boolean', help: 'Accepted for MI compatibility.', group: 'Advanced' },
  ],
};
