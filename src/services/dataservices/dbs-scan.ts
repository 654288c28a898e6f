/**
 * Addressing the parts of a `.dbs` text the designer edits, on the lossless
 * scan of the text (exact offsets): configs and queries by id, a query's
 * `<sql>` and `<result>`, the result's column mappings by index among the
 * result's element children, resources and operations by document order.
 */
import { attrValue, decodeEntities, elementChildren, scanXml, type ScannedDocument, type ScannedElement } from '../canvas/xml-scan.js';
import { CanvasEditError } from '../canvas/splices.js';

export function scanDataService(text: string): ScannedDocument & { root: ScannedElement } {
  const doc = scanXml(text);
  if (!doc?.root || doc.root.local !== 'data') throw new CanvasEditError('the document is not a well-formed data service (<data>): fix it in the source view first');
  return doc as ScannedDocument & { root: ScannedElement };
}

export function attrOf(text: string, el: ScannedElement, name: string): string | undefined {
  const a = el.attrs.find((x) => x.name === name);
  return a ? attrValue(text, a) : undefined;
}

export function childrenNamed(el: ScannedElement, local: string): ScannedElement[] {
  return elementChildren(el).filter((c) => c.local === local);
}

function byId(text: string, root: ScannedElement, local: string, id: string, what: string): ScannedElement {
  const found = childrenNamed(root, local).find((c) => (attrOf(text, c, 'id') ?? (local === 'config' ? 'default' : undefined)) === id);
  if (!found) throw new CanvasEditError(`the data service has no ${what} '${id}'`);
  return found;
}

export const configElement = (text: string, root: ScannedElement, id: string) => byId(text, root, 'config', id, 'config');
export const queryElement = (text: string, root: ScannedElement, id: string) => byId(text, root, 'query', id, 'query');

/** The text inside an element (CDATA unwrapped, entities decoded). */
export function contentOf(text: string, el: ScannedElement): string {
  if (el.selfClosing) return '';
  let out = '';
  for (const c of el.children) {
    const raw = text.slice(c.start, c.end);
    if (c.type === 'cdata') out += raw.slice(9, -3);
    else if (c.type === 'text') out += decodeEntities(raw);
    else if (c.type === 'element') out += decodeEntities(raw.replace(/<[^>]*>/g, ''));
  }
  return out;
}

/** A result's direct `<element column>` / `<attribute column>` children, with their index among its element children. */
export function mappingElements(text: string, result: ScannedElement): { index: number; el: ScannedElement }[] {
  return elementChildren(result)
    .map((el, index) => ({ index, el }))
    .filter(({ el }) => (el.local === 'element' || el.local === 'attribute') && attrOf(text, el, 'column') !== undefined && elementChildren(el).length === 0);
}
