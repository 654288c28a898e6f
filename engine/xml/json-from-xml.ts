/**
 * XML → JSON: what MI's JSON formatter writes for an XML body (staxon's JSON
 * writer with autoArray, autoPrimitive and multiplePI on, namespaces dropped —
 * MI's defaults). Rules are listed in json-xml.ts.
 */

import type { Attr, Element, Node, ProcessingInstruction } from '@xmldom/xmldom';
import { JsonXmlConversionError } from './json-conversion-error.js';
import { isIndexKey, recordKeyOrder } from './json-key-order.js';
import { bigDecimalText, looksLikeAutoPrimitiveNumber, recordNumberSpelling, spellNumber } from './json-numbers.js';
import { WRAPPER_NAMES, elementNameToJsonKey, type NameOptions } from './json-names.js';
import { serializeJson, setJsonMember } from './json-text.js';

export interface XmlToJsonOptions extends NameOptions {
  /** `synapse.commons.json.output.autoPrimitive` (default true). */
  autoPrimitive?: boolean;
  /**
   * `synapse.commons.json.output.disableAutoPrimitive.regex`: element text
   * matching it entirely (Java `matches()`) stays a string. As in MI, the
   * `true`/`false`/`null` words are converted before this is checked.
   */
  disableAutoPrimitiveRegex?: string;
  /** `synapse.commons.enableXmlNullForEmptyElement` (default true): empty element → null, else "". */
  emptyElementAsNull?: boolean;
}

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;
const PROCESSING_INSTRUCTION_NODE = 7;
const XMLNS_NAMESPACE = 'http://www.w3.org/2000/xmlns/';
const MULTIPLE_PI_TARGET = 'xml-multiple';

/** A converted value and, for a number, its spelling when it differs from the JS one. */
interface Converted {
  value: unknown;
  spelling?: string;
}

interface Member {
  key: string;
  items: Converted[];
  isArray: boolean;
}

/**
 * Converts an XML element (the first child of the SOAP body) to JSON as MI's JSON formatter does.
 * A root named jsonObject / jsonArray is dropped (its content is the value). Other roots become {"rootName": ...}.
 */
export function xmlElementToJson(el: Element, options: XmlToJsonOptions = {}): unknown {
  return convertRoot(el, options).value;
}

/** The JSON text MI's formatter writes for the element (compact, numbers spelled as MI spells them). */
export function xmlElementToJsonText(el: Element, options: XmlToJsonOptions = {}): string {
  const root = convertRoot(el, options);
  return root.spelling ?? serializeJson(root.value);
}

function convertRoot(el: Element, options: XmlToJsonOptions): Converted {
  const converter = new JsonViewBuilder(options);
  const key = converter.elementKey(el);
  const content = converter.convertElement(el);
  if (WRAPPER_NAMES.has(key)) return content;
  return { value: objectOf([{ key, items: [content], isArray: false }]) };
}

class JsonViewBuilder {
  private readonly keepAsString: RegExp | undefined;

  constructor(private readonly options: XmlToJsonOptions) {
    const regex = options.disableAutoPrimitiveRegex;
    this.keepAsString = regex === undefined ? undefined : new RegExp(`^(?:${regex})$`);
  }

  /** Local name (the element's full name when it has no namespace), with MI's key prefixes undone. */
  elementKey(el: Element): string {
    const name = el.namespaceURI ? (el.localName ?? el.nodeName) : el.nodeName;
    return elementNameToJsonKey(name, this.options);
  }

