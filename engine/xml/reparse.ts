/**
 * Re-parsing an edited document without rebuilding it: the DOM of the previous version is
 * kept, the few sibling nodes whose text the edit touched are parsed again and put in place
 * of the old ones, and the positions of the nodes after the edit are moved. The result is
 * the DOM a full parse of the new text builds (reparse.test.ts holds it to that), made at a
 * fraction of the cost: on a keystroke in a 2,000-line artifact, a handful of nodes.
 *
 * The previous version's Document is updated in place, so whoever parses this way owns that
 * Document and everything built on it (the language service's last analysis of a document).
 */
import type { ParsedXml } from './dom.js';
import { parseXml } from './dom.js';
import { normalizeLineEnds, parseContent, XmlSyntaxError, type ContentStart, type Linked } from './parse.js';

type Positioned = Node & { lineNumber: number; columnNumber: number };
/** xmldom counts changes to a document's children and attributes in `_inc`. */
type ChangeCountedDocument = Document & { _inc: number };

/** Parses successive versions of one document, reusing the nodes an edit left alone. */
export class IncrementalXmlParser {
  private last: { text: string; doc: ChangeCountedDocument; inc: number } | undefined;

  /** Same result as parseXml(text, file); the Document of the previous call may be updated and returned again. */
  parse(text: string, file?: string): ParsedXml {
    const normalized = normalizeLineEnds(text);
    const last = this.last;
    // xmldom counts every change to children and attributes; a DOM someone changed is parsed afresh.
    if (last && last.doc._inc === last.inc && reparse(last.text, normalized, last.doc)) {
      this.last = { text: normalized, doc: last.doc, inc: last.doc._inc };
      return { doc: last.doc, diagnostics: [] };
    }
    const parsed = parseXml(normalized, file);
    const doc = parsed.doc as ChangeCountedDocument | undefined;
    // While the text is malformed (half-typed), the last well-formed version stays the base to edit from.
    if (doc) this.last = { text: normalized, doc, inc: doc._inc };
    return parsed;
  }
}

/**
 * Turns `doc` (parsed from `oldText`) into the DOM of `newText`; false, with `doc` untouched,
 * when the edit is not inside the root element's content or the re-parsed stretch is not
 * well-formed on its own (a full parse then decides, and reports the problem).
 */
function reparse(oldText: string, newText: string, doc: ChangeCountedDocument): boolean {
  if (oldText === newText) return true;
  const root = doc.documentElement;
  if (!root) return false;
  const { from: pre, oldEnd, newEnd } = changedStretch(oldText, newText);
  const old = new Offsets(oldText);
  // Find the element whose content holds the edit most closely, starting from the root.
  let parent: Element = root;
  let contentEnd = old.endTagStart(root);
  if (contentEnd < 0 || !(old.contentStart(root, contentEnd) <= pre && oldEnd <= contentEnd)) return false;
  let first = 0;
  let last = -1;
  for (;;) {
    const children = parent.childNodes;
    first = old.firstChildEndingAtOrAfter(parent, contentEnd, pre);
    last = old.lastChildStartingAtOrBefore(parent, oldEnd);
    if (first !== last) break;
    const child = children.item(first)!;
    if (child.nodeType !== 1) break;
    const childEnd = first + 1 < children.length ? old.start(children.item(first + 1)!) : contentEnd;
    const childContentEnd = old.endTagStart(child as Element, childEnd);
    if (childContentEnd < 0 || !(old.contentStart(child as Element, childContentEnd) <= pre && oldEnd <= childContentEnd)) break;
    parent = child as Element;
    contentEnd = childContentEnd;
  }
  // Text next to the re-parsed nodes may join new text: re-parse it too.
  const children = parent.childNodes;
  if (first > 0 && children.item(first - 1)!.nodeType === 3) first--;
  if (last + 1 < children.length && children.item(last + 1)!.nodeType === 3) last++;
  const from = first < children.length ? old.start(children.item(first)!) : contentEnd;
  const oldTo = last + 1 < children.length ? old.start(children.item(last + 1)!) : contentEnd;
  const newTo = oldTo + (newText.length - oldText.length);
  if (from > pre || oldTo < oldEnd || newTo < newEnd) return false;
  let container: Element;
  const changes = doc._inc;
  try {
    container = parseContent(doc, newText.slice(0, newTo), contentStart(oldText, from), namespacesInScope(parent));
  } catch (e) {
    // The nodes made so far hang under a detached container: the document itself did not change.
    doc._inc = changes;
    if (e instanceof XmlSyntaxError) return false;
    throw e;
  }
  const before = first > 0 ? children.item(first - 1) : null;
  const after = last + 1 < children.length ? children.item(last + 1) : null;
  splice(parent, before, after, container);
  doc._inc++;
  shiftPositions(parent, after, positionIn(oldText, oldTo), positionIn(newText, newTo));
  return true;
}

