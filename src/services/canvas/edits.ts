/**
 * Graphical edits as text surgery on the exact text: every operation replaces
 * the bytes of one element (or one attribute, or one insertion point) and
 * leaves everything else as written: comments, blank lines, attribute order,
 * quoting, prefixes, CDATA. New text follows the file's own indentation,
 * line endings and quoting.
 *
 * Mediator lists hold mediators; endpoint lists (the members of a failover,
 * loadbalance or recipientlist) hold `<endpoint>` elements, and the one
 * endpoint of an endpoint artifact is fixed in place.
 */
import { compileArtifactText } from '../../../engine/index.js';
import type { CanvasEdit } from '../../contract/canvas.js';
import type { DocumentModel, ItemInfo, ListInfo } from './document-model.js';
import { scanXml } from './xml-scan.js';
import { commentOut, uncomment } from './disabled.js';
import { TextFacts } from './text-layout.js';
import { CanvasEditError, apply, attributeSplice, descend, insertion, prefixElements, type EditOutcome, type Splice } from './splices.js';
import { elementSplices, type EndpointBodyOf } from './element-edits.js';

export { CanvasEditError, type EditOutcome } from './splices.js';

/** Where the edit engine gets the XML it inserts. */
export interface Snippets {
  /** A palette item's XML for a mediator list. */
  item(kind: string): string | undefined;
  /** An endpoint kind's element (`endpoint:http` → `<http …/>`). */
  endpointBody: EndpointBodyOf;
}

/** The edit as splices of `doc.text`; refused (CanvasEditError) when it does not apply or would leave the XML malformed. */
export function applyEdit(doc: DocumentModel, edit: CanvasEdit, snippets: Snippets): EditOutcome {
  if (!doc.model.ok || !doc.scan) throw new CanvasEditError('the document is not well-formed XML; fix it in the source first');
  const outcome = splicesOf(doc, edit, snippets);
  if (outcome.edits.length) {
    // What a form or a paste writes is checked by the engine's parser (entities, prefixes ...), never written broken.
    const after = compileArtifactText('document.xml', outcome.text);
    if (!after.tree) throw new CanvasEditError(`not written: ${after.diagnostics[0]?.message ?? 'the result is not well-formed XML'}`);
  }
  return outcome;
}

function splicesOf(doc: DocumentModel, edit: CanvasEdit, snippets: Snippets): EditOutcome {
  const t = new TextFacts(doc.text);
  switch (edit.op) {
    case 'insert': {
      const list = insertTarget(listOf(doc, edit.list), edit.index);
      const xml = list.list.holds ? memberXml(t, list.list, edit, snippets) : mediatorXml(t, list.list, edit, snippets);
      if (!scanXml(xml)?.root) throw new CanvasEditError('the inserted XML is not one well-formed element');
      return apply(doc.text, [insertion(t, list.list.container, list.list.items.map((i) => i.range), list.index, xml)]);
    }
    case 'delete': {
      const item = itemOf(doc, edit.node);
      if (item.list.holds === 'endpoint') throw new CanvasEditError('an endpoint artifact keeps its one endpoint: change its kind in the form instead');
      return apply(doc.text, [{ ...t.lineRemoval(item.range), text: '' }]);
    }
    case 'disable':
    case 'enable': {
      const item = itemOf(doc, edit.node);
      if (item.list.holds) throw new CanvasEditError('endpoints cannot be disabled; delete or move them instead');
      if (!!item.flow.disabled === (edit.op === 'disable')) return { text: doc.text, edits: [] };
      const replaced = edit.op === 'disable' ? commentOut(doc.text.slice(item.range.start, item.range.end)) : uncomment(doc.text.slice(item.range.start + 4, item.range.end - 3));
      return apply(doc.text, [{ ...item.range, text: replaced, select: { start: 0, end: replaced.length } }]);
    }
    case 'move': {
      const item = itemOf(doc, edit.node);
      const target = listOf(doc, edit.list);
      if (target.container.start >= item.range.start && target.container.end <= item.range.end) throw new CanvasEditError('cannot move a mediator into itself');
      if (item.list.holds === 'endpoint' || target.holds === 'endpoint') throw new CanvasEditError('an endpoint artifact keeps its one endpoint in place');
      if (item.list.holds !== target.holds) throw new CanvasEditError(item.list.holds ? 'an endpoint moves only among the endpoints of a failover, loadbalance or recipient list' : 'a mediator moves only into a mediator list');
      const siblings = target.items.filter((i) => i !== item);
      const removal: Splice = { ...t.lineRemoval(item.range), text: '' };
      const add = insertion(t, target.container, siblings.map((i) => i.range), edit.index, t.dedent(item.range));
      return apply(doc.text, [removal, add]);
    }
    case 'setAttribute': {
      const item = itemOf(doc, edit.node);
      const el = descend(enabledElement(item), edit.element ?? '');
      const splice = attributeSplice(t, el, edit.name, edit.value);
      if (!splice) return { text: doc.text, edits: [], selection: item.range };
      return apply(doc.text, [splice]);
    }
    default: {
      const item = itemOf(doc, edit.node);
      const splices = elementSplices(t, enabledElement(item), edit, snippets.endpointBody);
      if (!splices.length) return { text: doc.text, edits: [], selection: item.range };
      return apply(doc.text, splices);
    }
  }
}

