/**
 * Edits of a node's child elements, the ones its form shows: several
 * attributes at once, an element's text or XML content, inserting, removing,
 * moving and replacing child elements (log properties, payloadFactory args,
 * switch cases, a call's endpoint). Each is a splice of the element's own
 * bytes; new elements take the parent's namespace prefix and indentation.
 */
import { endpointDefinitions } from '../../../engine/index.js';
import type { CanvasEdit } from '../../contract/canvas.js';
import { TextFacts } from './text-layout.js';
import { CanvasEditError, attributeSplice, descend, insertion, prefixElements, rangeOf, type Splice } from './splices.js';
import { elementChildren, scanXml, type ScannedElement } from './xml-scan.js';

export type ElementEdit = Extract<CanvasEdit, { op: 'setAttributes' | 'setContent' | 'insertElement' | 'removeElement' | 'moveElement' | 'replaceElement' }>;

/** The XML of an endpoint kind's element (`endpoint:http` → `<http …/>`), four spaces per level. */
export type EndpointBodyOf = (kind: string) => string | undefined;

const ENDPOINT_KIND_ELEMENTS = new Set(endpointDefinitions.map((d) => d.descriptor.element));
/** Attributes that make an `<endpoint>` a reference rather than an inline definition. */
const REFERENCE_ATTRS = ['key', 'key-expression', 'template'];

export function elementSplices(t: TextFacts, root: ScannedElement, edit: ElementEdit, endpointBody: EndpointBodyOf): Splice[] {
  switch (edit.op) {
    case 'setAttributes': {
      const el = descend(root, edit.element ?? '');
      return Object.entries(edit.values).flatMap(([name, value]) => attributeSplice(t, el, name, value) ?? []);
    }
    case 'setContent':
      return contentSplice(t, descend(root, edit.element), edit);
    case 'insertElement': {
      const parent = descend(root, edit.parent ?? '');
      const xml = prefixElements(t.convertUnit(edit.xml.trim()), parent.prefix);
      if (!isOneElement(xml)) throw new CanvasEditError('the inserted XML is not one well-formed element');
      return [insertion(t, parent, elementChildren(parent).map(rangeOf), edit.index, xml)];
    }
    case 'removeElement': {
      const el = child(root, edit.element);
      return [{ ...t.lineRemoval(rangeOf(el)), text: '' }];
    }
    case 'moveElement': {
      const el = child(root, edit.element);
      const siblings = elementChildren(el.parent!).filter((c) => c !== el);
      return [{ ...t.lineRemoval(rangeOf(el)), text: '' }, insertion(t, el.parent!, siblings.map(rangeOf), edit.index, t.dedent(rangeOf(el)))];
    }
    case 'replaceElement': {
      const el = descend(root, edit.element);
      if (edit.kind !== undefined) return endpointKindSplices(t, el, edit.kind, endpointBody);
      if (edit.xml === undefined) throw new CanvasEditError('replaceElement needs xml or kind');
      const xml = prefixElements(t.convertUnit(edit.xml.trim()), el.prefix);
      if (!isOneElement(xml)) throw new CanvasEditError('the new XML is not one well-formed element');
      const body = t.indentContinuation(xml, t.lineIndent(el.start));
      return [{ start: el.start, end: el.end, text: body, select: { start: 0, end: body.length } }];
    }
  }
}

/** A child (not the node's own element, which the mediator operations handle). */
function child(root: ScannedElement, path: string): ScannedElement {
  const el = descend(root, path);
  if (el === root) throw new CanvasEditError('name a child element (delete or move the node itself on the canvas)');
  return el;
}

function isOneElement(xml: string): boolean {
  const doc = scanXml(xml);
  return !!doc?.root && doc.root.start === 0 && doc.root.end === xml.length;
}

function contentSplice(t: TextFacts, el: ScannedElement, edit: Extract<ElementEdit, { op: 'setContent' }>): Splice[] {
  const current = el.selfClosing ? '' : t.text.slice(el.startTagEnd, el.endTagStart);
  let content: string;
  if (edit.xml !== undefined) {
    // Well-formed as content: inside a wrapper element it scans as one element with nothing after it.
    const wrapped = scanXml(`<x>${edit.xml}</x>`);
    if (!wrapped?.root || wrapped.root.end !== edit.xml.length + 7) throw new CanvasEditError(`the content of <${el.name}> is not well-formed XML`);
    content = edit.xml;
  } else if (edit.text !== undefined) {
    const inCdata = /^<!\[CDATA\[[\s\S]*\]\]>$/.test(current) && current.indexOf(']]>') === current.length - 3;
    content = inCdata && !edit.text.includes(']]>') ? `<![CDATA[${edit.text}]]>` : escapeText(edit.text);
  } else throw new CanvasEditError('setContent needs text or xml');
  if (content === current) return [];
  if (!el.selfClosing) return [{ start: el.startTagEnd, end: el.endTagStart, text: content }];
  if (content === '') return [];
  // `<message/>` becomes `<message>…</message>`.
  return [{ start: el.startTagEnd - 2, end: el.startTagEnd, text: `>${content}</${el.name}>` }];
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/]]>/g, ']]&gt;');
}

/**
 * Gives an `<endpoint>` another inline kind: its kind element is replaced (or,
 * for a reference by key, the reference attributes go and the kind element
 * comes first). Its name, namespace declarations, properties and the rest stay.
 */
function endpointKindSplices(t: TextFacts, el: ScannedElement, kind: string, endpointBody: EndpointBodyOf): Splice[] {
  if (el.local !== 'endpoint') throw new CanvasEditError(`<${el.name}> is not an endpoint`);
  const snippet = endpointBody(kind);
  if (!snippet) throw new CanvasEditError(`no endpoint kind '${kind}'`);
  const body = prefixElements(t.convertUnit(snippet), el.prefix);
  const current = elementChildren(el).find((c) => ENDPOINT_KIND_ELEMENTS.has(c.local));
  if (current) {
    return [{ start: current.start, end: current.end, text: t.indentContinuation(body, t.lineIndent(current.start)) }];
  }
  // The endpoint node keeps its place and id, so it stays selected: no selection of the kind element.
  const { select: _inner, ...added } = insertion(t, el, elementChildren(el).map(rangeOf), 0, body);
  return [...REFERENCE_ATTRS.flatMap((name) => attributeSplice(t, el, name, null) ?? []), added];
}
