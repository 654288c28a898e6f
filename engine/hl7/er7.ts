/**
 * HL7 v2 pipe-delimited (ER7) messages: parsing into a positional model and writing it back.
 * The model keeps every value unescaped; escaping (\F\ \S\ \T\ \R\ \E\) happens only at the
 * edges, as HAPI's PipeParser does. Escape sequences other than the five delimiter ones
 * (\H\, \N\, \Xhh\, \.br\ ...) are kept verbatim, as HAPI keeps them.
 *
 * What is refused, with an Hl7ParseError naming the segment (1-based) and field at fault:
 * text that does not start with MSH, a broken MSH header (field separator, encoding
 * characters), a segment name that is not three upper-case letters or digits, an empty MSH-9
 * (message type) or MSH-12 (version), and a version HAPI does not know.
 */

export interface Hl7Delimiters {
  field: string;
  component: string;
  repetition: string;
  escape: string;
  subcomponent: string;
}

/** One field: repetitions, each a list of components, each a list of subcomponents (unescaped text). */
export type Hl7Field = string[][][];

export interface Hl7Segment {
  /** Three-character segment id (MSH, PID ...). */
  name: string;
  /** fields[0] is field 1. For MSH, field 1 is the field separator and field 2 the encoding characters, both raw. */
  fields: Hl7Field[];
}

export interface Hl7Message {
  delimiters: Hl7Delimiters;
  segments: Hl7Segment[];
}

export class Hl7ParseError extends Error {
  constructor(
    message: string,
    /** 1-based segment number, when the problem is in one segment. */
    readonly segment?: number,
    /** Field position (MSH-9 style), when one field is at fault. */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'Hl7ParseError';
  }
}

/** The versions HAPI ships structures for (ca.uhn.hl7v2.Version). */
export const HL7_VERSIONS: readonly string[] = ['2.1', '2.2', '2.3', '2.3.1', '2.4', '2.5', '2.5.1', '2.6', '2.7', '2.7.1', '2.8', '2.8.1'];

export const DEFAULT_DELIMITERS: Hl7Delimiters = { field: '|', component: '^', repetition: '~', escape: '\\', subcomponent: '&' };

const SEGMENT_NAME = /^[A-Z][A-Z0-9]{2}$/;

/** Splits on the segment terminator (carriage return; a line feed or CRLF is accepted too) and drops empty lines. */
function splitSegments(text: string): string[] {
  return text.split(/\r\n|\r|\n/).filter((s) => s.length > 0);
}

function excerpt(text: string): string {
  const t = text.length > 40 ? `${text.slice(0, 40)}...` : text;
  return JSON.stringify(t);
}

export function parseEr7(text: string): Hl7Message {
  const lines = splitSegments(text.replace(/^[\s\u0000]+/, ''));
  const first = lines[0] ?? '';
  if (!first.startsWith('MSH')) throw new Hl7ParseError(`The message does not start with an MSH segment (it starts with ${excerpt(first)})`, 1);
  const delimiters = readDelimiters(first);
  const segments = lines.map((line, i) => parseSegment(line, i + 1, delimiters));
  const msh = segments[0]!;
  if (!fieldText(msh, 9)) throw new Hl7ParseError('MSH-9 (message type) is empty', 1, 'MSH-9');
  const version = fieldText(msh, 12);
  if (!version) throw new Hl7ParseError('MSH-12 (version id) is empty', 1, 'MSH-12');
  if (!HL7_VERSIONS.includes(version)) throw new Hl7ParseError(`HL7 version ${JSON.stringify(version)} in MSH-12 is not one of ${HL7_VERSIONS.join(', ')}`, 1, 'MSH-12');
  return { delimiters, segments };
}

function readDelimiters(msh: string): Hl7Delimiters {
  const field = msh[3];
  if (field === undefined || /[A-Za-z0-9\s]/.test(field)) throw new Hl7ParseError(`MSH-1 (field separator) must be one punctuation character, not ${excerpt(field ?? '')}`, 1, 'MSH-1');
  const end = msh.indexOf(field, 4);
  const enc = end < 0 ? msh.slice(4) : msh.slice(4, end);
  // Four characters (component, repetition, escape, subcomponent); v2.7 adds a fifth, truncation.
  if (enc.length < 4 || enc.length > 5 || new Set(enc + field).size !== enc.length + 1 || /[A-Za-z0-9\s]/.test(enc)) {
    throw new Hl7ParseError(`MSH-2 (encoding characters) must be four distinct punctuation characters, not ${excerpt(enc)}`, 1, 'MSH-2');
  }
  return { field, component: enc[0]!, repetition: enc[1]!, escape: enc[2]!, subcomponent: enc[3]! };
}

