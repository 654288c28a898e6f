/**
 * A lossless scan of XML text: every element, attribute, comment and CDATA
 * section with its exact offsets (UTF-16 indices into the text). The engine's
 * DOM knows line and column of a start tag only; minimal edits need where each
 * tag, attribute value and quote begins and ends. Well-formedness is the
 * engine parser's job: this scanner returns undefined on text it cannot read.
 */

export interface ScannedAttr {
  /** Qualified name as written. */
  name: string;
  /** Offset of the name's first character. */
  start: number;
  /** Offset after the closing quote. */
  end: number;
  /** Offsets of the value between the quotes. */
  valueStart: number;
  valueEnd: number;
  quote: '"' | "'";
}

export interface ScannedElement {
  type: 'element';
  /** Qualified name as written (`syn:log`). */
  name: string;
  prefix: string;
  local: string;
  /** Offset of `<`. */
  start: number;
  /** Offset after the start tag's `>`. */
  startTagEnd: number;
  selfClosing: boolean;
  /** Offset of the end tag's `<` (= startTagEnd when self-closing). */
  endTagStart: number;
  /** Offset after the element's last `>`. */
  end: number;
  attrs: ScannedAttr[];
  children: ScannedNode[];
  parent?: ScannedElement;
}

export interface ScannedLeaf {
  type: 'comment' | 'cdata' | 'text' | 'pi' | 'doctype';
  start: number;
  end: number;
}

export type ScannedNode = ScannedElement | ScannedLeaf;

export interface ScannedDocument {
  text: string;
  /** Top-level nodes (prolog, root element, trailing comments). */
  nodes: ScannedNode[];
  root?: ScannedElement;
  /** Every element in document order (the order of their start tags). */
  elements: ScannedElement[];
  /** CDATA sections and comments, in order (text that must never be re-indented). */
  opaque: ScannedLeaf[];
}

const NAME_END = /[\s/>=]/;

/** Scans `text`; undefined when it is not well-formed enough to address its parts. */
export function scanXml(text: string): ScannedDocument | undefined {
  const doc: ScannedDocument = { text, nodes: [], elements: [], opaque: [] };
  const stack: ScannedElement[] = [];
  const add = (node: ScannedNode) => {
    const parent = stack.at(-1);
    if (parent) {
      parent.children.push(node);
      if (node.type === 'element') node.parent = parent;
    } else doc.nodes.push(node);
  };
  let i = 0;
  const n = text.length;
  while (i < n) {
    const lt = text.indexOf('<', i);
    if (lt < 0) {
      add({ type: 'text', start: i, end: n });
      break;
    }
    if (lt > i) add({ type: 'text', start: i, end: lt });
    if (text.startsWith('<!--', lt)) {
      const close = text.indexOf('-->', lt + 4);
      if (close < 0) return undefined;
      const leaf: ScannedLeaf = { type: 'comment', start: lt, end: close + 3 };
      add(leaf);
      doc.opaque.push(leaf);
      i = close + 3;
    } else if (text.startsWith('<![CDATA[', lt)) {
      const close = text.indexOf(']]>', lt + 9);
      if (close < 0) return undefined;
      const leaf: ScannedLeaf = { type: 'cdata', start: lt, end: close + 3 };
      add(leaf);
      doc.opaque.push(leaf);
      i = close + 3;
    } else if (text.startsWith('<?', lt)) {
      const close = text.indexOf('?>', lt + 2);
      if (close < 0) return undefined;
      add({ type: 'pi', start: lt, end: close + 2 });
      i = close + 2;
    } else if (text.startsWith('<!', lt)) {
      const end = skipDoctype(text, lt);
      if (end < 0) return undefined;
      add({ type: 'doctype', start: lt, end });
      i = end;
    } else if (text.startsWith('</', lt)) {
      const gt = text.indexOf('>', lt);
      if (gt < 0) return undefined;
      const name = text.slice(lt + 2, gt).trim();
      const open = stack.pop();
      if (!open || open.name !== name) return undefined;
      open.endTagStart = lt;
      open.end = gt + 1;
      i = gt + 1;
    } else {
      const el = scanStartTag(text, lt);
      if (!el) return undefined;
      add(el);
      doc.elements.push(el);
      if (!el.selfClosing) stack.push(el);
      i = el.startTagEnd;
    }
  }
  if (stack.length) return undefined;
  doc.root = doc.nodes.find((x): x is ScannedElement => x.type === 'element');
  return doc;
}

function scanStartTag(text: string, lt: number): ScannedElement | undefined {
  let i = lt + 1;
  while (i < text.length && !NAME_END.test(text[i]!)) i++;
  const name = text.slice(lt + 1, i);
  if (!name) return undefined;
  const colon = name.indexOf(':');
  const el: ScannedElement = {
    type: 'element',
    name,
    prefix: colon >= 0 ? name.slice(0, colon) : '',
    local: colon >= 0 ? name.slice(colon + 1) : name,
    start: lt,
    startTagEnd: -1,
    selfClosing: false,
    endTagStart: -1,
    end: -1,
    attrs: [],
    children: [],
  };
  for (;;) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    if (i >= text.length) return undefined;
    if (text[i] === '>') {
      el.startTagEnd = i + 1;
      return el;
    }
    if (text.startsWith('/>', i)) {
      el.selfClosing = true;
      el.startTagEnd = el.endTagStart = el.end = i + 2;
      return el;
    }
    const nameStart = i;
    while (i < text.length && !NAME_END.test(text[i]!)) i++;
    const attrName = text.slice(nameStart, i);
    while (i < text.length && /\s/.test(text[i]!)) i++;
    if (!attrName || text[i] !== '=') return undefined;
    i++;
    while (i < text.length && /\s/.test(text[i]!)) i++;
    const quote = text[i];
    if (quote !== '"' && quote !== "'") return undefined;
    const close = text.indexOf(quote, i + 1);
    if (close < 0) return undefined;
    el.attrs.push({ name: attrName, start: nameStart, end: close + 1, valueStart: i + 1, valueEnd: close, quote });
    i = close + 1;
  }
}

/** End of a `<!DOCTYPE ...>` (with an internal subset in brackets), or -1. */
function skipDoctype(text: string, lt: number): number {
  let depth = 0;
  for (let i = lt + 2; i < text.length; i++) {
    const c = text[i];
    if (c === '[') depth++;
    else if (c === ']') depth--;
    else if (c === '>' && depth <= 0) return i + 1;
  }
  return -1;
}

/** Element children only. */
export function elementChildren(el: ScannedElement): ScannedElement[] {
  return el.children.filter((c): c is ScannedElement => c.type === 'element');
}

/** The decoded value of an attribute (entities and character references resolved). */
export function attrValue(text: string, attr: ScannedAttr): string {
  return decodeEntities(text.slice(attr.valueStart, attr.valueEnd));
}

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (_, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" } as Record<string, string>)[e]!;
  });
}

/** Escapes a value for an attribute quoted with `quote`. Newlines and tabs become character references so they survive attribute normalisation. */
export function escapeAttr(value: string, quote: '"' | "'"): string {
  let out = value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
  out = quote === '"' ? out.replace(/"/g, '&quot;') : out.replace(/'/g, '&apos;');
  return out;
}