  convertElement(el: Element): Converted {
    const members: Member[] = attributeMembers(el);
    let text: string | undefined;
    let hasChildElement = false;
    let nextElementStartsArray = false;
    const children = el.childNodes;
    for (let i = 0; i < children.length; i++) {
      const child = children.item(i) as Node;
      switch (child.nodeType) {
        case TEXT_NODE:
        case CDATA_SECTION_NODE: {
          const data = (child as unknown as { data: string }).data;
          if (isIndentation(data)) break;
          if (hasChildElement) throw mixedContent(el, data);
          text = (text ?? '') + data;
          break;
        }
        case ELEMENT_NODE: {
          if (text !== undefined) throw mixedContent(el, text);
          hasChildElement = true;
          const childElement = child as Element;
          const key = this.elementKey(childElement);
          const converted = this.convertElement(childElement);
          const last = members[members.length - 1];
          if (nextElementStartsArray) {
            members.push({ key, items: [converted], isArray: true });
            nextElementStartsArray = false;
          } else if (last !== undefined && last.key === key) {
            last.items.push(converted);
            last.isArray = true;
          } else {
            members.push({ key, items: [converted], isArray: false });
          }
          break;
        }
        case PROCESSING_INSTRUCTION_NODE: {
          const pi = child as ProcessingInstruction;
          if (pi.target !== MULTIPLE_PI_TARGET) break;
          const arrayName = (pi.data ?? '').trim();
          if (arrayName === '') nextElementStartsArray = true;
          else members.push({ key: arrayName, items: [], isArray: true });
          break;
        }
        default:
          break; // comments and other nodes are not written
      }
    }
    if (members.length === 0) {
      if (text !== undefined) return this.primitive(text);
      return { value: this.options.emptyElementAsNull === false ? '' : null };
    }
    if (text !== undefined) members.push({ key: '$', items: [this.primitive(text)], isArray: false });
    const first = members[0] as Member;
    if (members.length === 1 && WRAPPER_NAMES.has(first.key)) return memberValue(first);
    return { value: objectOf(members) };
  }

  /** staxon's AutoPrimitiveTarget (or CustomRegexIgnoreAutoPrimitiveTarget) on element text. */
  private primitive(text: string): Converted {
    if (this.options.autoPrimitive === false) return { value: text };
    if (text === 'true') return { value: true };
    if (text === 'false') return { value: false };
    if (text === 'null') return { value: null };
    if (this.keepAsString?.test(text)) return { value: text };
    if (!looksLikeAutoPrimitiveNumber(text)) return { value: text };
    const spelling = bigDecimalText(text);
    if (spelling === undefined) return { value: text };
    const value = Number(spelling);
    return spelling === spellNumber(value) ? { value } : { value, spelling };
  }
}

/** Attributes as `@name` members, in document order; namespace declarations are left out. */
function attributeMembers(el: Element): Member[] {
  const members: Member[] = [];
  const attributes = el.attributes;
  for (let i = 0; i < attributes.length; i++) {
    const attr = attributes.item(i) as Attr;
    if (attr.namespaceURI === XMLNS_NAMESPACE || attr.name === 'xmlns' || attr.name.startsWith('xmlns:')) continue;
    const name = attr.namespaceURI ? (attr.localName ?? attr.name) : attr.name;
    members.push({ key: `@${name}`, items: [{ value: attr.value }], isArray: false });
  }
  return members;
}

function memberValue(member: Member): Converted {
  if (!member.isArray) return member.items[0] as Converted;
  const array: unknown[] = [];
  member.items.forEach((item, index) => {
    array.push(item.value);
    if (item.spelling !== undefined) recordNumberSpelling(array, index, item.spelling);
  });
  return { value: array };
}

function objectOf(members: Member[]): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  let indexKeys = false;
  for (const member of members) {
    const converted = memberValue(member);
    setJsonMember(object, member.key, converted.value);
    if (converted.spelling !== undefined) recordNumberSpelling(object, member.key, converted.spelling);
    indexKeys ||= isIndexKey(member.key);
  }
  // `<_JsonReader_PD_2>` is the key "2", which JS would move first; MI writes members in document order.
  if (indexKeys) recordKeyOrder(object, [...new Set(members.map((m) => m.key))]);
  return object;
}

/** Text MI strips before converting (String.trim() leaves nothing: whitespace and control characters). */
function isIndentation(text: string): boolean {
  return /^[\u0000-\u0020]*$/.test(text);
}

function mixedContent(el: Element, text: string): JsonXmlConversionError {
  return new JsonXmlConversionError(`Mixed content is not supported: '${text}' in <${el.nodeName}> (MI cannot write it as JSON)`);
}