function parseSegment(line: string, index: number, d: Hl7Delimiters): Hl7Segment {
  const name = line.slice(0, 3);
  if (!SEGMENT_NAME.test(name) || (line.length > 3 && line[3] !== d.field)) throw new Hl7ParseError(`Segment ${index} does not start with a three-character segment id followed by ${JSON.stringify(d.field)} (it starts with ${excerpt(line)})`, index);
  if (name === 'MSH') {
    const parts = line.slice(4).split(d.field);
    const enc = parts.shift() ?? '';
    return { name, fields: [[[[d.field]]], [[[enc]]], ...parts.map((p) => parseField(p, d, false))] };
  }
  const parts = line.length > 4 ? line.slice(4).split(d.field) : [];
  return { name, fields: parts.map((p) => parseField(p, d, false)) };
}

function parseField(raw: string, d: Hl7Delimiters, _msh: boolean): Hl7Field {
  return raw.split(d.repetition).map((rep) => rep.split(d.component).map((comp) => comp.split(d.subcomponent).map((s) => unescapeText(s, d))));
}

/** The first subcomponent of the first component of the first repetition of field `n` (1-based). */
export function fieldText(segment: Hl7Segment | undefined, n: number, component = 1): string {
  return segment?.fields[n - 1]?.[0]?.[component - 1]?.[0] ?? '';
}

export function findSegment(message: Hl7Message, name: string): Hl7Segment | undefined {
  return message.segments.find((s) => s.name === name);
}

export function unescapeText(text: string, d: Hl7Delimiters): string {
  if (!text.includes(d.escape)) return text;
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c !== d.escape) {
      out += c;
      i++;
      continue;
    }
    const close = text.indexOf(d.escape, i + 1);
    if (close < 0) {
      out += text.slice(i);
      break;
    }
    const code = text.slice(i + 1, close);
    const mapped = code === 'F' ? d.field : code === 'S' ? d.component : code === 'T' ? d.subcomponent : code === 'R' ? d.repetition : code === 'E' ? d.escape : undefined;
    out += mapped ?? text.slice(i, close + 1);
    i = close + 1;
  }
  return out;
}

export function escapeText(text: string, d: Hl7Delimiters): string {
  let out = '';
  for (const c of text) {
    if (c === d.escape) out += `${d.escape}E${d.escape}`;
    else if (c === d.field) out += `${d.escape}F${d.escape}`;
    else if (c === d.component) out += `${d.escape}S${d.escape}`;
    else if (c === d.subcomponent) out += `${d.escape}T${d.escape}`;
    else if (c === d.repetition) out += `${d.escape}R${d.escape}`;
    else if (c === '\r') out += `${d.escape}X0D${d.escape}`;
    else out += c;
  }
  return out;
}

/** Drops trailing empty items, as HAPI's encoder does at every level. */
function trimmed<T>(items: T[], empty: (t: T) => boolean): T[] {
  let n = items.length;
  while (n > 0 && empty(items[n - 1]!)) n--;
  return items.slice(0, n);
}

function encodeField(field: Hl7Field, d: Hl7Delimiters): string {
  return trimmed(field, (r) => r.every((c) => c.every((s) => s === '')))
    .map((rep) => trimmed(rep, (c) => c.every((s) => s === '')).map((comp) => trimmed(comp, (s) => s === '').map((s) => escapeText(s, d)).join(d.subcomponent)).join(d.component))
    .join(d.repetition);
}

function fieldIsEmpty(f: Hl7Field): boolean {
  return f.every((r) => r.every((c) => c.every((s) => s === '')));
}

export function encodeSegment(segment: Hl7Segment, d: Hl7Delimiters): string {
  if (segment.name === 'MSH') {
    const enc = `${d.component}${d.repetition}${d.escape}${d.subcomponent}`;
    const rest = trimmed(segment.fields.slice(2), fieldIsEmpty).map((f) => encodeField(f, d));
    return ['MSH' + d.field + enc, ...rest].join(d.field);
  }
  const fields = trimmed(segment.fields, fieldIsEmpty).map((f) => encodeField(f, d));
  return [segment.name, ...fields].join(d.field);
}

/** ER7 text with segments ended by carriage returns (HAPI ends every segment, the last one included). */
export function encodeEr7(message: Hl7Message): string {
  return message.segments.map((s) => encodeSegment(s, message.delimiters) + '\r').join('');
}

/** A field holding one plain value. */
export function textField(value: string): Hl7Field {
  return [[[value]]];
}
