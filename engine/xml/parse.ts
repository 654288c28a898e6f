/**
 * A strict XML 1.0 + Namespaces parser that builds xmldom's DOM.
 *
 * It replaces xmldom's own SAX reader (which builds regular expressions per tag) on
 * every hot path: configuration files on each keystroke, payloads on each request.
 * The nodes are xmldom's, made by the Document's own factories, so XPath, the
 * serializer and everything else work on them unchanged. Positions follow xmldom's
 * convention, which the rest of the code relies on: 1-based `lineNumber` /
 * `columnNumber` (UTF-16 units) at the `<` of an element, comment, CDATA section,
 * processing instruction or DOCTYPE, at the first character of a text node, and at
 * the opening quote of an attribute's value.
 *
 * Differences from xmldom, all toward the XML specification: malformed input is
 * refused where xmldom warned and guessed (unquoted or missing attribute values,
 * attributes not separated by white space, a second attribute with the same expanded
 * name, `]]>` in text, characters XML does not allow, `xmlns:p=""`, binding the
 * reserved `xml`/`xmlns` prefixes), and only CR LF and CR are line ends (xmldom also
 * turns U+0085, U+2028 and U+2029 into line feeds). A leading byte order mark is
 * skipped. The first problem stops parsing; it is thrown as an XmlSyntaxError.
 */
import { DOMException, DOMImplementation, type DOMImplementation as XDOMImplementation } from '@xmldom/xmldom';
import { decodeReferences } from './references.js';
import { findInvalidChar, isLowSurrogate, isNameCode, isNameHighSurrogate, isNameStartCode, isNCName, isXmlSpace } from './xml-chars.js';

export const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_URI = 'http://www.w3.org/2000/xmlns/';

export class XmlSyntaxError extends Error {
  constructor(message: string, readonly line: number, readonly col: number) {
    super(message);
    this.name = 'XmlSyntaxError';
  }
}

/** Parses a whole document; throws XmlSyntaxError (with 1-based line and column) on the first problem. */
export function parseXmlDocument(text: string): Document {
  return new XmlParser(normalizeLineEnds(text)).parse();
}

/** XML 1.0 §2.11: CR LF and a lone CR read as LF. Positions are counted in the normalized text. */
export function normalizeLineEnds(text: string): string {
  return text.indexOf('\r') === -1 ? text : text.replace(/\r\n?/g, '\n');
}

/** Where a stretch of content starts: its offset, line, and the offset its line starts at. */
export interface ContentStart {
  offset: number;
  line: number;
  lineStart: number;
}

/**
 * Parses `text` (normalized) from `start` to its end as the content of an element of `doc` in
 * whose scope `namespaces` ([prefix, uri] pairs, outermost first; '' for the default) are
 * declared. The nodes are made in `doc` with their positions in `text`, and returned as the
 * children of a detached container element. Throws XmlSyntaxError unless the stretch is
 * well-formed content on its own (every element it opens, it closes).
 */
export function parseContent(doc: Document, text: string, start: ContentStart, namespaces: readonly (readonly [string, string | null])[]): Element {
  return new XmlParser(text, doc).content(start, namespaces);
}

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;
const EQUALS = 0x3d;
const COLON = 0x3a;
const AMP = 0x26;
const DQUOTE = 0x22;
const SQUOTE = 0x27;
const LF = 0x0a;
const TAB = 0x09;

/** xmldom's nodes carry their position as plain fields. */
type XNode = Node & { lineNumber?: number; columnNumber?: number };
/** xmldom's fields written while building (its DOM keeps them as plain properties). */
type Mutable<T> = { -readonly [K in keyof T]: T[K] };
/** xmldom's sibling links and child list, written as its own insertBefore writes them. */
export interface Linked {
  previousSibling: Linked | null;
  nextSibling: Linked | null;
  firstChild: Linked | null;
  lastChild: Linked | null;
  parentNode: Linked | null;
  childNodes: { length: number; [index: number]: Linked };
}

