/**
 * "Format document" for Synapse XML: re-indents the element structure and
 * changes nothing else. Tags are copied character for character (attribute
 * order, quoting, line breaks inside a tag), as are comments, CDATA, processing
 * instructions, DOCTYPEs and entity references. Only whitespace-only text
 * between structural nodes is replaced by a line break and indentation.
 *
 * Elements whose content is text are copied verbatim, inside and out: any
 * element with non-whitespace text or CDATA among its children (mixed content,
 * inline JSON, a script), payloadFactory's `<format>`, `<script>`, elements with
 * xml:space="preserve", and elements whose only content is whitespace (it may
 * be a value).
 */
import { tokenizeXml, XmlTokenError, type XmlToken } from './xml-tokens.js';

export interface XmlFormatOptions {
  /** One level of indentation; four spaces by default. */
  indent?: string;
}

export type XmlFormatResult = { ok: true; text: string; changed: boolean } | { ok: false; text: string; error: string; offset?: number };

interface ElementNode {
  kind: 'element';
  start: XmlToken;
  end?: XmlToken;
  children: XmlNode[];
}
interface LeafNode {
  kind: 'leaf';
  token: XmlToken;
}
type XmlNode = ElementNode | LeafNode;

const VERBATIM_ELEMENTS = new Set(['format', 'script']);
const BOM = '\uFEFF';

/** Formats `text`; on markup it cannot follow, returns the text unchanged with the reason. */
export function formatXml(text: string, options: XmlFormatOptions = {}): XmlFormatResult {
  const indent = options.indent ?? '    ';
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const bom = text.startsWith(BOM) ? BOM : '';
  try {
    const top = buildTree(tokenizeXml(text.slice(bom.length)));
    const lines: string[] = [];
    for (const node of top) {
      if (node.kind === 'leaf' && node.token.type === 'text') {
        if (!isXmlWhitespace(node.token.raw)) throw new XmlTokenError('text outside the root element', 0);
        continue;
      }
      emit(node, 0, indent, lines);
    }
    const formatted = bom + lines.join(eol) + (lines.length ? eol : '');
    return { ok: true, text: formatted, changed: formatted !== text };
  } catch (e) {
    if (e instanceof XmlTokenError) return { ok: false, text, error: e.message, offset: e.offset + bom.length };
    throw e;
  }
}

function buildTree(tokens: XmlToken[]): XmlNode[] {
  const root: XmlNode[] = [];
  const open: ElementNode[] = [];
  let offset = 0;
  for (const token of tokens) {
    const siblings = open.length ? open[open.length - 1].children : root;
    if (token.type === 'start') {
      const element: ElementNode = { kind: 'element', start: token, children: [] };
      siblings.push(element);
      open.push(element);
    } else if (token.type === 'empty') {
      siblings.push({ kind: 'element', start: token, children: [] });
    } else if (token.type === 'end') {
      const element = open.pop();
      if (!element) throw new XmlTokenError(`</${token.name}> closes nothing`, offset);
      if (element.start.name !== token.name) throw new XmlTokenError(`</${token.name}> closes <${element.start.name}>`, offset);
      element.end = token;
    } else {
      siblings.push({ kind: 'leaf', token });
    }
    offset += token.raw.length;
  }
  if (open.length) throw new XmlTokenError(`<${open[open.length - 1].start.name}> is not closed`, offset);
  return root;
}

function emit(node: XmlNode, depth: number, indent: string, lines: string[]): void {
  const pad = indent.repeat(depth);
  if (node.kind === 'leaf') {
    lines.push(pad + node.token.raw);
    return;
  }
  if (!node.end || keepsContent(node)) {
    lines.push(pad + rawOf(node));
    return;
  }
  lines.push(pad + node.start.raw);
  for (const child of node.children) {
    if (child.kind === 'leaf' && child.token.type === 'text') continue; // whitespace only (see keepsContent)
    emit(child, depth + 1, indent, lines);
  }
  lines.push(pad + node.end.raw);
}

/** Whether an element's content must be copied as it is (see the module comment). */
function keepsContent(node: ElementNode): boolean {
  const localName = node.start.name!.replace(/^.*:/, '');
  if (VERBATIM_ELEMENTS.has(localName)) return true;
  if (/\sxml:space\s*=\s*["']preserve["']/.test(node.start.raw)) return true;
  let structural = false;
  for (const child of node.children) {
    if (child.kind === 'leaf' && child.token.type === 'cdata') return true;
    if (child.kind === 'leaf' && child.token.type === 'text') {
      if (!isXmlWhitespace(child.token.raw)) return true;
    } else structural = true;
  }
  return !structural;
}

/** XML's whitespace (space, tab, CR, LF); a no-break space is content. */
export function isXmlWhitespace(text: string): boolean {
  return /^[ \t\r\n]*$/.test(text);
}

function rawOf(node: XmlNode): string {
  if (node.kind === 'leaf') return node.token.raw;
  return node.start.raw + node.children.map(rawOf).join('') + (node.end?.raw ?? '');
}
