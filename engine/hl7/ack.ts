/**
 * Acknowledgements as MI's HL7 inbound endpoint writes them.
 *
 * - generateAck: HAPI's Message.generateACK(code, error) as MI calls it (auto-ack: AA; a NACK
 *   for a parsed message: AE with the error text, HL7MessageUtils.createNack). An ACK of the
 *   request's version: MSH-1/2 copied, MSH-3/4 = request MSH-5/6 and MSH-5/6 = request MSH-3/4
 *   (whole fields), MSH-7 = now (HAPI CommonTS format yyyyMMddHHmmss.SSSZ), MSH-9 = ACK^<trigger>
 *   (with ^ACK, the structure, from v2.3.1 on), MSH-10 = a new control id, MSH-11 and MSH-12
 *   copied; MSA-1 = code, MSA-2 = request MSH-10. With an error: MSA-3 = its text and an ERR
 *   segment with HL7 error 207 (application internal error), as HL7Exception.populateResponse
 *   fills it (ERR-1 before v2.5, ERR-3/4/8 from v2.5 on).
 * - defaultNack: HL7MessageUtils.createDefaultNackMessage, for a frame that did not parse: a
 *   v2.2 ACK with MSH-5/6 a single space, MSH-11 = P, MSA-1 = AR, MSA-2 = 123456789 and the
 *   error text in ERR-1 (no MSH-9, MSH-10 or MSH-12: MI sets none).
 */
import type { Hl7Field, Hl7Message, Hl7Segment } from './er7.js';
import { DEFAULT_DELIMITERS, encodeEr7, fieldText, findSegment, textField } from './er7.js';

export type AckCode = 'AA' | 'AE' | 'AR';

let lastControlId = 0;

/** A new numeric message control id, increasing within the process (HAPI's default generator is a counter too). */
export function nextControlId(now: number = Date.now()): string {
  lastControlId = Math.max(lastControlId + 1, now);
  return String(lastControlId);
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** HAPI's CommonTS.toHl7TSFormat of a local time: yyyyMMddHHmmss.SSS+hhmm. */
export function hl7Timestamp(date: Date): string {
  const off = -date.getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  const abs = Math.abs(off);
  return `${date.getFullYear()}${pad(date.getMonth() + 1)}${pad(date.getDate())}${pad(date.getHours())}${pad(date.getMinutes())}${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`;
}

function copyField(seg: Hl7Segment, n: number): Hl7Field {
  return (seg.fields[n - 1] ?? [[['']]]).map((r) => r.map((c) => [...c]));
}

function versionAtLeast(version: string, min: string): boolean {
  const a = version.split('.').map(Number);
  const b = min.split('.').map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d > 0;
  }
  return true;
}

export interface AckOptions {
  errorText?: string;
  now?: Date;
  controlId?: string;
}

export function generateAck(request: Hl7Message, code: AckCode, options: AckOptions = {}): Hl7Message {
  const msh = request.segments[0]!;
  const version = fieldText(msh, 12);
  const trigger = fieldText(msh, 9, 2);
  const type: Hl7Field = [[['ACK'], [trigger], ...(versionAtLeast(version, '2.3.1') ? [['ACK']] : [])]];
  const d = request.delimiters;
  const outMsh: Hl7Segment = {
    name: 'MSH',
    fields: [
      textField(d.field),
      textField(`${d.component}${d.repetition}${d.escape}${d.subcomponent}`),
      copyField(msh, 5),
      copyField(msh, 6),
      copyField(msh, 3),
      copyField(msh, 4),
      textField(hl7Timestamp(options.now ?? new Date())),
      textField(''),
      type,
      textField(options.controlId ?? nextControlId()),
      copyField(msh, 11),
      copyField(msh, 12),
    ],
  };
  const msa: Hl7Segment = { name: 'MSA', fields: [textField(code), textField(fieldText(msh, 10))] };
  const segments = [outMsh, msa];
  if (options.errorText !== undefined) {
    msa.fields.push(textField(options.errorText));
    segments.push(errSegment(version, options.errorText));
  }
  return { delimiters: d, segments };
}

function errSegment(version: string, errorText: string): Hl7Segment {
  if (!versionAtLeast(version, '2.5')) return { name: 'ERR', fields: [[[[''], [''], [''], ['207', errorText, 'HL70357']]]] };
  const empty = textField('');
  return { name: 'ERR', fields: [empty, empty, [[['207'], ['Application internal error'], ['HL70357']]], textField('E'), empty, empty, empty, textField(errorText)] };
}

export function defaultNack(errorText: string): Hl7Message {
  const d = DEFAULT_DELIMITERS;
  const e = textField('');
  const msh: Hl7Segment = { name: 'MSH', fields: [textField(d.field), textField('^~\\&'), e, e, textField(' '), textField(' '), e, e, e, e, textField('P')] };
  return {
    delimiters: d,
    segments: [msh, { name: 'MSA', fields: [textField('AR'), textField('123456789')] }, { name: 'ERR', fields: [[[[''], [''], [''], [errorText]]]] }],
  };
}

export function ackText(message: Hl7Message): string {
  return encodeEr7(message);
}

/** MSA-1 and MSA-2 of an acknowledgement (empty strings when absent). */
export function ackSummary(message: Hl7Message): { code: string; controlId: string; text: string } {
  const msa = findSegment(message, 'MSA');
  return { code: fieldText(msa, 1), controlId: fieldText(msa, 2), text: fieldText(msa, 3) };
}
