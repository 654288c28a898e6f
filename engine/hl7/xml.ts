/**
 * HL7 v2 <-> XML as MI's HL7 builder and formatter use it: the payload is
 * `<hl7:message xmlns:hl7="http://wso2.org/hl7">` holding HAPI's XML encoding of the message
 * (DefaultXMLParser: root = message structure in `urn:hl7-org:v2xml`, one element per segment,
 * `<SEG.n>` per non-empty field repetition, composite fields as `<TYPE.k>` components, composite
 * components as `<TYPE.j>` subcomponents). Sources: MI inbound HL7MessageUtils.createEnvelope /
 * generateHL7MessageElement / generateHL7RawMessaegElement (the `<rawMessage>` CDATA form when
 * XML encoding fails and BuildInvalidMessages is on), HL7TransportSender (the sender reads the
 * first element under the message element).
 *
 * Not like HAPI: segment groups are not nested (HAPI wraps repeating groups such as
 * ORU_R01.PATIENT_RESULT in elements of their own; flat messages such as ADT_A01 come out the
 * same). Reading XML back accepts both: an element that is not a segment is walked through.
 */
import type { Hl7Delimiters, Hl7Field, Hl7Message, Hl7Segment } from './er7.js';
import { DEFAULT_DELIMITERS, fieldText, Hl7ParseError } from './er7.js';
import { componentComposite, fieldType, isPrimitive, structureName, versionFamily, type VersionFamily } from './datatypes.js';

export const HL7_WSO2_NS = 'http://wso2.org/hl7';
export const HL7_V2XML_NS = 'urn:hl7-org:v2xml';

/** A value XML 1.0 cannot carry (control characters): HAPI's encoder fails on it, as this one does. */
export class Hl7XmlEncodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Hl7XmlEncodeError';
  }
}

