/**
 * The inbound protocols' descriptors (data only): what compile-time validation and the studio's
 * forms know. Add a protocol's descriptor here; its implementation registers with the host's
 * InboundProtocolRegistry (engine/node/transports/index.ts).
 */
import type { InboundProtocolDescriptor } from './types.js';
import { httpInboundDescriptor } from './http/descriptor.js';
import { httpsInboundDescriptor } from './https/descriptor.js';
import { fileInboundDescriptor } from './file/descriptor.js';
import { rabbitmqInboundDescriptor } from './rabbitmq/descriptor.js';
import { jmsInboundDescriptor } from './jms/descriptor.js';
import { websocketInboundDescriptor, secureWebsocketInboundDescriptor } from './websocket/descriptor.js';
import { hl7InboundDescriptor } from './hl7/descriptor.js';
import { mqttInboundDescriptor } from './mqtt/descriptor.js';
import { kafkaInboundDescriptor } from './kafka/descriptor.js';

export const inboundDescriptors: InboundProtocolDescriptor[] = [httpInboundDescriptor, httpsInboundDescriptor, fileInboundDescriptor, rabbitmqInboundDescriptor, jmsInboundDescriptor, mqttInboundDescriptor, kafkaInboundDescriptor, websocketInboundDescriptor, secureWebsocketInboundDescriptor, hl7InboundDescriptor];

/** MI's built-in protocol names (InboundRequestProcessorFactoryImpl): known even before a descriptor lands here. */
export const MI_BUILT_IN_PROTOCOLS: readonly string[] = ['jms', 'file', 'http', 'https', 'hl7', 'kafka', 'mqtt', 'rabbitmq', 'ws', 'wss', 'grpc', 'httpws', 'httpswss'];

export function findInboundDescriptor(protocolOrClass: { protocol?: string; className?: string }): InboundProtocolDescriptor | undefined {
  if (protocolOrClass.protocol) return inboundDescriptors.find((d) => d.protocol === protocolOrClass.protocol);
  if (protocolOrClass.className) return inboundDescriptors.find((d) => d.classNames?.includes(protocolOrClass.className!));
  return undefined;
}