class XmlParser {
  private readonly src: string;
  private readonly doc: Document & { _inc: number };
  /** Open elements: node, qualified name, offset of its '<', namespace bindings count before it. */
  private readonly openEls: Element[] = [];
  private readonly openNames: string[] = [];
  private readonly openStarts: number[] = [];
  private readonly openBindings: number[] = [];
  /** Namespace bindings in scope, innermost last; the `xml` prefix is always bound. */
  private readonly prefixes: string[] = ['xml'];
  private readonly uris: (string | null)[] = [XML_NS];
  private bindings = 1;
  /** Attributes of the start tag being read. */
  private readonly attrNames: string[] = [];
  private readonly attrValues: string[] = [];
  private readonly attrOffsets: number[] = [];
  private readonly attrColons: number[] = [];
  private rootSeen = false;
  /** Open elements the parsed text may not close: 0 for a document, 1 (the container) for content. */
  private floor = 0;
  private hasDoctype = false;
  /** Colon position of the last QName scanned (-1: none). */
  private colon = -1;
  /** Line counting, forward only: the line of `lineStart`, and the next line feed at or after it. */
  private line = 1;
  private lineStart = 0;
  private nextLineFeed: number;

  constructor(src: string, doc?: Document) {
    this.src = src;
    this.nextLineFeed = src.indexOf('\n');
    if (this.nextLineFeed === -1) this.nextLineFeed = Infinity;
    this.doc = (doc ?? new DOMImplementation().createDocument(null, '' as never, null)) as unknown as Document & { _inc: number };
  }

  parse(): Document {
    const src = this.src;
    this.checkCharacters(0);
    let pos = src.charCodeAt(0) === 0xfeff ? 1 : 0;
    if (src.startsWith('<?xml', pos) && (isXmlSpace(src.charCodeAt(pos + 5)) || src.startsWith('?>', pos + 5))) pos = this.xmlDeclaration(pos);
    pos = this.nodes(pos);
    if (!this.rootSeen) this.fail(pos, 'the document has no root element');
    return this.doc;
  }

  content(start: ContentStart, namespaces: readonly (readonly [string, string | null])[]): Element {
    this.checkCharacters(start.offset);
    this.line = start.line;
    this.lineStart = start.lineStart;
    const next = this.src.indexOf('\n', start.offset);
    this.nextLineFeed = next === -1 ? Infinity : next;
    for (const [prefix, uri] of namespaces) {
      this.prefixes[this.bindings] = prefix;
      this.uris[this.bindings++] = uri;
    }
    const container = this.doc.createElement('content');
    this.openEls.push(container);
    this.openNames.push('');
    this.openStarts.push(start.offset);
    this.openBindings.push(this.bindings);
    this.rootSeen = true;
    this.floor = 1;
    this.nodes(start.offset);
    return container;
  }

  private checkCharacters(from: number): void {
    const bad = findInvalidChar(this.src, from);
    if (bad !== -1) this.fail(bad, `character U+${this.src.codePointAt(bad)!.toString(16).toUpperCase().padStart(4, '0')} is not allowed in XML`);
  }

  /** Reads nodes from `pos` to the end of the text; returns the end. */
  private nodes(pos: number): number {
    const src = this.src;
    let markup = pos;
    try {
      while (pos < src.length) {
        const lt = src.indexOf('<', pos);
        const end = lt === -1 ? src.length : lt;
        if (end > pos) this.text(pos, end, lt !== -1);
        if (lt === -1) break;
        markup = lt;
        const c = src.charCodeAt(lt + 1);
        if (c === SLASH) pos = this.endTag(lt);
        else if (c === BANG) pos = this.declaration(lt);
        else if (c === QUESTION) pos = this.processingInstruction(lt);
        else pos = this.startTag(lt);
      }
    } catch (e) {
      // xmldom's factories validate names with their own grammar; a name it refuses is malformed input here too.
      if (e instanceof DOMException) this.fail(markup, e.message);
      throw e;
    }
    const depth = this.openEls.length;
    if (depth > this.floor) this.fail(this.openStarts[depth - 1]!, `<${this.openNames[depth - 1]}> is not closed (the document ends first)`);
    return pos;
  }

  // --- content ---------------------------------------------------------------

