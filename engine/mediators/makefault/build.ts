/** Building SOAP 1.1 / SOAP 1.2 / POX fault payloads the way Axiom lays them out for MI's fault mediator. */
import { createEnvelope, headerOf, bodyOf } from '../../core/message.js';
import { SOAP11_NS, SOAP12_NS, XMLNS_NS, elementChildren } from '../../xml/dom.js';

export interface FaultParts {
  code: { prefix: string; ns: string; local: string };
  reason: string;
  node?: string;
  role?: string;
  /** Text, or nodes copied into the detail element; undefined = no detail. */
  detail?: string | readonly Node[];
}

/** A new envelope holding the fault; header blocks of `original` are carried over. */
export function soapFaultEnvelope(version: '1.1' | '1.2', parts: FaultParts, original: Document | undefined): Document {
  const doc = createEnvelope(version);
  const ns = version === '1.1' ? SOAP11_NS : SOAP12_NS;
  const oldHeader = original ? headerOf(original, false) : undefined;
  if (oldHeader) {
    const h = headerOf(doc, true)!;
    for (const block of elementChildren(oldHeader)) h.appendChild(doc.importNode(block, true));
  }
  const fault = doc.createElementNS(ns, 'soapenv:Fault');
  const codeText = codeQName(parts, ns);
  if (version === '1.1') {
    const code = fault.appendChild(doc.createElementNS(null, 'faultcode')) as Element;
    declareCodePrefix(code, parts, ns);
    code.appendChild(doc.createTextNode(codeText));
    appendText(doc, fault, null, 'faultstring', parts.reason);
    if (parts.role !== undefined) appendText(doc, fault, null, 'faultactor', parts.role);
    if (parts.detail !== undefined) fault.appendChild(detailElement(doc, null, 'detail', parts.detail));
  } else {
    const code = fault.appendChild(doc.createElementNS(ns, 'soapenv:Code')) as Element;
    const value = code.appendChild(doc.createElementNS(ns, 'soapenv:Value')) as Element;
    declareCodePrefix(value, parts, ns);
    value.appendChild(doc.createTextNode(codeText));
    const reason = fault.appendChild(doc.createElementNS(ns, 'soapenv:Reason')) as Element;
    const text = reason.appendChild(doc.createElementNS(ns, 'soapenv:Text')) as Element;
    text.setAttributeNS('http://www.w3.org/XML/1998/namespace', 'xml:lang', 'en');
    text.appendChild(doc.createTextNode(parts.reason));
    if (parts.node !== undefined) appendText(doc, fault, ns, 'soapenv:Node', parts.node);
    if (parts.role !== undefined) appendText(doc, fault, ns, 'soapenv:Role', parts.role);
    if (parts.detail !== undefined) fault.appendChild(detailElement(doc, ns, 'soapenv:Detail', parts.detail));
  }
  bodyOf(doc).appendChild(fault);
  return doc;
}

/** POX fault: `<Exception>text</Exception>` replaces the first body element. */
export function poxFaultElement(doc: Document, text: string): Element {
  const e = doc.createElementNS(null, 'Exception');
  e.appendChild(doc.createTextNode(text));
  return e;
}

function codeQName(parts: FaultParts, envNs: string): string {
  const prefix = parts.code.ns === envNs ? parts.code.prefix || 'soapenv' : parts.code.prefix;
  return prefix ? `${prefix}:${parts.code.local}` : parts.code.local;
}

/** Declares the code's prefix where it is used when it is not the envelope's own `soapenv`. */
function declareCodePrefix(el: Element, parts: FaultParts, envNs: string): void {
  const prefix = parts.code.ns === envNs ? parts.code.prefix || 'soapenv' : parts.code.prefix;
  if (prefix && prefix !== 'soapenv' && parts.code.ns) el.setAttributeNS(XMLNS_NS, `xmlns:${prefix}`, parts.code.ns);
}

function appendText(doc: Document, parent: Element, ns: string | null, name: string, text: string): void {
  const e = parent.appendChild(doc.createElementNS(ns, name)) as Element;
  e.appendChild(doc.createTextNode(text));
}

function detailElement(doc: Document, ns: string | null, name: string, detail: string | readonly Node[]): Element {
  const e = doc.createElementNS(ns, name);
  if (typeof detail === 'string') e.appendChild(doc.createTextNode(detail));
  else for (const n of detail) e.appendChild(n.nodeType === 1 ? doc.importNode(n, true) : doc.createTextNode(n.nodeValue ?? n.textContent ?? ''));
  return e;
}
