/**
 * Generic, descriptor-driven parsing and structural validation. Problems are
 * collected as diagnostics with file, line and column; parsing never throws on
 * user input.
 */
import type { ConfigDiagnostic, Severity } from '../core/errors.js';
import { SYNAPSE_NS, lineOf, colOf, namespacesInScope } from '../xml/dom.js';
import type { AttrDescriptor, ElementDescriptor } from './descriptor.js';
import type { ConfigNode, Loc, MediatorNode } from './node.js';

/** Finds the descriptor of a mediator element; undefined = not a known mediator. */
export type MediatorLookup = (ns: string | null, localName: string) => { kind: string; descriptor: ElementDescriptor } | undefined;

export class ParseContext {
  readonly diagnostics: ConfigDiagnostic[] = [];
  constructor(
    readonly file: string | undefined,
    readonly mediators: MediatorLookup,
  ) {}

  report(code: string, message: string, at: Loc, severity: Severity = 'error'): void {
    this.diagnostics.push({ code, severity, message, file: this.file, line: at.line, col: at.col });
  }
  loc(node: Node): Loc {
    return { file: this.file, line: lineOf(node), col: colOf(node) };
  }
  get hasErrors(): boolean {
    return this.diagnostics.some((d) => d.severity === 'error');
  }
}

const NS_ANY = Symbol('any');

function expectedNs(desc: ElementDescriptor): string | null | typeof NS_ANY {
  return desc.ns === undefined ? SYNAPSE_NS : desc.ns;
}

/** Parses `el` against `desc`. */
export function parseElement(el: Element, desc: ElementDescriptor, pc: ParseContext): ConfigNode {
  const node: ConfigNode = {
    element: el.localName ?? el.nodeName,
    ns: el.namespaceURI ?? null,
    attrs: {},
    attrOrder: [],
    attrLocs: {},
    children: [],
    namespaces: namespacesInScope(el),
    loc: pc.loc(el),
    source: el,
  };
  const attrs = el.attributes;
  for (let i = 0; i < attrs.length; i++) {
    const at = attrs.item(i)!;
    if (at.name === 'xmlns' || at.name.startsWith('xmlns:')) continue;
    node.attrs[at.name] = at.value;
    node.attrOrder.push(at.name);
    const aline = lineOf(at);
    // xmldom places an attribute at the quote that opens its value; the value itself starts one column later.
    node.attrLocs[at.name] = aline > 1 || colOf(at) > 1 ? { file: pc.file, line: aline, col: colOf(at) + 1 } : node.loc;
  }
  validateAttributes(node, desc, pc);
  parseContent(el, node, desc, pc);
  return node;
}

function validateAttributes(node: ConfigNode, desc: ElementDescriptor, pc: ParseContext): void {
  for (const ad of desc.attributes) {
    const v = node.attrs[ad.name];
    if (v === undefined) {
      if (ad.required) pc.report('SYN003', `<${node.element}> is missing the required attribute '${ad.name}'`, node.loc);
      continue;
    }
    checkAttrValue(node, ad, v, pc);
  }
  for (const group of desc.oneOf ?? []) {
    if (!group.some((n) => node.attrs[n] !== undefined)) {
      pc.report('SYN003', `<${node.element}> needs one of the attributes ${group.map((g) => `'${g}'`).join(', ')}`, node.loc);
    }
  }
}

function checkAttrValue(node: ConfigNode, ad: AttrDescriptor, v: string, pc: ParseContext): void {
  const at = node.attrLocs[ad.name] ?? node.loc;
  switch (ad.type) {
    case 'enum': {
      const ok = ad.values!.some((x) => (ad.caseInsensitive ? x.toLowerCase() === v.toLowerCase() : x === v));
      if (!ok) pc.report('SYN004', `invalid value '${v}' for ${ad.name} of <${node.element}>; expected one of: ${ad.values!.join(', ')}`, at);
      return;
    }
    case 'integer':
      if (!/^\s*-?\d+\s*$/.test(v)) pc.report('SYN009', `${ad.name} of <${node.element}> must be an integer, got '${v}'`, at);
      return;
    case 'number':
      if (v.trim() === '' || Number.isNaN(Number(v))) pc.report('SYN009', `${ad.name} of <${node.element}> must be a number, got '${v}'`, at);
      return;
    case 'boolean':
      if (!/^(true|false)$/i.test(v.trim())) pc.report('SYN009', `${ad.name} of <${node.element}> must be true or false, got '${v}'`, at);
      return;
    default:
      return;
  }
}