  private text(start: number, end: number, markupFollows: boolean): void {
    const src = this.src;
    const depth = this.openEls.length;
    if (depth === 0) {
      for (let i = start; i < end; i++) {
        if (!isXmlSpace(src.charCodeAt(i))) this.fail(i, this.rootSeen ? 'text after the root element' : 'text before the root element');
      }
      // As xmldom: white space between top-level nodes is kept, after the last one it is dropped.
      if (markupFollows) this.appendAt(this.doc.createTextNode(src.slice(start, end)), start);
      return;
    }
    let value = src.slice(start, end);
    if (value.indexOf('>') !== -1) {
      const cdataEnd = value.indexOf(']]>');
      if (cdataEnd !== -1) this.fail(start + cdataEnd, "']]>' is not allowed in text; write ]]&gt;");
    }
    if (value.indexOf('&') !== -1) value = decodeReferences(value, (i, message) => this.fail(start + i, message));
    const last = this.openEls[depth - 1]!.lastChild;
    // Text after an empty CDATA section (which makes no node, as in xmldom) joins the text before it.
    if (last !== null && last.nodeType === 3) (last as Text).appendData(value);
    else this.appendAt(this.doc.createTextNode(value), start);
  }

  /** Appends a new node to the open element, or to the document at top level. */
  private append(node: Node): void {
    const depth = this.openEls.length;
    if (depth === 0) this.doc.appendChild(node);
    else this.link(this.openEls[depth - 1]!, node);
  }

  private appendAt(node: Node, offset: number): void {
    this.append(node);
    this.position(node, offset);
  }

  /**
   * Appends a new node to an element as xmldom's appendChild does (same fields, in the same
   * order, and the document's change counter), without the checks a parser's fresh nodes
   * always pass. The differential test holds this to xmldom's own parser.
   */
  private link(parent: Element, node: Node): void {
    const p = parent as unknown as Linked;
    const n = node as unknown as Linked;
    const last = p.lastChild;
    n.previousSibling = last;
    n.nextSibling = null;
    if (last !== null) last.nextSibling = n;
    else p.firstChild = n;
    p.lastChild = n;
    n.parentNode = p;
    this.doc._inc++;
    const list = p.childNodes;
    list[list.length++] = n;
  }

  /** An element as createElementNS makes it, without re-checking the name the parser has checked. */
  private element(qname: string, colon: number, uri: string | null): Element {
    const el = this.doc.createElement(qname) as unknown as Mutable<Element>;
    el.namespaceURI = uri;
    el.prefix = colon === -1 ? null : qname.slice(0, colon);
    el.localName = colon === -1 ? qname : qname.slice(colon + 1);
    return el as unknown as Element;
  }

  private position(node: Node, offset: number): void {
    this.locate(offset);
    (node as XNode).lineNumber = this.line;
    (node as XNode).columnNumber = offset - this.lineStart + 1;
  }

  /** Moves the line counter forward to `offset` (offsets asked for never decrease). */
  private locate(offset: number): void {
    while (this.nextLineFeed < offset) {
      this.line++;
      this.lineStart = this.nextLineFeed + 1;
      const next = this.src.indexOf('\n', this.lineStart);
      this.nextLineFeed = next === -1 ? Infinity : next;
    }
  }

  // --- tags ------------------------------------------------------------------

  private startTag(lt: number): number {
    const src = this.src;
    if (this.openEls.length === 0 && this.rootSeen) this.fail(lt, 'a document has one root element; this element follows it');
    if (!isNameStartCode(src.charCodeAt(lt + 1)) && !isNameHighSurrogate(src.charCodeAt(lt + 1))) this.fail(lt, "'<' must start a tag; write &lt; for a literal '<'");
    const nameEnd = this.qname(lt + 1, 'element name');
    const qname = src.slice(lt + 1, nameEnd);
    const elementColon = this.colon;
    let p = nameEnd;
    let count = 0;
    let selfClosing = false;
    for (;;) {
      let c = src.charCodeAt(p);
      const spaced = isXmlSpace(c);
      while (isXmlSpace(c)) c = src.charCodeAt(++p);
      if (c === GT) {
        p++;
        break;
      }
      if (c === SLASH) {
        if (src.charCodeAt(p + 1) !== GT) this.fail(p, `expected '>' after '/' in <${qname}>`);
        selfClosing = true;
        p += 2;
        break;
      }
      if (Number.isNaN(c) || c === LT) this.fail(lt, `start tag <${qname}> is missing its '>' (found ${this.describe(p)})`);
      if (!spaced) {
        this.fail(p, count === 0 ? `unexpected ${this.describe(p)} in the name of <${qname}>` : `attributes of <${qname}> must be separated by white space`);
      }
      p = this.attribute(p, qname, count++);
    }
    const bindingsBefore = this.bindings;
    for (let i = 0; i < count; i++) this.declareNamespace(i);
    const el = this.element(qname, elementColon, this.resolve(qname, elementColon, lt, true));
    this.appendAt(el, lt);
    for (let i = 0; i < count; i++) this.setAttribute(el, i);
    if (this.openEls.length === 0) this.rootSeen = true;
    if (selfClosing) {
      this.bindings = bindingsBefore;
    } else {
      this.openEls.push(el);
      this.openNames.push(qname);
      this.openStarts.push(lt);
      this.openBindings.push(bindingsBefore);
    }
    return p;
  }

