/**
 * Turns what the message context returns (property values, headers,
 * parameters) into XPath values, as Jaxen sees Synapse's Java objects:
 * strings stay strings, numbers print the way the property was set,
 * booleans stay booleans, DOM nodes become node-sets, anything else (JSON
 * values stored by the property mediator) is its JSON text. Missing values
 * are the empty string, so `$ctx:missing` prints "" and tests false.
 */
import type { ExprContext } from '../context.js';
import { xboolean, xnodes, xstring, type XValue } from './lib.js';

interface ExpressionLike {
  evaluate(ctx: ExprContext): unknown;
  language: string;
}

function isNode(v: unknown): v is Node {
  return typeof v === 'object' && v !== null && typeof (v as Node).nodeType === 'number';
}

function isExpression(v: unknown): v is ExpressionLike {
  return typeof v === 'object' && v !== null && typeof (v as ExpressionLike).evaluate === 'function' && typeof (v as ExpressionLike).language === 'string';
}

export function toXValue(value: unknown, ctx: ExprContext): XValue {
  if (value === undefined || value === null) return xstring('');
  // A template parameter given as an expression is evaluated where it is read (MI's $func: behaviour).
  if (isExpression(value)) return toXValue(value.evaluate(ctx), ctx);
  switch (typeof value) {
    case 'string':
      return xstring(value);
    case 'number':
    case 'bigint':
      return xstring(String(value));
    case 'boolean':
      return xboolean(value);
  }
  if (isNode(value)) return xnodes([value]);
  if (Array.isArray(value) && value.length > 0 && value.every(isNode)) return xnodes(value);
  if (value instanceof Map) return xstring(JSON.stringify(Object.fromEntries(value)));
  return xstring(JSON.stringify(value));
}
