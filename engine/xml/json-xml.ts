/**
 * MI's two views of a JSON payload: the XML element XML-based mediators see
 * (JsonStreamBuilder, i.e. staxon's JSON reader without processing
 * instructions) and the JSON the JSON formatter writes from an XML body
 * (staxon's JSON writer with autoArray, autoPrimitive and multiplePI on, and
 * namespaces dropped — MI's defaults).
 *
 * JSON → XML (jsonToXmlElement):
 *  - the root is `<jsonObject>` for an object, `<jsonArray>` for an array
 *    whose items are `<jsonElement>`s;
 *  - a member becomes a child element named after the key (see json-names.ts
 *    for `$`/digit keys); an array member becomes one element per item and
 *    vanishes when empty; an array directly inside an array becomes
 *    `<jsonArray>` holding `<jsonElement>`s inside the item element;
 *  - `null`, `""` and `{}` become an empty element; numbers are written as
 *    spelled in the source (json-numbers.ts); `true`/`false` as words;
 *  - a key `@name` becomes an attribute, the key `$` the element's text
 *    (staxon's convention, which MI inherits).
 *
 * XML → JSON (xmlElementToJson):
 *  - attributes become `"@localName"` members (prefix and namespace dropped,
 *    values stay strings), child elements members named by local name;
 *    namespace declarations are not written;
 *  - text of an element without attributes or children is the value; with
 *    attributes it is the member `"$"`; an element with neither text nor
 *    children is null (`{}` if it only has attributes);
 *  - text and child elements mixed (non-whitespace text) is an error in MI
 *    ("Mixed content is not supported"); whitespace-only text is ignored;
 *  - consecutive siblings with the same name become an array; one element
 *    stays a scalar/object unless `<?xml-multiple name?>` precedes it (a PI
 *    naming an element that does not follow gives `[]`; `<?xml-multiple?>`
 *    without a name makes the next element an array);
 *  - siblings with the same name that are not adjacent are written by MI as
 *    duplicate keys; here the later value wins at the first position, which
 *    is what a JSON parser reading MI's output gets;
 *  - element text is autoPrimitive-converted: `true`/`false` → boolean,
 *    `null` → null, text matching `-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?` →
 *    number printed as Java's BigDecimal prints it (`7000.0` and `25.0000`
 *    keep their digits, `1e5` → `1E+5`); anything else (`007`, `+1`, `.5`,
 *    ` 5`, `True`) stays a string. Attribute values are never converted;
 *  - a member named `jsonObject`, `jsonArray` or `jsonElement` that is the
 *    first member of its object replaces that object (this is how the
 *    wrappers disappear: `<jsonArray><jsonElement>1</jsonElement>
 *    <jsonElement>2</jsonElement></jsonArray>` → `[1,2]`). When other members
 *    follow it MI writes malformed JSON; we keep the object as it is.
 * Not modelled: synapse.commons.json.preserve.namespace and
 * output.enableNSDeclarations (namespaces are always dropped),
 * enableXmlNilReadWrite (xsi:nil), the customReplaceRegex variant.
 */

import type { Attr, Document, Element, Node, ProcessingInstruction } from '@xmldom/xmldom';
import { bigDecimalText, looksLikeAutoPrimitiveNumber, recordNumberSpelling, spellNumber, spellNumberAt } from './json-numbers.js';
import { elementNameToJsonKey, jsonKeyToElementName, type NameOptions } from './json-names.js';
import { serializeJson, setJsonMember } from './json-text.js';

export { JsonSyntaxError, parseJsonText, serializeJson, jsonPayloadKind } from './json-text.js';

/** A payload that MI cannot convert between JSON and XML. */
export class JsonXmlConversionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JsonXmlConversionError';
  }
}

export type JsonToXmlOptions = NameOptions;

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

const JSON_OBJECT = 'jsonObject';
const JSON_ARRAY = 'jsonArray';
const JSON_ELEMENT = 'jsonElement';
const WRAPPER_NAMES: ReadonlySet<string> = new Set([JSON_OBJECT, JSON_ARRAY, JSON_ELEMENT]);

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;
const PROCESSING_INSTRUCTION_NODE = 7;
const XMLNS_NAMESPACE = 'http://www.w3.org/2000/xmlns/';
const MULTIPLE_PI_TARGET = 'xml-multiple';

/** Characters XML 1.0 cannot carry (MI cannot convert JSON containing them). */
const NON_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

// ---------------------------------------------------------------- JSON → XML