  /** Reads `name="value"` at `start` into attribute slot `index`; returns the offset after the closing quote. */
  private attribute(start: number, element: string, index: number): number {
    const src = this.src;
    const nameEnd = this.qname(start, 'attribute name');
    const name = src.slice(start, nameEnd);
    for (let i = 0; i < index; i++) if (this.attrNames[i] === name) this.fail(start, `duplicate attribute '${name}' on <${element}>`);
    this.attrColons[index] = this.colon;
    let p = nameEnd;
    while (isXmlSpace(src.charCodeAt(p))) p++;
    if (src.charCodeAt(p) !== EQUALS) this.fail(start, `attribute '${name}' of <${element}> has no value (expected ${name}="...")`);
    p++;
    while (isXmlSpace(src.charCodeAt(p))) p++;
    const quote = src.charCodeAt(p);
    if (quote !== DQUOTE && quote !== SQUOTE) this.fail(p, `the value of attribute '${name}' of <${element}> must be in quotes`);
    const close = src.indexOf(quote === DQUOTE ? '"' : "'", p + 1);
    if (close === -1) this.fail(p, `the value of attribute '${name}' of <${element}> is not closed`);
    this.attrNames[index] = name;
    this.attrValues[index] = this.attributeValue(p + 1, close);
    this.attrOffsets[index] = p;
    return close + 1;
  }

  /** An attribute value normalized as XML 1.0 §3.3.3 says for CDATA attributes: literal tabs and line ends become spaces. */
  private attributeValue(start: number, end: number): string {
    const src = this.src;
    let whitespace = false;
    let references = false;
    for (let i = start; i < end; i++) {
      const c = src.charCodeAt(i);
      if (c === LT) this.fail(i, "'<' is not allowed in an attribute value; write &lt;");
      else if (c === AMP) references = true;
      else if (c === LF || c === TAB) whitespace = true;
    }
    let value = src.slice(start, end);
    if (whitespace) value = value.replace(/[\t\n]/g, ' ');
    if (references) value = decodeReferences(value, (i, message) => this.fail(start + i, message));
    return value;
  }

  private declareNamespace(i: number): void {
    const name = this.attrNames[i]!;
    if (name.charCodeAt(0) !== 0x78 || !name.startsWith('xmlns') || (name.length > 5 && this.attrColons[i] !== 5)) return;
    const prefix = name.length === 5 ? '' : name.slice(6);
    const uri = this.attrValues[i]!;
    const at = this.attrOffsets[i]!;
    if (prefix === 'xmlns') this.fail(at, "the prefix 'xmlns' cannot be declared");
    if (prefix === 'xml' ? uri !== XML_NS : uri === XML_NS) this.fail(at, `the prefix 'xml' is bound to ${XML_NS} only, and that namespace to no other prefix`);
    if (uri === XMLNS_URI) this.fail(at, `the namespace ${XMLNS_URI} cannot be declared`);
    if (prefix !== '' && uri === '') this.fail(at, `the prefix '${prefix}' cannot be undeclared (xmlns:${prefix}="" is not allowed in XML 1.0)`);
    this.prefixes[this.bindings] = prefix;
    this.uris[this.bindings++] = uri === '' ? null : uri;
  }

  /** The namespace of a qualified name in the current scope; unprefixed attributes have none. */
  private resolve(qname: string, colon: number, at: number, element: boolean): string | null {
    if (colon === -1 && !element) return null;
    const prefix = colon === -1 ? '' : qname.slice(0, colon);
    if (prefix === 'xmlns') {
      if (element) this.fail(at, `the prefix 'xmlns' is reserved for namespace declarations (<${qname}>)`);
      return XMLNS_URI;
    }
    const prefixes = this.prefixes;
    for (let i = this.bindings - 1; i >= 0; i--) if (prefixes[i] === prefix) return this.uris[i] ?? null;
    if (prefix === '') return null;
    return this.fail(at, `the namespace prefix '${prefix}' of ${element ? `<${qname}>` : `attribute '${qname}'`} is not declared`);
  }

