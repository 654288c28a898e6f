/**
 * JSON → XML: the element MI's JsonStreamBuilder shows XML-based mediators
 * (staxon's JSON reader, no processing instructions). Rules are listed in
 * json-xml.ts.
 */

import type { Document, Element } from '@xmldom/xmldom';
import { JsonXmlConversionError } from './json-conversion-error.js';
import { orderedKeys } from './json-key-order.js';
import { spellNumberAt } from './json-numbers.js';
import { JSON_ARRAY, JSON_ELEMENT, JSON_OBJECT, jsonKeyToElementName, type NameOptions } from './json-names.js';

export type JsonToXmlOptions = NameOptions;

/**
 * Characters XML 1.0 cannot carry (MI cannot convert JSON containing them): controls, U+FFFE/F,
 * and a surrogate without its pair (JSON's `"\uD800"` escape can spell one; no XML can hold it).
 */
const NON_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

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
    for (const key of orderedKeys(object)) {
      const member = object[key];
      if (member === undefined || typeof member === 'function' || typeof member === 'symbol') continue;
      if (key === '' || key === '@') throw new JsonXmlConversionError(`JSON key "${key}" cannot name an XML element or attribute`);
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
