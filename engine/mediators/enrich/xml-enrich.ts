/**
 * Enrich on the XML (SOAP envelope) view of the message, as Synapse's
 * Source/Target do: the source yields nodes (elements or text), the target
 * receives them.
 * - custom target: replace swaps the first selected element for the source
 *   (a text source sets the element's text), child appends, sibling inserts
 *   after; an attribute or text target gets the source's text.
 * - body target: replace swaps the body's first element, child appends to the
 *   body's first element (to the body when it is empty), sibling inserts after
 *   the first element.
 * - envelope target: the source must be a SOAP Envelope.
 * - property/variable target: replace stores the element (or text, or node
 *   list); child appends to the stored element.
 * - remove: deletes the nodes the custom source selects (body/custom) or
 *   the matching nodes inside a stored element (property).
 */
import type { MessageContext } from '../../core/context.js';
import { MediationFault } from '../../core/errors.js';
import { bodyOf } from '../../core/message.js';
import { firstElementChild, parseXmlStrict, SOAP11_NS, SOAP12_NS } from '../../xml/dom.js';
import type { EnrichPlan } from './plan.js';

const ELEMENT = 1;
const ATTRIBUTE = 2;
const TEXT = 3;
const CDATA = 4;
const DOCUMENT = 9;

export function runXmlEnrich(plan: EnrichPlan, ctx: MessageContext): void {
  if (plan.target.action === 'remove') return removeNodes(plan, ctx);
  const nodes = xmlSource(plan, ctx);
  if (nodes.length === 0) throw new MediationFault(0, 'Enrich source selected nothing; nothing to enrich with');
  const { target } = plan;
  switch (target.type) {
    case 'custom':
      return enrichCustom(nodes, plan, ctx);
    case 'body':
      return enrichBody(nodes, plan, ctx);
    case 'envelope':
      return enrichEnvelope(nodes, ctx);
    case 'property':
    case 'variable':
      return enrichStored(nodes, plan, ctx);
    case 'key':
      throw new MediationFault(0, 'Enrich key target renames JSON keys; the payload is not JSON');
  }
}

function isNode(v: unknown): v is Node {
  return typeof v === 'object' && v !== null && typeof (v as Node).nodeType === 'number';
}

/** Source nodes; cloned when `clone` is true (detached from where they were found otherwise). */
export function xmlSource(plan: EnrichPlan, ctx: MessageContext): Node[] {
  const { source } = plan;
  const doc = ctx.message.envelope();
  const text = (s: string): Node[] => [doc.createTextNode(s)];
  const take = (nodes: Node[]): Node[] => (source.clone ? nodes.map((n) => n.cloneNode(true)) : nodes);
  switch (source.type) {
    case 'envelope':
      return take([doc.documentElement!]);
    case 'body': {
      const first = firstElementChild(bodyOf(doc));
      return first ? take([first]) : [];
    }
    case 'custom': {
      const r = source.expression!.evaluate(ctx);
      if (Array.isArray(r) && r.every(isNode)) return take((r as Node[]).map((n) => (n.nodeType === DOCUMENT ? (n as Document).documentElement! : n)));
      if (isNode(r)) return take([r]);
      if (r === undefined || r === null) return [];
      return text(typeof r === 'string' ? r : typeof r === 'object' ? JSON.stringify(r) : String(r));
    }
    case 'property':
    case 'variable': {
      const name = source.name ?? '';
      const v = source.type === 'variable' ? ctx.variables.get(name) : ctx.getProperty('default', name);
      if (v === undefined || v === null) return [];
      if (isNode(v)) return take([v]);
      if (Array.isArray(v) && v.every(isNode)) return take(v as Node[]);
      return text(typeof v === 'string' ? v : JSON.stringify(v));
    }
    case 'inline': {
      if (source.inlineElement) return [withoutEmptyDefaultNamespace(source.inlineElement.cloneNode(true) as Element)];
      if (source.inlineText !== undefined) return text(source.inlineText.trim());
      const resource = ctx.services.registryResource(source.key ?? '');
      if (resource === undefined) throw new MediationFault(0, `Enrich inline source key '${source.key}' not found`);
      return [parseResource(resource)];
    }
  }
}

/** `xmlns=""` written to step out of the Synapse namespace is a declaration, not content. */
function withoutEmptyDefaultNamespace(el: Element): Element {
  if (el.getAttribute('xmlns') === '') el.removeAttribute('xmlns');
  return el;
}

function parseResource(text: string): Node {
  const t = text.trim();
  if (t.startsWith('<')) {
    try {
      return parseXmlStrict(t).documentElement!;
    } catch {
      /* not XML: used as text */
    }
  }
  return parseXmlStrict('<t/>').createTextNode(t);
}

function textOfNodes(nodes: Node[]): string {
  return nodes.map((n) => n.textContent ?? '').join('');
}

function adopt(doc: Document, n: Node): Node {
  return n.ownerDocument === doc ? n : doc.importNode(n, true);
}

function enrichCustom(nodes: Node[], plan: EnrichPlan, ctx: MessageContext): void {
  const r = plan.target.expression!.evaluate(ctx);
  const targets = Array.isArray(r) ? (r as unknown[]).filter(isNode) : isNode(r) ? [r] : [];
  const target = targets[0];
  if (!target) throw new MediationFault(0, `Enrich target '${plan.target.expression!.source}' selected nothing`);
  // The target may be the envelope (changed in place) or a stored XML property.
  if (target.ownerDocument === ctx.message.envelope()) ctx.message.envelopeForUpdate();
  insertAt(target, nodes, plan.target.action);
}