const XML_INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function text(value: string, where: string): string {
  if (XML_INVALID.test(value)) throw new Hl7XmlEncodeError(`${where} holds a character XML cannot carry`);
  return value.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

function el(name: string, content: string): string {
  return `<${name}>${content}</${name}>`;
}

function isEmpty(parts: string[]): boolean {
  return parts.every((s) => s === '');
}

/** One component: its subcomponents as elements when the component is a composite (or has several), else its text. */
function encodeComponent(sub: string[], name: string, compositeType: string | undefined, where: string): string {
  if (compositeType === undefined && sub.length <= 1) return el(name, text(sub[0] ?? '', where));
  const prefix = compositeType ?? name;
  let out = '';
  sub.forEach((s, j) => {
    if (s !== '') out += el(`${prefix}.${j + 1}`, text(s, where));
  });
  return el(name, out);
}

function encodeRepetition(rep: string[][], fieldName: string, type: string | undefined, family: VersionFamily): string {
  const single = rep.length <= 1 && (rep[0]?.length ?? 0) <= 1;
  if (single && (type === undefined || isPrimitive(type, family))) return el(fieldName, text(rep[0]?.[0] ?? '', fieldName));
  // A composite, or a primitive (or unknown) field that arrived with components: those get generic names.
  const prefix = type !== undefined && !isPrimitive(type, family) ? type : fieldName;
  let out = '';
  rep.forEach((sub, k) => {
    if (isEmpty(sub)) return;
    const name = `${prefix}.${k + 1}`;
    out += encodeComponent(sub, name, type ? componentComposite(type, k + 1, family) : undefined, `${fieldName}-${k + 1}`);
  });
  return el(fieldName, out);
}

function encodeSegment(seg: Hl7Segment, family: VersionFamily, obxValueType: string | undefined): string {
  let out = '';
  seg.fields.forEach((field, i) => {
    const n = i + 1;
    const name = `${seg.name}.${n}`;
    if (seg.name === 'MSH' && n <= 2) {
      out += el(name, text(field[0]?.[0]?.[0] ?? '', name));
      return;
    }
    let type = fieldType(seg.name, n, family);
    if (type === 'Varies') type = obxValueType;
    for (const rep of field) if (!rep.every(isEmpty)) out += encodeRepetition(rep, name, type, family);
  });
  return el(seg.name, out);
}

/** HAPI's XML encoding of the message: `<ADT_A01 xmlns="urn:hl7-org:v2xml">...`. Throws Hl7XmlEncodeError. */
export function toHapiXml(message: Hl7Message): string {
  const msh = message.segments[0]!;
  const version = fieldText(msh, 12);
  const family = versionFamily(version);
  const root = structureName(fieldText(msh, 9, 1), fieldText(msh, 9, 2), fieldText(msh, 9, 3), version);
  let body = '';
  for (const seg of message.segments) body += encodeSegment(seg, family, seg.name === 'OBX' ? fieldText(seg, 2) || undefined : undefined);
  return `<${root} xmlns="${HL7_V2XML_NS}">${body}</${root}>`;
}

/** The payload MI's HL7 builder puts into the SOAP body. */
export function toHl7MessageElement(message: Hl7Message): string {
  return `<hl7:message xmlns:hl7="${HL7_WSO2_NS}">${toHapiXml(message)}</hl7:message>`;
}

/** MI's form for a message that could not be XML-encoded (BuildInvalidMessages=true): the ER7 text in CDATA. */
export function rawMessageElement(er7: string): string {
  const safe = er7.replace(new RegExp(XML_INVALID.source, 'g'), '\ufffd').split(']]>').join(']]]]><![CDATA[>');
  return `<hl7:message xmlns:hl7="${HL7_WSO2_NS}"><rawMessage><![CDATA[${safe}]]></rawMessage></hl7:message>`;
}

// ---- XML -> message ---------------------------------------------------------------------

function elementChildrenOf(node: Element): Element[] {
  const out: Element[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) if (c.nodeType === 1) out.push(c as Element);
  return out;
}

function textOf(node: Element): string {
  return node.textContent ?? '';
}

/** The position an element name ends in (`PID.5` -> 5, `XPN.1` -> 1, `CX.4.2` -> 2). */
function positionOf(name: string): number | undefined {
  const m = /\.(\d+)$/.exec(name);
  return m ? Number(m[1]) : undefined;
}

function localName(e: Element): string {
  return e.localName ?? e.nodeName;
}

function place<T>(list: T[], index: number, value: T, filler: () => T): void {
  while (list.length < index) list.push(filler());
  list[index] = value;
}

function decodeRepetition(field: Element): string[][] {
  const comps = elementChildrenOf(field);
  if (comps.length === 0) return [[textOf(field)]];
  const rep: string[][] = [];
  for (const c of comps) {
    const k = positionOf(localName(c));
    if (k === undefined || k < 1) throw new Hl7ParseError(`XML element <${localName(c)}> inside <${localName(field)}> does not end in a component number`, undefined, localName(field));
    const subs = elementChildrenOf(c);
    const sub: string[] = [];
    if (subs.length === 0) sub.push(textOf(c));
    for (const s of subs) {
      const j = positionOf(localName(s));
      if (j === undefined || j < 1) throw new Hl7ParseError(`XML element <${localName(s)}> inside <${localName(c)}> does not end in a subcomponent number`, undefined, localName(field));
      place(sub, j - 1, textOf(s), () => '');
    }
    place(rep, k - 1, sub, () => ['']);
  }
  return rep;
}

function decodeSegment(seg: Element, index: number): Hl7Segment {
  const name = localName(seg);
  const fields: Hl7Field[] = [];
  for (const f of elementChildrenOf(seg)) {
    const fname = localName(f);
    const n = fname.startsWith(`${name}.`) ? positionOf(fname) : undefined;
    if (n === undefined || n < 1) throw new Hl7ParseError(`XML element <${fname}> in segment ${name} is not a field of it (expected <${name}.n>)`, index, fname);
    const rep = name === 'MSH' && n <= 2 ? [[textOf(f)]] : decodeRepetition(f);
    const existing = fields[n - 1];
    if (existing && !(existing.length === 1 && existing[0]!.every(isEmpty))) existing.push(rep);
    else place(fields, n - 1, [rep], () => [[['']]]);
  }
  return { name, fields };
}

function collectSegments(parent: Element, out: Hl7Segment[]): void {
  for (const c of elementChildrenOf(parent)) {
    // Segment ids are three characters; anything else (a HAPI group such as ORU_R01.PATIENT_RESULT) is walked through.
    if (/^[A-Z][A-Z0-9]{2}$/.test(localName(c))) out.push(decodeSegment(c, out.length + 1));
    else collectSegments(c, out);
  }
}

/** Reads HAPI's XML encoding (the element under `<hl7:message>`, or the message element itself) back into a message. */
export function fromHapiXml(root: Element): Hl7Message {
  let message = root;
  if (root.namespaceURI === HL7_WSO2_NS && localName(root) === 'message') {
    const first = elementChildrenOf(root)[0];
    if (!first) throw new Hl7ParseError('The hl7:message element is empty');
    message = first;
  }
  if (localName(message) === 'rawMessage') throw new Hl7ParseError('The message is a rawMessage (ER7 text), not HL7 XML');
  const segments: Hl7Segment[] = [];
  collectSegments(message, segments);
  const msh = segments[0];
  if (!msh || msh.name !== 'MSH') throw new Hl7ParseError(`The HL7 XML message <${localName(message)}> does not start with an MSH element`);
  return { delimiters: delimitersOf(msh), segments };
}

function delimitersOf(msh: Hl7Segment): Hl7Delimiters {
  const field = fieldText(msh, 1) || DEFAULT_DELIMITERS.field;
  const enc = fieldText(msh, 2);
  if (enc.length < 4) return { ...DEFAULT_DELIMITERS, field };
  return { field, component: enc[0]!, repetition: enc[1]!, escape: enc[2]!, subcomponent: enc[3]! };
}

/** The `rawMessage` text when the payload is MI's raw form, else undefined. */
export function rawMessageText(root: Element): string | undefined {
  const inner = root.namespaceURI === HL7_WSO2_NS && localName(root) === 'message' ? elementChildrenOf(root)[0] : root;
  return inner && localName(inner) === 'rawMessage' ? textOf(inner) : undefined;
}
