/**
 * The result tree a query produces and its two renderings: compact XML as MI
 * streams it (default namespace declared where it changes, NULL as xsi:nil)
 * and the JSON MI gives clients that accept JSON (rows always in arrays,
 * typed xsdTypes as numbers, NULL as null).
 */
import { XSI_NAMESPACE } from './types.js';
import { jsonValue } from './values.js';

export interface ResultNode {
  name: string;
  ns: string;
  attrs: { name: string; value: string }[];
  children: ResultNode[];
  /** Leaf text; null = SQL NULL (xsi:nil); undefined = not a leaf. */
  text?: string | null;
  xsdType?: string;
  /** Repeats per row: always a JSON array. */
  repeated?: boolean;
}

export function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, '&quot;');
}

export function toXml(node: ResultNode, parentNs: string | undefined = undefined): string {
  let s = `<${node.name}`;
  if (node.ns !== parentNs) s += ` xmlns="${escapeAttr(node.ns)}"`;
  for (const a of node.attrs) s += ` ${a.name}="${escapeAttr(a.value)}"`;
  if (node.text === null) return `${s} xmlns:xsi="${XSI_NAMESPACE}" xsi:nil="true"/>`;
  if (node.text !== undefined) return node.text === '' ? `${s}/>` : `${s}>${escapeText(node.text)}</${node.name}>`;
  if (node.children.length === 0) return `${s}/>`;
  return `${s}>${node.children.map((c) => toXml(c, node.ns)).join('')}</${node.name}>`;
}

export function toJson(node: ResultNode): Record<string, unknown> {
  return { [node.name]: jsonOf(node) };
}

function jsonOf(node: ResultNode): unknown {
  if (node.text !== undefined) {
    const v = jsonValue(node.text, node.xsdType ?? 'string');
    if (node.attrs.length === 0) return v;
    return { ...attrsJson(node), $: v };
  }
  const obj: Record<string, unknown> = attrsJson(node);
  const groups = new Map<string, ResultNode[]>();
  for (const c of node.children) {
    const g = groups.get(c.name);
    if (g) g.push(c);
    else groups.set(c.name, [c]);
  }
  for (const [name, list] of groups) obj[name] = list.length > 1 || list[0]!.repeated ? list.map(jsonOf) : jsonOf(list[0]!);
  return obj;
}

function attrsJson(node: ResultNode): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const a of node.attrs) o[a.name] = a.value;
  return o;
}