/** Builds MI's XML view of a JSON value: returns the root element (jsonObject or jsonArray) created in `doc`. */
export function jsonToXmlElement(value: unknown, doc: Document, options: JsonToXmlOptions = {}): Element {
  const builder = new XmlViewBuilder(doc, options);
  if (Array.isArray(value)) {
    const root = doc.createElement(JSON_ARRAY);
    value.forEach((item, index) => builder.appendArrayItem(root, JSON_ELEMENT, item, value, index));
    return root;
  }
  if (isJsonObject(value)) {
    const root = doc.createElement(JSON_OBJECT);
    builder.appendMembers(root, value);
    return root;
  }
  throw new JsonXmlConversionError('Only a JSON object or array has an XML view (MI does not accept a bare JSON value as a payload)');
}

class XmlViewBuilder {
  constructor(
    private readonly doc: Document,
    private readonly options: JsonToXmlOptions,
  ) {}

  appendMembers(element: Element, object: Record<string, unknown>): void {
    for (const key of Object.keys(object)) {
      const member = object[key];
      if (member === undefined || typeof member === 'function' || typeof member === 'symbol') continue;
      if (key.startsWith('@')) this.setAttribute(element, key, member, object);
      else if (key === '$') this.appendText(element, key, member, object);
      else this.appendMember(element, jsonKeyToElementName(key, this.options), member, object, key);
    }
  }

  /** One element per array item; an inner array is wrapped as `<name><jsonArray>…</jsonArray></name>`. */
  appendArrayItem(parent: Element, name: string, item: unknown, array: unknown[], index: number): void {
    if (Array.isArray(item)) {
      const holder = this.doc.createElement(name);
      const inner = this.doc.createElement(JSON_ARRAY);
      item.forEach((innerItem, innerIndex) => this.appendArrayItem(inner, JSON_ELEMENT, innerItem, item, innerIndex));
      holder.appendChild(inner);
      parent.appendChild(holder);
    } else {
      this.appendSingle(parent, name, item, array, index);
    }
  }

  private appendMember(parent: Element, name: string, member: unknown, object: object, key: string): void {
    if (Array.isArray(member)) member.forEach((item, index) => this.appendArrayItem(parent, name, item, member, index));
    else this.appendSingle(parent, name, member, object, key);
  }

  private appendSingle(parent: Element, name: string, value: unknown, container: object, key: string | number): void {
    const element = this.doc.createElement(name);
    if (isJsonObject(value)) {
      this.appendMembers(element, value);
    } else if (value !== null && value !== undefined) {
      const text = scalarText(value, container, key);
      if (text !== '') element.appendChild(this.doc.createTextNode(text));
    }
    parent.appendChild(element);
  }

  /** `"@name": value` → attribute `name` (a null value writes no attribute). */
  private setAttribute(element: Element, key: string, value: unknown, object: object): void {
    if (value !== null && typeof value === 'object') {
      throw new JsonXmlConversionError(`JSON key "${key}" names an XML attribute, so its value must be a string, number or boolean`);
    }
    if (value === null) return;
    element.setAttribute(key.slice(1), scalarText(value, object, key));
  }

  /** `"$": value` → text content of the element. */
  private appendText(element: Element, key: string, value: unknown, object: object): void {
    if (value !== null && typeof value === 'object') {
      throw new JsonXmlConversionError('JSON key "$" holds the element text, so its value must be a string, number or boolean');
    }
    if (value === null) return;
    const text = scalarText(value, object, key);
    if (text !== '') element.appendChild(this.doc.createTextNode(text));
  }
}

function scalarText(value: unknown, container: object, key: string | number): string {
  let text: string;
  if (typeof value === 'number') text = spellNumberAt(container, key, value);
  else if (typeof value === 'string') text = value;
  else text = String(value);
  if (NON_XML_CHAR.test(text)) {
    throw new JsonXmlConversionError(`JSON value of "${String(key)}" contains a character that XML cannot carry`);
  }
  return text;
}

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

// ---------------------------------------------------------------- XML → JSON

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
    this.keepAsString = regex === undefined ? undefined : new RegExp(`^(?:${regex})$`, 'u');
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
  for (const member of members) {
    const converted = memberValue(member);
    setJsonMember(object, member.key, converted.value);
    if (converted.spelling !== undefined) recordNumberSpelling(object, member.key, converted.spelling);
  }
  return object;
}

/** Text MI strips before converting (String.trim() leaves nothing: whitespace and control characters). */
function isIndentation(text: string): boolean {
  return /^[\u0000-\u0020]*$/.test(text);
}

function mixedContent(el: Element, text: string): JsonXmlConversionError {
  return new JsonXmlConversionError(`Mixed content is not supported: '${text}' in <${el.nodeName}> (MI cannot write it as JSON)`);
}
