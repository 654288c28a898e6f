/**
 * Writes a ConfigNode back to XML from its descriptor: known attributes in
 * descriptor order, then the others as written; declared children in
 * document order; mediators and raw content as parsed. The result is the
 * canonical, indented form (the studio never uses it to rewrite a user's
 * file: graphical edits are minimal text edits, DESIGN §4).
 */
import { SYNAPSE_NS, serializeXml } from '../xml/dom.js';
import type { ElementDescriptor } from './descriptor.js';
import type { ConfigNode, MediatorNode } from './node.js';
import type { MediatorLookup } from './parse.js';

export function serializeNode(node: ConfigNode, desc: ElementDescriptor, lookup: MediatorLookup, indent = '', declareNs = true): string {
  const attrNames = [...desc.attributes.map((a) => a.name).filter((n) => node.attrs[n] !== undefined), ...node.attrOrder.filter((n) => !desc.attributes.some((a) => a.name === n))];
  const nsDecl = declareNs && node.ns === SYNAPSE_NS ? ` xmlns="${SYNAPSE_NS}"` : '';
  const extraNs = declareNs ? prefixDeclarations(node) : '';
  const attrs = attrNames.map((n) => ` ${n}="${escapeAttr(node.attrs[n]!)}"`).join('');
  const open = `${indent}<${node.element}${nsDecl}${extraNs}${attrs}`;
  const inner = indent + '   ';
  const parts: string[] = [];
  for (const c of node.children) {
    const cd = desc.children?.find((d) => d.descriptor.element === c.element);
    parts.push(cd ? serializeNode(c, cd.descriptor, lookup, inner, false) : `${inner}${serializeXml(c.source)}`);
  }
  if (node.mediators) for (const m of node.mediators) parts.push(serializeMediator(m, lookup, inner));
  if (node.raw) {
    const raw = node.raw.map((n) => serializeXml(n)).join('');
    if (raw.trim() !== '') return `${open}>${raw}</${node.element}>`;
  }
  if (node.text !== undefined && node.text !== '') {
    return parts.length ? `${open}>${escapeText(node.text)}\n${parts.join('\n')}\n${indent}</${node.element}>` : `${open}>${escapeText(node.text)}</${node.element}>`;
  }
  if (parts.length === 0) return `${open}/>`;
  return `${open}>\n${parts.join('\n')}\n${indent}</${node.element}>`;
}

export function serializeMediator(m: MediatorNode, lookup: MediatorLookup, indent: string): string {
  if (m.kind === 'comment') return `${indent}<!--${(m as { text: string }).text}-->`;
  const node = (m as { node: ConfigNode }).node;
  const found = lookup(node.ns, node.element);
  if (!found || m.kind === 'connector') return indent + serializeXml(node.source);
  return serializeNode(node, found.descriptor, lookup, indent, false);
}

function prefixDeclarations(node: ConfigNode): string {
  return Object.entries(node.namespaces)
    .filter(([p]) => p !== '')
    .map(([p, uri]) => ` xmlns:${p}="${escapeAttr(uri)}"`)
    .join('');
}

export function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
}
export function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
