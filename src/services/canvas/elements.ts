/**
 * A node's child elements as its form sees them (FlowElement), read from the
 * exact text and shaped by the descriptor: declared child elements recurse,
 * text and XML content come as written (and text decoded), mediator lists and
 * endpoint groups are lanes the canvas draws, so the form does not repeat them.
 */
import type { ElementDescriptor } from '../../../engine/index.js';
import type { FlowElement } from '../../contract/canvas.js';
import { attrValue, decodeEntities, elementChildren, type ScannedElement } from './xml-scan.js';

export function attrsOf(text: string, el: ScannedElement): Record<string, string> {
  const out: Record<string, string> = {};
  for (const a of el.attrs) if (a.name !== 'xmlns' && !a.name.startsWith('xmlns:')) out[a.name] = attrValue(text, a);
  return out;
}

/** The element children of `el`; `lanes` are elements whose content the canvas draws. */
export function flowElements(text: string, el: ScannedElement, desc: ElementDescriptor | undefined, lanes: ReadonlySet<ScannedElement>): FlowElement[] {
  return elementChildren(el).map((c) => flowElement(text, c, desc?.children?.find((d) => d.descriptor.element === c.local)?.descriptor, lanes));
}

function flowElement(text: string, el: ScannedElement, desc: ElementDescriptor | undefined, lanes: ReadonlySet<ScannedElement>): FlowElement {
  const out: FlowElement = { name: el.name, local: el.local, attrs: attrsOf(text, el) };
  if (lanes.has(el) || desc?.content === 'mediators') {
    out.lane = true;
    return out;
  }
  if (desc?.content === 'elements') {
    out.children = flowElements(text, el, desc, lanes);
    return out;
  }
  if (desc?.content === 'empty' || el.selfClosing) return out;
  out.inner = text.slice(el.startTagEnd, el.endTagStart);
  if (desc?.content === 'text') out.text = decodeContent(out.inner);
  return out;
}

/** Text content as a parser reads it: CDATA sections verbatim, entities resolved, comments dropped. */
export function decodeContent(inner: string): string {
  let out = '';
  const special = /<!\[CDATA\[([\s\S]*?)\]\]>|<!--[\s\S]*?-->/g;
  let at = 0;
  for (let m = special.exec(inner); m; m = special.exec(inner)) {
    out += decodeEntities(inner.slice(at, m.index)) + (m[1] ?? '');
    at = m.index + m[0].length;
  }
  return out + decodeEntities(inner.slice(at));
}