/** The edit as one stretch: [from, oldEnd) of the old text became [from, newEnd) of the new. */
function changedStretch(oldText: string, newText: string): { from: number; oldEnd: number; newEnd: number } {
  const shorter = Math.min(oldText.length, newText.length);
  // Whole blocks first (a string comparison runs in native code), then character by character.
  const BLOCK = 256;
  let from = 0;
  while (from + BLOCK <= shorter && oldText.slice(from, from + BLOCK) === newText.slice(from, from + BLOCK)) from += BLOCK;
  while (from < shorter && oldText.charCodeAt(from) === newText.charCodeAt(from)) from++;
  const oldLength = oldText.length;
  const newLength = newText.length;
  let tail = 0;
  while (tail + BLOCK <= shorter - from && oldText.slice(oldLength - tail - BLOCK, oldLength - tail) === newText.slice(newLength - tail - BLOCK, newLength - tail)) tail += BLOCK;
  while (tail < shorter - from && oldText.charCodeAt(oldLength - 1 - tail) === newText.charCodeAt(newLength - 1 - tail)) tail++;
  return { from, oldEnd: oldText.length - tail, newEnd: newText.length - tail };
}

/** Offsets in the old text of the nodes parsed from it (which carry their line and column). */
class Offsets {
  private readonly lineStarts: number[] = [0];
  constructor(private readonly text: string) {
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', nl + 1)) this.lineStarts.push(nl + 1);
  }

  start(node: Node): number {
    return this.lineStarts[(node as Positioned).lineNumber - 1]! + (node as Positioned).columnNumber - 1;
  }


  /**
   * Offset of the '<' of an element's end tag, or -1 when it has none (`<e/>`). `end` is where
   * the element ends: where its next sibling starts, if the caller knows it. An end tag holds no
   * other '<', so the last '<' before the end is its start.
   */
  endTagStart(el: Element, end?: number): number {
    const next = el.nextSibling;
    const stop = end ?? (next ? this.start(next) : this.text.length);
    const lt = this.text.lastIndexOf('<', stop - 1);
    return lt > this.start(el) && this.text.startsWith('</', lt) ? lt : -1;
  }

  /** Where an element's content starts, as far as its children tell (its end tag when it has none). */
  contentStart(el: Element, endTag: number): number {
    return el.firstChild ? this.start(el.firstChild) : endTag;
  }