  private setAttribute(el: Element, i: number): void {
    const name = this.attrNames[i]!;
    const colon = this.attrColons[i]!;
    const at = this.attrOffsets[i]!;
    const uri = name === 'xmlns' ? XMLNS_URI : this.resolve(name, colon, at, false);
    if (uri !== null && uri !== XMLNS_URI) {
      const local = name.slice(colon + 1);
      for (let j = 0; j < i; j++) {
        const other = this.attrNames[j]!;
        const otherColon = this.attrColons[j]!;
        if (otherColon !== -1 && other.slice(otherColon + 1) === local && el.getAttributeNode(other)?.namespaceURI === uri) {
          this.fail(at, `attributes '${other}' and '${name}' of <${el.nodeName}> have the same namespace and local name`);
        }
      }
    }
    const attr = this.doc.createAttribute(name) as unknown as Mutable<Attr>;
    attr.namespaceURI = uri;
    attr.prefix = colon === -1 ? null : name.slice(0, colon);
    attr.localName = colon === -1 ? name : name.slice(colon + 1);
    this.position(attr, at);
    attr.value = attr.nodeValue = this.attrValues[i]!;
    el.setAttributeNode(attr as unknown as Attr);
  }

  private endTag(lt: number): number {
    const src = this.src;
    const depth = this.openEls.length;
    const open = depth === this.floor ? undefined : this.openNames[depth - 1]!;
    let p: number;
    const next = open === undefined ? NaN : src.charCodeAt(lt + 2 + open.length);
    if (open !== undefined && (next === GT || isXmlSpace(next)) && src.startsWith(open, lt + 2)) {
      p = lt + 2 + open.length; // the usual case: the name of the open element
    } else {
      p = this.qname(lt + 2, 'end tag name');
      const name = src.slice(lt + 2, p);
      if (open === undefined) this.fail(lt, `end tag </${name}> has no start tag`);
      const at = this.where(this.openStarts[depth - 1]!);
      this.fail(lt, `end tag </${name}> does not match the start tag <${open}> (line ${at.line}, col ${at.col})`);
    }
    while (isXmlSpace(src.charCodeAt(p))) p++;
    if (src.charCodeAt(p) !== GT) this.fail(lt, `end tag </${open}> is missing its '>' (found ${this.describe(p)})`);
    this.openEls.pop();
    this.openNames.pop();
    this.openStarts.pop();
    this.bindings = this.openBindings.pop()!;
    return p + 1;
  }

  /** Scans a QName (NCName, optionally prefixed) at `start`; returns its end and leaves its colon offset in `this.colon`. */
  private qname(start: number, what: string): number {
    const src = this.src;
    let p = start;
    let colon = -1;
    for (;;) {
      const c = src.charCodeAt(p);
      const first = p === start || p === colon + 1;
      if (c < 128 && c !== COLON) {
        if (first ? !isNameStartCode(c) : !isNameCode(c)) break;
        p++;
      } else if (c === COLON) {
        if (colon !== -1 || first) this.fail(p, `invalid ${what}: ${this.describe(p)} is not allowed here`);
        colon = p;
        p++;
      } else if (isNameHighSurrogate(c) && isLowSurrogate(src.charCodeAt(p + 1))) {
        p += 2;
      } else if (first ? isNameStartCode(c) : isNameCode(c)) {
        p++;
      } else break;
    }
    if (p === start) this.fail(start, `expected an ${what}, found ${this.describe(start)}`);
    if (p === colon + 1) this.fail(p, `invalid ${what}: ${this.describe(p)} cannot follow the prefix '${src.slice(start, colon)}:'`);
    this.colon = colon === -1 ? -1 : colon - start;
    return p;
  }

  // --- comments, CDATA, DOCTYPE, processing instructions -------------------------

  private declaration(lt: number): number {
    const src = this.src;
    if (src.startsWith('<!--', lt)) return this.comment(lt);
    if (src.startsWith('<![CDATA[', lt)) return this.cdata(lt);
    if (src.startsWith('<!DOCTYPE', lt)) return this.doctype(lt);
    return this.fail(lt, "'<!' must start a comment (<!--), a CDATA section (<![CDATA[) or a DOCTYPE");
  }