function parseContent(el: Element, node: ConfigNode, desc: ElementDescriptor, pc: ParseContext): void {
  switch (desc.content) {
    case 'xml':
      node.raw = [];
      for (let n = el.firstChild; n; n = n.nextSibling) node.raw.push(n);
      return;
    case 'text': {
      let t = '';
      for (let n = el.firstChild; n; n = n.nextSibling) {
        if (n.nodeType === 3 || n.nodeType === 4) t += n.nodeValue ?? '';
        else if (n.nodeType === 1) {
          const known = desc.children?.find((c) => c.descriptor.element === (n as Element).localName);
          if (known) node.children.push(parseElement(n as Element, known.descriptor, pc));
          else {
            pc.report('SYN005', `unexpected element <${(n as Element).nodeName}> inside <${node.element}>`, pc.loc(n));
            node.children.push(rawNode(n as Element, pc));
          }
        }
      }
      node.text = t;
      checkRequiredChildren(node, desc, pc);
      return;
    }
    case 'empty':
    case 'elements':
      for (let n = el.firstChild; n; n = n.nextSibling) {
        if (n.nodeType === 1) {
          const e = n as Element;
          const cd = desc.children?.find((c) => c.descriptor.element === e.localName && nsMatches(e, c.descriptor));
          if (!cd) {
            pc.report('SYN005', `unexpected element <${e.nodeName}> inside <${node.element}>${desc.children?.length ? `; expected ${desc.children.map((c) => `<${c.descriptor.element}>`).join(', ')}` : ''}`, pc.loc(e));
            // Kept as written, so nothing a user wrote is lost on a round trip.
            node.children.push(rawNode(e, pc));
            continue;
          }
          node.children.push(parseElement(e, cd.descriptor, pc));
        } else if ((n.nodeType === 3 || n.nodeType === 4) && (n.nodeValue ?? '').trim() !== '') {
          pc.report('SYN005', `unexpected text inside <${node.element}>`, pc.loc(n));
        }
      }
      checkRequiredChildren(node, desc, pc);
      return;
    case 'mediators':
      node.mediators = [];
      for (let n = el.firstChild; n; n = n.nextSibling) {
        if (n.nodeType === 8) {
          node.mediators.push({ kind: 'comment', text: n.nodeValue ?? '', loc: pc.loc(n) });
          continue;
        }
        if ((n.nodeType === 3 || n.nodeType === 4) && (n.nodeValue ?? '').trim() !== '') {
          // MI's factories read only the elements of a mediator list and ignore text between them; so do we, and say so.
          pc.report('SYN005', `text "${(n.nodeValue ?? '').trim().slice(0, 20)}" inside <${node.element}> is ignored (only mediators belong here)`, pc.loc(n), 'warning');
          continue;
        }
        if (n.nodeType !== 1) continue;
        const e = n as Element;
        // Some containers mix declared children (e.g. <target> in clone) with mediators.
        const cd = desc.children?.find((c) => c.descriptor.element === e.localName && nsMatches(e, c.descriptor));
        if (cd) {
          node.children.push(parseElement(e, cd.descriptor, pc));
          continue;
        }
        node.mediators.push(parseMediator(e, pc));
      }
      checkRequiredChildren(node, desc, pc);
      return;
  }
}

function nsMatches(e: Element, d: ElementDescriptor): boolean {
  const want = expectedNs(d);
  return want === NS_ANY || (e.namespaceURI ?? null) === want;
}

function checkRequiredChildren(node: ConfigNode, desc: ElementDescriptor, pc: ParseContext): void {
  for (const cd of desc.children ?? []) {
    const count = node.children.filter((c) => c.element === cd.descriptor.element).length;
    if (cd.required && count === 0) pc.report('SYN006', `<${node.element}> is missing the required element <${cd.descriptor.element}>`, node.loc);
    if (!cd.multiple && count > 1) pc.report('SYN005', `<${node.element}> may contain only one <${cd.descriptor.element}>`, node.loc);
  }
}

/** Parses one mediator element: a known mediator, a connector operation, or an error. */
export function parseMediator(e: Element, pc: ParseContext): MediatorNode {
  const name = e.localName ?? e.nodeName;
  const found = pc.mediators(e.namespaceURI ?? null, name);
  if (found) {
    const node = parseElement(e, found.descriptor, pc);
    return { kind: found.kind, node, loc: node.loc };
  }
  const node = rawNode(e, pc);
  if (name.includes('.')) return { kind: 'connector', node, loc: node.loc };
  pc.report('SYN002', `Unknown mediator referenced by configuration element : ${e.nodeName}`, node.loc);
  return { kind: 'connector', node, loc: node.loc };
}

/** An element kept as written (connector operations, unknown content). */
export function rawNode(e: Element, pc: ParseContext): ConfigNode {
  const node: ConfigNode = {
    element: e.localName ?? e.nodeName,
    ns: e.namespaceURI ?? null,
    attrs: {},
    attrOrder: [],
    attrLocs: {},
    children: [],
    raw: [],
    namespaces: namespacesInScope(e),
    loc: pc.loc(e),
    source: e,
  };
  const attrs = e.attributes;
  for (let i = 0; i < attrs.length; i++) {
    const at = attrs.item(i)!;
    if (at.name === 'xmlns' || at.name.startsWith('xmlns:')) continue;
    node.attrs[at.name] = at.value;
    node.attrOrder.push(at.name);
  }
  for (let n = e.firstChild; n; n = n.nextSibling) node.raw!.push(n);
  return node;
}