  /** Index of the first child whose stretch (up to the next child, or the end tag) reaches `offset`. */
  firstChildEndingAtOrAfter(parent: Element, contentEnd: number, offset: number): number {
    const children = parent.childNodes;
    let lo = 0;
    let hi = children.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const end = mid + 1 < children.length ? this.start(children.item(mid + 1)!) : contentEnd;
      if (end >= offset) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** Index of the last child starting at or before `offset` (-1: none). */
  lastChildStartingAtOrBefore(parent: Element, offset: number): number {
    const children = parent.childNodes;
    let lo = -1;
    let hi = children.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.start(children.item(mid)!) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}

function positionIn(text: string, offset: number): { line: number; col: number } {
  const start = contentStart(text, offset);
  return { line: start.line, col: offset - start.lineStart + 1 };
}

function contentStart(text: string, offset: number): ContentStart {
  let line = 1;
  for (let nl = text.indexOf('\n'); nl !== -1 && nl < offset; nl = text.indexOf('\n', nl + 1)) line++;
  return { offset, line, lineStart: text.lastIndexOf('\n', offset - 1) + 1 };
}

/** [prefix, uri] of the namespace declarations in scope at `el`, outermost first. */
function namespacesInScope(el: Element): [string, string | null][] {
  const out: [string, string | null][] = [];
  for (let n: Node | null = el; n && n.nodeType === 1; n = n.parentNode) {
    const attrs = (n as Element).attributes;
    const own: [string, string | null][] = [];
    for (let i = 0; i < attrs.length; i++) {
      const a = attrs.item(i)!;
      if (a.name === 'xmlns') own.push(['', a.value === '' ? null : a.value]);
      else if (a.name.startsWith('xmlns:')) own.push([a.name.slice(6), a.value]);
    }
    out.unshift(...own);
  }
  return out;
}

/** Puts the container's children between `before` and `after` under `parent`, in place of what was there. */
function splice(parent: Element, before: Node | null, after: Node | null, container: Element): void {
  const p = parent as unknown as Linked;
  const first = container.firstChild as unknown as Linked | null;
  const last = container.lastChild as unknown as Linked | null;
  const prev = before as unknown as Linked | null;
  const next = after as unknown as Linked | null;
  for (let n = first; n; n = n.nextSibling) n.parentNode = p;
  const head = first ?? next;
  const tail = last ?? prev;
  if (prev) prev.nextSibling = head;
  else p.firstChild = head;
  if (next) next.previousSibling = tail;
  else p.lastChild = tail;
  if (first) first.previousSibling = prev;
  if (last) last.nextSibling = next;
  // The child list, re-indexed as xmldom does after an insertion that is not an append.
  const list = p.childNodes;
  let i = 0;
  for (let n = p.firstChild; n; n = n.nextSibling) list[i++] = n;
  const oldLength = list.length;
  list.length = i;
  for (let k = i; k < oldLength; k++) delete list[k];
}

/**
 * Moves every node after the edit (in document order, with its attributes): by the change in
 * line count, and on the line where the edit ends, by the change in column as well.
 */
function shiftPositions(parent: Element, after: Node | null, oldEnd: { line: number; col: number }, newEnd: { line: number; col: number }): void {
  const lines = newEnd.line - oldEnd.line;
  const cols = newEnd.col - oldEnd.col;
  if (lines === 0 && cols === 0) return;
  // With the line count unchanged only the rest of the edited line moves; the walk stops past it.
  const shift = (node: Positioned): boolean => {
    if (node.lineNumber === undefined) return true;
    if (node.lineNumber > oldEnd.line) {
      if (lines === 0) return false;
      node.lineNumber += lines;
    } else {
      node.lineNumber += lines;
      node.columnNumber += cols;
    }
    return true;
  };
  const subtree = (node: Node): boolean => {
    if (!shift(node as Positioned)) return false;
    const attrs = (node as Element).attributes;
    if (node.nodeType === 1) for (let i = 0; i < attrs.length; i++) shift(attrs.item(i) as unknown as Positioned);
    for (let c = node.firstChild; c; c = c.nextSibling) if (!subtree(c)) return false;
    return true;
  };
  let n: Node | null = after;
  for (let level: Node | null = parent; ; ) {
    for (; n; n = n.nextSibling) if (!subtree(n)) return;
    if (!level || level.nodeType !== 1) return;
    n = level.nextSibling;
    level = level.parentNode;
  }
}
