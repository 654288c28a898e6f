/**
 * Graphical edits as text surgery on the exact text: every operation replaces
 * the bytes of one element (or one attribute, or one insertion point) and
 * leaves everything else as written: comments, blank lines, attribute order,
 * quoting, prefixes, CDATA. New text follows the file's own indentation,
 * line endings and quoting.
 */
import type { CanvasEdit, CanvasTextEdit, OffsetRange } from '../../contract/canvas.js';
import type { DocumentModel, ItemInfo, ListInfo } from './document-model.js';
import { attrValue, elementChildren, escapeAttr, scanXml, type ScannedElement } from './xml-scan.js';
import { commentOut, uncomment } from './disabled.js';

export class CanvasEditError extends Error {
  readonly code = 'BAD_EDIT';
}

/** A replacement of [start, end) of the original text. */
interface Splice {
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

export function applyEdit(doc: DocumentModel, edit: CanvasEdit, snippetOf: (kind: string) => string | undefined): EditOutcome {
  if (!doc.model.ok || !doc.scan) throw new CanvasEditError('the document is not well-formed XML; fix it in the source first');
  const t = new TextFacts(doc.text);
  switch (edit.op) {
    case 'insert': {
      const list = listOf(doc, edit.list);
      let xml: string;
      if (edit.xml !== undefined) xml = edit.xml.trim();
      else {
        const snippet = edit.kind ? snippetOf(edit.kind) : undefined;
        if (!snippet) throw new CanvasEditError(`no palette item '${edit.kind ?? ''}'`);
        xml = prefixElements(t.convertUnit(snippet), list.container.prefix);
      }
      if (!scanXml(xml)?.root) throw new CanvasEditError('the inserted XML is not one well-formed element');
      return apply(doc.text, [insertion(t, list, list.items, edit.index, xml)]);
    }
    case 'delete': {
      const item = itemOf(doc, edit.node);
      return apply(doc.text, [{ ...t.lineRemoval(item.range), text: '' }]);
    }
    case 'disable': {
      const item = itemOf(doc, edit.node);
      if (item.flow.disabled) return { text: doc.text, edits: [] };
      const replaced = commentOut(doc.text.slice(item.range.start, item.range.end));
      return apply(doc.text, [{ ...item.range, text: replaced, select: { start: 0, end: replaced.length } }]);
    }
    case 'enable': {
      const item = itemOf(doc, edit.node);
      if (!item.flow.disabled) return { text: doc.text, edits: [] };
      const inner = uncomment(doc.text.slice(item.range.start + 4, item.range.end - 3));
      return apply(doc.text, [{ ...item.range, text: inner, select: { start: 0, end: inner.length } }]);
    }
    case 'move': {
      const item = itemOf(doc, edit.node);
      const target = listOf(doc, edit.list);
      if (target.container.start >= item.range.start && target.container.end <= item.range.end) throw new CanvasEditError('cannot move a mediator into itself');
      const siblings = target.items.filter((i) => i !== item);
      const removal: Splice = { ...t.lineRemoval(item.range), text: '' };
      const xml = t.dedent(item.range);
      const add = insertion(t, target, siblings, edit.index, xml);
      return apply(doc.text, [removal, add]);
    }
    case 'setAttribute': {
      const item = itemOf(doc, edit.node);
      if (!item.element) throw new CanvasEditError('enable the mediator before editing it');
      const el = edit.element ? descend(item.element, edit.element) : item.element;
      const splice = attributeSplice(t, el, edit.name, edit.value);
      if (!splice) return { text: doc.text, edits: [], selection: item.range };
      return apply(doc.text, [splice]);
    }
  }
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

/** Applies non-overlapping splices of the original text (in any order). */
function apply(text: string, splices: Splice[]): EditOutcome {
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

/** Inserting `xml` at `index` among `items` of `list`, laid out like its siblings. */
function insertion(t: TextFacts, list: ListInfo, items: ItemInfo[], index: number, xml: string): Splice {
  const i = Math.max(0, Math.min(index, items.length));
  const container = list.container;
  const eol = t.eol;
  if (items.length === 0) {
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
  const neighbour = i > 0 ? items[i - 1]! : items[0]!;
  const anchor = i > 0 ? neighbour.range.end : container.startTagEnd;
  const indent = t.indentAt(neighbour.range.start);
  if (indent === undefined) {
    // Siblings share a line: the new one joins them.
    return { start: anchor, end: anchor, text: xml, select: { start: 0, end: xml.length } };
  }
  const body = t.indentContinuation(xml, indent);
  const prefix = `${eol}${indent}`;
  return { start: anchor, end: anchor, text: `${prefix}${body}`, select: { start: prefix.length, end: prefix.length + body.length } };
}

function attributeSplice(t: TextFacts, el: ScannedElement, name: string, value: string | null): Splice | undefined {
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

/** `endpoint/http`, `case[1]`: element children by local name and index. */
function descend(el: ScannedElement, path: string): ScannedElement {
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
function prefixElements(xml: string, prefix: string): string {
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

/** Layout facts of one text: line ends, indentation unit, quote style. */
class TextFacts {
  readonly eol: string;
  readonly unit: string;
  readonly quote: '"' | "'";
  private readonly opaque: OffsetRange[];

  constructor(readonly text: string) {
    this.eol = text.includes('\r\n') ? '\r\n' : '\n';
    this.unit = detectUnit(text);
    const doubles = (text.match(/=\s*"/g) ?? []).length;
    const singles = (text.match(/=\s*'/g) ?? []).length;
    this.quote = singles > doubles ? "'" : '"';
    this.opaque = scanXml(text)?.opaque ?? [];
  }

  lineStart(offset: number): number {
    return this.text.lastIndexOf('\n', offset - 1) + 1;
  }

  /** Leading whitespace of the line holding `offset`. */
  lineIndent(offset: number): string {
    const start = this.lineStart(offset);
    return /^[ \t]*/.exec(this.text.slice(start, offset))![0];
  }

  /** Indentation before `offset` when only whitespace precedes it on its line; undefined otherwise. */
  indentAt(offset: number): string | undefined {
    const before = this.text.slice(this.lineStart(offset), offset);
    return /^[ \t]*$/.test(before) ? before : undefined;
  }

  /** The range to delete so that an element alone on its line takes its line with it. */
  lineRemoval(range: OffsetRange): OffsetRange {
    const start = this.lineStart(range.start);
    let end = range.end;
    while (end < this.text.length && (this.text[end] === ' ' || this.text[end] === '\t')) end++;
    const aloneOnLine = /^[ \t]*$/.test(this.text.slice(start, range.start)) && (end === this.text.length || this.text[end] === '\n' || this.text[end] === '\r');
    if (!aloneOnLine) return range;
    if (start > 0) return { start: start - (this.text[start - 2] === '\r' ? 2 : 1), end };
    if (this.text.startsWith('\r\n', end)) end += 2;
    else if (this.text[end] === '\n') end += 1;
    return { start, end };
  }

  /** The text of `range` with its line's indentation taken off continuation lines (not inside CDATA or comments). */
  dedent(range: OffsetRange): string {
    const indent = this.lineIndent(range.start);
    let out = '';
    let at = range.start;
    for (let nl = this.text.indexOf('\n', at); nl >= 0 && nl < range.end; nl = this.text.indexOf('\n', at)) {
      out += this.text.slice(at, nl + 1);
      at = nl + 1;
      if (indent && !this.inOpaque(at) && this.text.startsWith(indent, at)) at += indent.length;
    }
    return out + this.text.slice(at, range.end);
  }

  /** Prefixes continuation lines of `xml` with `indent`, except lines that start inside CDATA or comments; uses the file's line ends. */
  indentContinuation(xml: string, indent: string): string {
    const inner = scanXml(xml)?.opaque ?? [];
    const lines = xml.split(/\r?\n/);
    let offset = 0;
    return lines
      .map((line, i) => {
        const here = offset;
        offset += line.length + 1;
        if (i === 0 || inner.some((r) => r.start < here && here < r.end) || line === '') return line;
        return indent + line;
      })
      .join(this.eol);
  }

  /** Converts a snippet written with four spaces per level to this file's unit. */
  convertUnit(snippet: string): string {
    if (this.unit === '    ') return snippet;
    return snippet.replace(/^((?: {4})+)/gm, (m) => this.unit.repeat(m.length / 4));
  }

  private inOpaque(offset: number): boolean {
    return this.opaque.some((r) => r.start < offset && offset < r.end);
  }
}

/** The file's indentation step: a tab, or the most common positive difference between consecutive indented lines. */
function detectUnit(text: string): string {
  if (/^\t/m.test(text)) return '\t';
  const votes = new Map<number, number>();
  let previous = 0;
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const n = /^ */.exec(line)![0].length;
    const d = n - previous;
    if (d > 0 && d <= 8) votes.set(d, (votes.get(d) ?? 0) + 1);
    previous = n;
  }
  let best = 4;
  let count = 0;
  for (const [d, c] of votes) if (c > count) [best, count] = [d, c];
  return ' '.repeat(best);
}
