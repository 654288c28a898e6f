/**
 * A small structural view of the engine's DOM (src/ has no DOM typings) for
 * reading suite and mock-service files: children by local name, trimmed text,
 * positions. Parsing is the engine's own (positions on every element).
 */
import { parseXmlStrict, XmlSyntaxError } from '../../../engine/index.js';

export interface XmlElement {
  readonly nodeType: number;
  readonly localName: string;
  readonly nodeName: string;
  readonly namespaceURI: string | null;
  readonly firstChild: XmlNode | null;
  readonly nextSibling: XmlNode | null;
  readonly lineNumber?: number;
  readonly columnNumber?: number;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  toString(): string;
}

export interface XmlNode {
  readonly nodeType: number;
  readonly nodeValue: string | null;
  readonly firstChild: XmlNode | null;
  readonly nextSibling: XmlNode | null;
  toString(): string;
}

export type ParsedDocument = { ok: true; root: XmlElement } | { ok: false; line: number; col: number; message: string };

export function parseDocument(text: string): ParsedDocument {
  try {
    const doc = parseXmlStrict(text) as unknown as { documentElement: XmlElement | null };
    if (!doc.documentElement) return { ok: false, line: 1, col: 1, message: 'the file has no root element' };
    return { ok: true, root: doc.documentElement };
  } catch (e) {
    if (e instanceof XmlSyntaxError) return { ok: false, line: e.line, col: e.col, message: e.message };
    throw e;
  }
}

export function childElements(parent: XmlElement, localName?: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (let n = parent.firstChild; n; n = n.nextSibling) {
    if (n.nodeType !== 1) continue;
    const el = n as unknown as XmlElement;
    if (localName === undefined || el.localName === localName) out.push(el);
  }
  return out;
}

export function child(parent: XmlElement, localName: string): XmlElement | undefined {
  return childElements(parent, localName)[0];
}

/** Text and CDATA content, concatenated (child elements ignored), untrimmed. */
export function rawText(el: XmlElement): string {
  let s = '';
  for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === 3 || n.nodeType === 4) s += n.nodeValue ?? '';
  return s;
}

/**
 * An element's content as a string the way suites write values: text/CDATA as is, or, when the
 * value is inline XML (a payload written as elements), the child elements serialized.
 */
export function contentOf(el: XmlElement): string {
  if (childElements(el).length > 0) {
    let s = '';
    for (let n = el.firstChild; n; n = n.nextSibling) s += n.nodeType === 1 ? n.toString() : n.nodeValue ?? '';
    return s.trim();
  }
  return rawText(el).trim();
}

export function textOf(parent: XmlElement, localName: string): string | undefined {
  const c = child(parent, localName);
  return c ? rawText(c).trim() : undefined;
}

export function lineOf(el: XmlElement): number {
  return el.lineNumber ?? 1;
}

export function colOf(el: XmlElement): number {
  return el.columnNumber ?? 1;
}
