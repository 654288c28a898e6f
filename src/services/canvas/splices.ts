/**
 * The building blocks of every graphical edit: splices of the original text
 * (replace [start, end) by new text), applied together as one outcome, and the
 * few kinds of splice there are: insert an element among siblings, set or
 * remove an attribute. Everything outside a splice stays byte for byte.
 */
import type { CanvasTextEdit, OffsetRange } from '../../contract/canvas.js';
import type { TextFacts } from './text-layout.js';
import { attrValue, elementChildren, escapeAttr, type ScannedElement } from './xml-scan.js';

export class CanvasEditError extends Error {
  readonly code = 'BAD_EDIT';
}

/** A replacement of [start, end) of the original text. */
export interface Splice {
  start: number;
  end: number;
  text: string;
  /** Where the new element lies inside `text` (for the selection). */
  select?: OffsetRange;
}

export interface EditOutcome {
  text: string;
  /** The splices of the original text, sorted, non-overlapping and not touching (touching ones are merged). */
  edits: CanvasTextEdit[];
  selection?: OffsetRange;
}

/** Applies non-overlapping splices of the original text (in any order; equal starts keep their given order). */
export function apply(text: string, splices: Splice[]): EditOutcome {
  const sorted = [...splices].sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < sorted.length; i++) if (sorted[i]!.start < sorted[i - 1]!.end) throw new CanvasEditError('overlapping edits');
  let out = '';
  let at = 0;
  let selection: OffsetRange | undefined;
  const edits: CanvasTextEdit[] = [];
  for (const s of sorted) {
    out += text.slice(at, s.start);
    if (s.select) selection = { start: out.length + s.select.start, end: out.length + s.select.end };
    out += s.text;
    const previous = edits.at(-1);
    if (previous && previous.end >= s.start) {
      previous.newText += text.slice(previous.end, s.start) + s.text;
      previous.end = s.end;
    } else if (s.text !== '' || s.end > s.start) edits.push({ start: s.start, end: s.end, newText: s.text });
    at = s.end;
  }
  out += text.slice(at);
  return { text: out, edits, selection };
}

/** Inserting `xml` at `index` among `siblings` (element ranges) of `container`, laid out like the siblings. */
export function insertion(t: TextFacts, container: ScannedElement, siblings: readonly OffsetRange[], index: number, xml: string): Splice {
  const i = Math.max(0, Math.min(index, siblings.length));
  const eol = t.eol;
  if (siblings.length === 0) {
    const outer = t.lineIndent(container.start);
    const inner = outer + t.unit;
    const body = t.indentContinuation(xml, inner);
    if (container.selfClosing) {
      // `<inSequence/>` becomes `<inSequence>` … `</inSequence>`; a space before `/>` stays.
      const prefix = `>${eol}${inner}`;
      return { start: container.startTagEnd - 2, end: container.startTagEnd, text: `${prefix}${body}${eol}${outer}</${container.name}>`, select: { start: prefix.length, end: prefix.length + body.length } };
    }
    const meaningful = container.children.filter((c) => c.type !== 'text' || t.text.slice(c.start, c.end).trim() !== '');
    const anchor = meaningful.length ? meaningful.at(-1)!.end : container.startTagEnd;
    const rest = t.text.slice(anchor, container.endTagStart);
    const prefix = `${eol}${inner}`;
    const suffix = rest.includes('\n') ? '' : `${eol}${outer}`;
    return { start: anchor, end: anchor, text: `${prefix}${body}${suffix}`, select: { start: prefix.length, end: prefix.length + body.length } };
  }
  const neighbour = i > 0 ? siblings[i - 1]! : siblings[0]!;
  const anchor = i > 0 ? neighbour.end : container.startTagEnd;
  const indent = t.indentAt(neighbour.start);
  if (indent === undefined) {
    // Siblings share a line: the new one joins them.
    return { start: anchor, end: anchor, text: xml, select: { start: 0, end: xml.length } };
  }
  const body = t.indentContinuation(xml, indent);
  const prefix = `${eol}${indent}`;
  return { start: anchor, end: anchor, text: `${prefix}${body}`, select: { start: prefix.length, end: prefix.length + body.length } };
}

/** Sets (value) or removes (null) one attribute inside the start tag; undefined when nothing changes. */
export function attributeSplice(t: TextFacts, el: ScannedElement, name: string, value: string | null): Splice | undefined {
  const attr = el.attrs.find((a) => a.name === name);
  if (value === null) {
    if (!attr) return undefined;
    let start = attr.start;
    while (start > 0 && /\s/.test(t.text[start - 1]!)) start--;
    return { start, end: attr.end, text: '' };
  }
  if (attr) {
    if (attrValue(t.text, attr) === value) return undefined;
    return { start: attr.valueStart, end: attr.valueEnd, text: escapeAttr(value, attr.quote) };
  }
  const quote = el.attrs[0]?.quote ?? t.quote;
  const written = `${name}=${quote}${escapeAttr(value, quote)}${quote}`;
  const last = el.attrs.at(-1);
  if (!last) return { start: el.start + 1 + el.name.length, end: el.start + 1 + el.name.length, text: ` ${written}` };
  // Attributes one per line stay one per line.
  const ownLine = t.indentAt(last.start);
  const separator = ownLine !== undefined && t.lineStart(last.start) > el.start ? `${t.eol}${ownLine}` : ' ';
  return { start: last.end, end: last.end, text: `${separator}${written}` };
}

/** `endpoint/http`, `case[1]`: element children by local name and index among those of that name; '' is `el` itself. */
export function descend(el: ScannedElement, path: string): ScannedElement {
  let current = el;
  for (const step of path.split('/').filter(Boolean)) {
    const m = /^([^[\]]+)(?:\[(\d+)\])?$/.exec(step);
    const found = m && elementChildren(current).filter((c) => c.local === m[1] || c.name === m[1])[Number(m[2] ?? 0)];
    if (!found) throw new CanvasEditError(`no element '${path}' inside <${el.name}>`);
    current = found;
  }
  return current;
}

/** Writes the container's prefix on the snippet's elements (`<syn:log/>` in a prefixed document). */
export function prefixElements(xml: string, prefix: string): string {
  if (!prefix) return xml;
  const opaque = /<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->/g;
  let out = '';
  let at = 0;
  for (let m = opaque.exec(xml); m; m = opaque.exec(xml)) {
    out += xml.slice(at, m.index).replace(/<(\/?)([A-Za-z_][\w.-]*)(?=[\s/>])/g, `<$1${prefix}:$2`) + m[0];
    at = m.index + m[0].length;
  }
  return out + xml.slice(at).replace(/<(\/?)([A-Za-z_][\w.-]*)(?=[\s/>])/g, `<$1${prefix}:$2`);
}

export function rangeOf(el: ScannedElement): OffsetRange {
  return { start: el.start, end: el.end };
}
