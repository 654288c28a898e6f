/**
 * inbound.hl7.ValidateMessage: the checks a validating parse adds. HAPI's DefaultValidation
 * checks primitive formats per data type from its structure classes; what is checked here is
 * the message header every HL7 v2 message must carry: MSH-10 (control id) and MSH-11
 * (processing id) present, and MSH-7 (date/time of message), when given, in the HL7 TS format.
 */
import { fieldText, Hl7ParseError, type Hl7Message } from '../../../hl7/index.js';

const TS = /^\d{4}(\d{2}){0,5}(\.\d{1,4})?([+-]\d{4})?$/;

export function validateHl7(message: Hl7Message): void {
  const msh = message.segments[0]!;
  if (!fieldText(msh, 10)) throw new Hl7ParseError('MSH-10 (message control id) is empty', 1, 'MSH-10');
  if (!fieldText(msh, 11)) throw new Hl7ParseError('MSH-11 (processing id) is empty', 1, 'MSH-11');
  const ts = fieldText(msh, 7);
  if (ts && !TS.test(ts)) throw new Hl7ParseError(`MSH-7 (date/time of message) ${JSON.stringify(ts)} is not an HL7 timestamp (YYYY[MM[DD[HH[MM[SS[.S]]]]]][+/-ZZZZ])`, 1, 'MSH-7');
}