function enabledElement(item: ItemInfo) {
  if (!item.element) throw new CanvasEditError('enable the mediator before editing it');
  return item.element;
}

/** Inserting into an endpoint artifact's one-endpoint list adds a member to its group, when it is one. */
function insertTarget(list: ListInfo, index: number): { list: ListInfo; index: number } {
  if (list.holds !== 'endpoint') return { list, index };
  const members = list.items[0]?.branches[0];
  if (!members) throw new CanvasEditError('an endpoint artifact holds one endpoint: change its kind in the form, or make it a failover, loadbalance or recipient list to add endpoints');
  return { list: members, index: index <= 0 ? 0 : members.items.length };
}

function mediatorXml(t: TextFacts, list: ListInfo, edit: Extract<CanvasEdit, { op: 'insert' }>, snippets: Snippets): string {
  let xml: string;
  if (edit.xml !== undefined) xml = edit.xml.trim();
  else {
    const snippet = edit.kind ? snippets.item(edit.kind) : undefined;
    if (!snippet) throw new CanvasEditError(`no palette item '${edit.kind ?? ''}'`);
    xml = prefixElements(t.convertUnit(snippet), list.container.prefix);
  }
  if (rootLocal(xml) === 'endpoint') throw new CanvasEditError('an endpoint goes into a failover, loadbalance or recipient list, or into a call or send');
  return xml;
}

/** An `<endpoint>` member: pasted, or a palette endpoint item wrapped in `<endpoint>`. */
function memberXml(t: TextFacts, list: ListInfo, edit: Extract<CanvasEdit, { op: 'insert' }>, snippets: Snippets): string {
  if (edit.xml !== undefined) {
    const xml = edit.xml.trim();
    if (rootLocal(xml) !== 'endpoint') throw new CanvasEditError(`only endpoints go into a ${list.flow.label}`);
    return xml;
  }
  const body = edit.kind ? snippets.endpointBody(edit.kind) : undefined;
  if (!body) throw new CanvasEditError(`only endpoints go into a ${list.flow.label}: pick one from the palette's Endpoints group`);
  const member = `<endpoint>\n${body.replace(/^/gm, '    ')}\n</endpoint>`;
  return prefixElements(t.convertUnit(member), list.container.prefix);
}

function rootLocal(xml: string): string | undefined {
  return scanXml(xml)?.root?.local;
}

/** The element text of a node for copy, without its indentation (continuation lines dedented). */
export function copyText(doc: DocumentModel, nodeId: string): string {
  const item = itemOf(doc, nodeId);
  const t = new TextFacts(doc.text);
  if (item.flow.disabled) return uncomment(doc.text.slice(item.range.start + 4, item.range.end - 3));
  return t.dedent(item.range);
}

function listOf(doc: DocumentModel, id: string): ListInfo {
  const list = doc.lists.get(id);
  if (!list) throw new CanvasEditError(`no mediator list '${id}' in this document`);
  return list;
}

function itemOf(doc: DocumentModel, id: string): ItemInfo {
  const item = doc.items.get(id);
  if (!item) throw new CanvasEditError(`no mediator '${id}' in this document`);
  return item;
}

