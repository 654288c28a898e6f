import type { ExprContext } from '../context.js';
import { serializeXml } from '../../xml/dom.js';
import { evaluationFault } from './errors.js';
import { XmlNodes, parseJavaInt, parseJavaNumber, type Value } from './values.js';

/**
 * Reading the `${}` roots from the message, with MI's conversions: a variable
 * holding text is read as a number, JSON or text (in that order); headers,
 * properties, parameters and configs holding text are read as int, long or
 * double when they parse as one, else as text. Anything missing is an error
 * (use exists() to test).
 */

export function readVariable(ctx: ExprContext, name: string): Value {
  const raw = ctx.getVariable(name);
  if (raw === undefined) throw evaluationFault(`Variable ${name} is not defined`);
  return fromStoredValue(raw, parseVariableText);
}

export type ScalarRoot = 'header' | 'synapse' | 'axis2' | 'query' | 'path' | 'function' | 'config';

const ROOT_LABELS: Record<ScalarRoot, string> = {
  header: 'Header',
  synapse: 'Property',
  axis2: 'Axis2 property',
  query: 'Query parameter',
  path: 'Path parameter',
  function: 'Function parameter',
  config: 'Config',
};

export function readScalarRoot(ctx: ExprContext, root: ScalarRoot, name: string): Value {
  const raw = lookup(ctx, root, name);
  if (raw === undefined || raw === null) throw evaluationFault(`${ROOT_LABELS[root]} ${name} is not defined`);
  return fromStoredValue(raw, (text) => parseJavaNumber(text) ?? text);
}

function lookup(ctx: ExprContext, root: ScalarRoot, name: string): unknown {
  switch (root) {
    case 'header':
      return ctx.getHeader(name);
    case 'synapse':
      return ctx.getProperty('default', name);
    case 'axis2':
      return ctx.getProperty('axis2', name);
    case 'query':
      return ctx.getQueryParam(name);
    case 'path':
      return ctx.getPathParam(name);
    case 'function': {
      // A parameter passed as an XPath node-set ({//name}) reads as its string value here, as before nodes were kept.
      const v = ctx.getFuncParam(name);
      return Array.isArray(v) && v.length > 0 && v.every(isDomNode) ? v.map((n) => n.textContent ?? '').join('') : v;
    }
    case 'config':
      return ctx.getConfig(name);
  }
}

function isDomNode(v: unknown): v is Node {
  return typeof v === 'object' && v !== null && typeof (v as { nodeType?: unknown }).nodeType === 'number';
}

/** Stored values: DOM nodes become XML, text goes through `fromText`, JSON stays JSON. */
export function fromStoredValue(raw: unknown, fromText: (text: string) => Value): Value {
  if (isDomNode(raw)) return xmlOf([raw]);
  if (Array.isArray(raw) && raw.length > 0 && raw.every(isDomNode)) return xmlOf(raw);
  if (typeof raw === 'string') return fromText(raw);
  if (raw === undefined) return null;
  return raw;
}

export function xmlOf(nodes: readonly Node[]): XmlNodes {
  const text = nodes.map((n) => (n.nodeType === 1 ? serializeXml(n) : (n.nodeValue ?? n.textContent ?? ''))).join('');
  return new XmlNodes(nodes, text);
}

/** MI's parseVariable: int, then double, then "" stays "", then JSON, else the text itself. */
function parseVariableText(text: string): Value {
  const asInt = parseJavaInt(text);
  if (asInt !== undefined) return asInt;
  const asNumber = parseJavaNumber(text);
  if (asNumber !== undefined) return asNumber;
  if (text === '') return '';
  try {
    return JSON.parse(text) as Value;
  } catch {
    return text;
  }
}