function insertAt(target: Node, nodes: Node[], action: string): void {
  if (target.nodeType === ATTRIBUTE || target.nodeType === TEXT || target.nodeType === CDATA) {
    if (action !== 'replace') throw new MediationFault(0, `Enrich ${action} needs an element target, not ${target.nodeType === ATTRIBUTE ? 'an attribute' : 'text'}`);
    const value = textOfNodes(nodes);
    if (target.nodeType === ATTRIBUTE) (target as Attr).value = value;
    target.nodeValue = value;
    return;
  }
  if (target.nodeType === DOCUMENT) target = (target as Document).documentElement!;
  const doc = target.ownerDocument!;
  const el = target as Element;
  if (action === 'child') {
    for (const n of nodes) el.appendChild(adopt(doc, n));
    return;
  }
  const parent = el.parentNode;
  if (action === 'sibling') {
    if (!parent) throw new MediationFault(0, 'Enrich sibling needs a target that has a parent');
    const next = el.nextSibling;
    for (const n of nodes) parent.insertBefore(adopt(doc, n), next);
    return;
  }
  // replace
  if (nodes.every((n) => n.nodeType === TEXT || n.nodeType === CDATA)) {
    while (el.firstChild) el.removeChild(el.firstChild);
    el.appendChild(doc.createTextNode(textOfNodes(nodes)));
    return;
  }
  if (!parent) throw new MediationFault(0, 'Enrich replace needs a target that has a parent');
  for (const n of nodes) parent.insertBefore(adopt(doc, n), el);
  parent.removeChild(el);
}

function enrichBody(nodes: Node[], plan: EnrichPlan, ctx: MessageContext): void {
  const doc = ctx.message.envelopeForUpdate();
  const body = bodyOf(doc);
  const first = firstElementChild(body);
  const action = plan.target.action;
  // MI's body/child adds to the body's first element (the payload root), not to
  // soapenv:Body itself; only an empty body takes the nodes directly.
  if (action === 'child' && first) return insertAt(first, nodes, 'child');
  if (action === 'child' || !first) {
    if (action === 'replace') while (body.firstChild) body.removeChild(body.firstChild);
    for (const n of nodes) body.appendChild(adopt(doc, n));
    return;
  }
  if (action === 'sibling') return insertAt(first, nodes, 'sibling');
  while (body.firstChild) body.removeChild(body.firstChild);
  for (const n of nodes) body.appendChild(adopt(doc, n));
}

function enrichEnvelope(nodes: Node[], ctx: MessageContext): void {
  const el = nodes.find((n) => n.nodeType === ELEMENT) as Element | undefined;
  if (!el || el.localName !== 'Envelope' || (el.namespaceURI !== SOAP11_NS && el.namespaceURI !== SOAP12_NS)) {
    throw new MediationFault(0, 'Enrich envelope target needs a SOAP Envelope as the source');
  }
  const doc = parseXmlStrict('<x/>');
  doc.replaceChild(doc.importNode(el, true), doc.documentElement!);
  ctx.message.setEnvelope(doc);
}

function enrichStored(nodes: Node[], plan: EnrichPlan, ctx: MessageContext): void {
  const name = plan.target.name ?? '';
  const isVar = plan.target.type === 'variable';
  const write = (v: unknown): void => {
    if (isVar) ctx.variables.set(name, v);
    else ctx.setProperty('default', name, v);
  };
  const standalone = nodes.map(detachedCopy);
  if (plan.target.action === 'replace') {
    if (standalone.length === 1) {
      const only = standalone[0]!;
      write(only.nodeType === ELEMENT ? only : only.textContent ?? '');
    } else write(standalone);
    return;
  }
  const current = isVar ? ctx.variables.get(name) : ctx.getProperty('default', name);
  if (plan.target.action === 'child') {
    if (!isNode(current) || current.nodeType !== ELEMENT) {
      if (current === undefined) return write(standalone.length === 1 ? standalone[0] : standalone);
      throw new MediationFault(0, `Enrich child: ${plan.target.type} '${name}' does not hold an XML element`);
    }
    for (const n of standalone) (current as Element).appendChild(adopt((current as Element).ownerDocument!, n));
    return;
  }
  const list = current === undefined ? [] : Array.isArray(current) ? current : [current];
  write([...list, ...standalone]);
}

/** A copy of a node in its own document, so a stored value does not change with the message. */
function detachedCopy(n: Node): Node {
  if (n.nodeType !== ELEMENT) return parseXmlStrict('<t/>').createTextNode(n.textContent ?? '');
  const doc = parseXmlStrict('<t/>');
  const copy = doc.importNode(n, true);
  doc.replaceChild(copy, doc.documentElement!);
  return copy;
}

function removeNodes(plan: EnrichPlan, ctx: MessageContext): void {
  const expr = plan.source.expression;
  if (plan.source.type !== 'custom' || !expr) throw new MediationFault(0, 'Enrich remove needs a custom source selecting what to remove');
  if (plan.target.type === 'body' || plan.target.type === 'custom' || plan.target.type === 'envelope') ctx.message.envelopeForUpdate();
  const r = expr.evaluate(ctx);
  const nodes = Array.isArray(r) ? (r as unknown[]).filter(isNode) : [];
  for (const n of nodes) {
    if (n.nodeType === ATTRIBUTE) (n as Attr).ownerElement?.removeAttributeNode(n as Attr);
    else n.parentNode?.removeChild(n);
  }
}
