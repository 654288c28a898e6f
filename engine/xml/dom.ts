/**
 * XML parsing with positions, and the small DOM helpers everything else uses.
 * The DOM is xmldom's; parsing is our own strict reader (parse.ts), which gives every
 * element and attribute a 1-based lineNumber/columnNumber as xmldom's parser did.
 */
import { DOMImplementation, XMLSerializer } from '@xmldom/xmldom';
import type { ConfigDiagnostic } from '../core/errors.js';
import { parseXmlDocument, XmlSyntaxError } from './parse.js';

export { XmlSyntaxError } from './parse.js';

export const SYNAPSE_NS = 'http://ws.apache.org/ns/synapse';
export const SOAP11_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const SOAP12_NS = 'http://www.w3.org/2003/05/soap-envelope';
export const PAYLOAD_NS = 'http://ws.apache.org/commons/ns/payload';
export const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

export interface ParsedXml {
  doc?: Document;
  diagnostics: ConfigDiagnostic[];
}

/** Parses a configuration file. Malformed XML yields one diagnostic XML001 at the first problem. */
export function parseXml(text: string, file?: string): ParsedXml {
  try {
    return { doc: parseXmlDocument(text), diagnostics: [] };
  } catch (e) {
    if (!(e instanceof XmlSyntaxError)) throw e;
    return { diagnostics: [{ code: 'XML001', severity: 'error', message: `malformed XML: ${e.message}`, file, line: e.line, col: e.col }] };
  }
}

/** Parses XML that is not a configuration file (payloads); throws XmlSyntaxError with the position on malformed input. */
export function parseXmlStrict(text: string): Document {
  try {
    return parseXmlDocument(text);
  } catch (e) {
    if (e instanceof XmlSyntaxError) throw new XmlSyntaxError(`malformed XML: ${e.message}`, e.line, e.col);
    throw e;
  }
}

export function newDocument(): Document {
  const impl = new DOMImplementation();
  return impl.createDocument(null, '' as never, null) as unknown as Document;
}

export function serializeXml(node: Node): string {
  return new XMLSerializer().serializeToString(node as never);
}

/** Serializes an element as a value on its own (property values, log lines): a redundant `xmlns=""` is dropped. */
export function serializeStandalone(node: Node): string {
  const text = serializeXml(node);
  // An element in no namespace written standalone needs no `xmlns=""` (it only undid an ancestor's default).
  if (node.nodeType === 1 && !(node as Element).namespaceURI) {
    const open = `<${(node as Element).nodeName} xmlns=""`;
    if (text.startsWith(open)) return `<${(node as Element).nodeName}${text.slice(open.length)}`;
  }
  return text;
}

export interface Positioned {
  lineNumber?: number;
  columnNumber?: number;
}

export function lineOf(node: Node | null | undefined): number {
  return (node as unknown as Positioned | undefined)?.lineNumber ?? 1;
}
export function colOf(node: Node | null | undefined): number {
  return (node as unknown as Positioned | undefined)?.columnNumber ?? 1;
}

export function elementChildren(parent: Node): Element[] {
  const out: Element[] = [];
  for (let n = parent.firstChild; n; n = n.nextSibling) if (n.nodeType === 1) out.push(n as Element);
  return out;
}

export function firstElementChild(parent: Node): Element | undefined {
  for (let n = parent.firstChild; n; n = n.nextSibling) if (n.nodeType === 1) return n as Element;
  return undefined;
}

export function childElement(parent: Node, localName: string): Element | undefined {
  for (let n = parent.firstChild; n; n = n.nextSibling) if (n.nodeType === 1 && (n as Element).localName === localName) return n as Element;
  return undefined;
}

export function childElements(parent: Node, localName: string): Element[] {
  return elementChildren(parent).filter((e) => e.localName === localName);
}

/** Text content of an element's direct text and CDATA children. */
export function textOf(el: Element): string {
  let s = '';
  for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === 3 || n.nodeType === 4) s += n.nodeValue ?? '';
  return s;
}

export function attr(el: Element, name: string): string | undefined {
  return el.hasAttribute(name) ? el.getAttribute(name) ?? undefined : undefined;
}

/** The `xmlns:` prefixes in scope at `el` (innermost wins), plus the default namespace under key ''. */
export function namespacesInScope(el: Element): Record<string, string> {
  const map: Record<string, string> = {};
  addDeclarations(el, map);
  return map;
}

/** Outermost first, so an inner declaration overrides while the keys keep the order they were first declared in. */
function addDeclarations(el: Element, map: Record<string, string>): void {
  const parent = el.parentNode;
  if (parent && parent.nodeType === 1) addDeclarations(parent as Element, map);
  const attrs = el.attributes;
  for (let i = 0; i < attrs.length; i++) {
    const a = attrs[i]!;
    const name = a.name;
    if (name.charCodeAt(0) !== 0x78 || !name.startsWith('xmlns')) continue;
    if (name.length === 5) map[''] = a.value;
    else if (name.charCodeAt(5) === 0x3a) map[name.slice(6)] = a.value;
  }
}

/** Position of an attribute (falls back to its element). */
export function attrPosition(el: Element, name: string): { line: number; col: number } {
  const a = el.getAttributeNode(name);
  if (a && (a as unknown as Positioned).lineNumber) return { line: lineOf(a), col: colOf(a) };
  return { line: lineOf(el), col: colOf(el) };
}
