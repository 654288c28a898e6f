/**
 * The HL7 (MLLP) inbound endpoint's parameters: MI's MLLPConstants / InboundHL7Listener and the
 * reference page hl7-inbound-endpoint-properties.md. Defaults are MI's code where the docs
 * differ: the charset decoder defaults to UTF-8 (MLLPConstants.UTF8_CHARSET; the page says
 * US-ASCII), TimeOut to 10000 ms (MLLPConstants.DEFAULT_HL7_TIMEOUT). The listener is
 * engine/node/transports/hl7.
 */
import type { InboundProtocolDescriptor } from '../types.js';

export const hl7InboundDescriptor: InboundProtocolDescriptor = {
  protocol: 'hl7',
  label: 'HL7 (MLLP)',
  help: 'Listens for HL7 v2 messages framed with MLLP on its own TCP port; each message is injected as XML (<hl7:message>) and acknowledged with an HL7 ACK.',
  mode: 'listening',
  classNames: ['org.wso2.carbon.inbound.endpoint.protocol.hl7.core.InboundHL7Listener'],
  parameters: [
    { name: 'inbound.hl7.Port', type: 'integer', required: true, help: 'TCP port the MLLP listener accepts connections on.', group: 'Basic' },
    { name: 'inbound.hl7.AutoAck', type: 'boolean', default: 'true', help: 'Answer every message with an ACK (MSA-1 AA) as soon as it is read, before mediation. Only the literal false turns it off; then the flow\'s response (or HL7_RESULT_MODE / HL7_APPLICATION_ACK) is the acknowledgement.', group: 'Basic' },
    { name: 'inbound.hl7.TimeOut', type: 'integer', default: '10000', help: 'Milliseconds to wait for the flow\'s response when AutoAck is false; after that the client gets a NACK (MSA-1 AE).', group: 'Basic' },
    { name: 'inbound.hl7.CharSet', type: 'enum', values: ['UTF-8', 'ISO-8859-1', 'US-ASCII'], default: 'UTF-8', help: 'Character set the message bytes are decoded with and the acknowledgement encoded with.', group: 'Advanced' },
    { name: 'inbound.hl7.ValidateMessage', type: 'boolean', default: 'true', help: 'Refuse messages that do not follow the HL7 rules for their version (here: an MSH with message type, control id, processing id and version); a refused message gets a NACK (MSA-1 AE).', group: 'Advanced' },
    { name: 'inbound.hl7.BuildInvalidMessages', type: 'boolean', default: 'false', help: 'When a message cannot be turned into XML, inject it as <hl7:message><rawMessage> with the ER7 text instead of refusing it.', group: 'Advanced' },
    { name: 'inbound.hl7.PassThroughInvalidMessages', type: 'boolean', default: 'false', help: 'With BuildInvalidMessages: an hl7:// endpoint sends such a raw message on as received.', group: 'Advanced' },
    { name: 'inbound.hl7.MessagePreProcessor', type: 'string', help: 'A Java HL7MessagePreprocessor class run before parsing. Java classes cannot run here: an endpoint that names one is refused.', group: 'Advanced' },
  ],
};