  private comment(lt: number): number {
    const src = this.src;
    const end = src.indexOf('-->', lt + 4);
    if (end === -1) this.fail(lt, 'comment is not closed (missing -->)');
    const data = src.slice(lt + 4, end);
    const dashes = data.indexOf('--');
    if (dashes !== -1) this.fail(lt + 4 + dashes, "'--' is not allowed inside a comment");
    if (data.endsWith('-')) this.fail(end - 1, "a comment cannot end with '--->'");
    const node = this.doc.createComment(data);
    this.position(node, lt);
    this.append(node);
    return end + 3;
  }

  private cdata(lt: number): number {
    const src = this.src;
    const depth = this.openEls.length;
    if (depth === 0) this.fail(lt, 'a CDATA section is only allowed inside the root element');
    const end = src.indexOf(']]>', lt + 9);
    if (end === -1) this.fail(lt, 'CDATA section is not closed (missing ]]>)');
    // As xmldom: an empty section makes no node.
    if (end > lt + 9) this.appendAt(this.doc.createCDATASection(src.slice(lt + 9, end)), lt);
    return end + 3;
  }

  private processingInstruction(lt: number): number {
    const src = this.src;
    const targetEnd = this.qname(lt + 2, 'processing instruction target');
    const target = src.slice(lt + 2, targetEnd);
    if (this.colon !== -1) this.fail(lt + 2, `a processing instruction target cannot contain ':' (${target})`);
    if (target.toLowerCase() === 'xml') this.fail(lt, 'the XML declaration must be the very first thing in the document, written <?xml ...?>');
    const end = src.indexOf('?>', targetEnd);
    if (end === -1) this.fail(lt, `processing instruction <?${target} is not closed (missing ?>)`);
    let p = targetEnd;
    if (p < end && !isXmlSpace(src.charCodeAt(p))) this.fail(p, `expected white space after the processing instruction target ${target}`);
    while (p < end && isXmlSpace(src.charCodeAt(p))) p++;
    const node = this.doc.createProcessingInstruction(target, src.slice(p, end));
    this.position(node, lt);
    this.append(node);
    return end + 2;
  }

