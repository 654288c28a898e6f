/**
 * HL7 v2: the ER7 codec, MI's XML form, acknowledgements and MLLP framing. Pure code (no
 * sockets); the listener and the hl7:// sender are in engine/node/transports/hl7/.
 */
export * from './er7.js';
export * from './xml.js';
export * from './ack.js';
export * from './mllp.js';
export { versionFamily, structureName } from './datatypes.js';

/** MI's content type (messageType) of HL7 ER7 payloads. */
export const HL7_CONTENT_TYPE = 'application/edi-hl7';