  /** `<?xml version="1.x" encoding="..." standalone="yes|no"?>`, kept as a processing instruction (as xmldom does). */
  private xmlDeclaration(start: number): number {
    const src = this.src;
    const end = src.indexOf('?>', start + 5);
    if (end === -1) this.fail(start, 'the XML declaration is not closed (missing ?>)');
    const data = src.slice(start + 5, end);
    const m = /^[ \t\n]+version[ \t\n]*=[ \t\n]*(["'])1\.[0-9]+\1([ \t\n]+encoding[ \t\n]*=[ \t\n]*(["'])[A-Za-z][A-Za-z0-9._-]*\3)?([ \t\n]+standalone[ \t\n]*=[ \t\n]*(["'])(yes|no)\5)?[ \t\n]*$/.exec(data);
    if (!m) this.fail(start, 'malformed XML declaration; expected <?xml version="1.0" encoding="..." standalone="yes|no"?>');
    const node = this.doc.createProcessingInstruction('xml', data.replace(/^[ \t\n]+/, ''));
    this.position(node, start);
    this.doc.appendChild(node);
    return end + 2;
  }

  /** A DOCTYPE is kept as xmldom keeps it (a DocumentType node with its internal subset as text); nothing in it is applied. */
  private doctype(lt: number): number {
    const src = this.src;
    if (this.rootSeen) this.fail(lt, 'a DOCTYPE is only allowed before the root element');
    if (this.hasDoctype) this.fail(lt, 'a document has at most one DOCTYPE');
    let p = lt + 9;
    if (!isXmlSpace(src.charCodeAt(p))) this.fail(p, "expected white space after '<!DOCTYPE'");
    while (isXmlSpace(src.charCodeAt(p))) p++;
    const nameStart = p;
    p = this.qname(p, 'DOCTYPE name');
    const name = src.slice(nameStart, p);
    let publicId = '';
    let systemId = '';
    const spaced = (): boolean => {
      const before = p;
      while (isXmlSpace(src.charCodeAt(p))) p++;
      return p > before;
    };
    const literal = (what: string): string => {
      if (!spaced()) this.fail(p, `expected white space before the ${what}`);
      const q = src.charCodeAt(p);
      const close = q === DQUOTE || q === SQUOTE ? src.indexOf(String.fromCharCode(q), p + 1) : -1;
      if (close === -1) this.fail(p, `expected the quoted ${what} of the DOCTYPE`);
      const quoted = src.slice(p, close + 1); // xmldom keeps the identifiers with their quotes, and writes them back so
      p = close + 1;
      return quoted;
    };
    if (spaced() && (src.startsWith('PUBLIC', p) || src.startsWith('SYSTEM', p))) {
      const isPublic = src.startsWith('PUBLIC', p);
      p += 6;
      if (isPublic) publicId = literal('public identifier');
      systemId = literal('system identifier');
      spaced();
    }
    let internalSubset = '';
    if (src.charCodeAt(p) === 0x5b) {
      const close = this.internalSubsetEnd(p + 1);
      internalSubset = src.slice(p + 1, close);
      p = close + 1;
      spaced();
    }
    if (src.charCodeAt(p) !== GT) this.fail(p, `expected '>' to end the DOCTYPE, found ${this.describe(p)}`);
    const node = (this.doc.implementation as unknown as XDOMImplementation).createDocumentType(name, publicId, systemId, internalSubset) as unknown as DocumentType;
    this.position(node, lt);
    this.doc.appendChild(node);
    (this.doc as { doctype: DocumentType | null }).doctype = node;
    this.hasDoctype = true;
    return p + 1;
  }

  /** Offset of the ']' that ends an internal subset starting at `start`; markup declarations are checked for shape only. */
  private internalSubsetEnd(start: number): number {
    const src = this.src;
    let p = start;
    for (;;) {
      while (isXmlSpace(src.charCodeAt(p))) p++;
      const c = src.charCodeAt(p);
      if (c === 0x5d) return p;
      if (Number.isNaN(c)) return this.fail(start - 1, "the DOCTYPE's internal subset is not closed (missing ']')");
      if (src.startsWith('<!--', p)) {
        const end = src.indexOf('-->', p + 4);
        if (end === -1) this.fail(p, 'comment is not closed (missing -->)');
        p = end + 3;
      } else if (src.startsWith('<?', p)) {
        const end = src.indexOf('?>', p + 2);
        if (end === -1) this.fail(p, 'processing instruction is not closed (missing ?>)');
        p = end + 2;
      } else if (/^<!(ELEMENT|ATTLIST|ENTITY|NOTATION)\s/.test(src.slice(p, p + 11))) {
        p = this.markupDeclarationEnd(p);
      } else if (c === 0x25) {
        const semi = src.indexOf(';', p);
        if (semi === -1 || !isNCName(src.slice(p + 1, semi))) this.fail(p, 'malformed parameter entity reference');
        p = semi + 1;
      } else {
        this.fail(p, "expected a markup declaration (<!ELEMENT, <!ATTLIST, <!ENTITY, <!NOTATION), a comment or ']' in the DOCTYPE");
      }
    }
  }

  private markupDeclarationEnd(start: number): number {
    const src = this.src;
    for (let p = start + 2; p < src.length; p++) {
      const c = src.charCodeAt(p);
      if (c === GT) return p + 1;
      if (c === DQUOTE || c === SQUOTE) {
        const close = src.indexOf(String.fromCharCode(c), p + 1);
        if (close === -1) break;
        p = close;
      } else if (c === LT) this.fail(p, `unexpected '<' inside a markup declaration`);
    }
    return this.fail(start, 'markup declaration is not closed (missing >)');
  }

  // --- errors ----------------------------------------------------------------

  private describe(offset: number): string {
    if (offset >= this.src.length) return 'the end of the document';
    const c = this.src.codePointAt(offset)!;
    return c > 0x20 && c < 0x7f ? `'${String.fromCodePoint(c)}'` : `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
  }

  /** Line and column of any offset (counted from the start: only errors ask for offsets behind the counter). */
  private where(offset: number): { line: number; col: number } {
    let line = 1;
    let lineStart = 0;
    for (let nl = this.src.indexOf('\n'); nl !== -1 && nl < offset; nl = this.src.indexOf('\n', nl + 1)) {
      line++;
      lineStart = nl + 1;
    }
    return { line, col: offset - lineStart + 1 };
  }

  private fail(offset: number, message: string): never {
    const at = this.where(Math.min(offset, this.src.length));
    throw new XmlSyntaxError(message, at.line, at.col);
  }
}
