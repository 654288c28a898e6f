/**
 * Chooses the expression language by the form of the text, as Synapse's
 * path factory does: `json-eval(<path>)` is JSONPath, a whole `${...}` is a
 * Synapse Expression (MI 4.4), anything else XPath 1.0.
 */
import { compileJsonPath } from './jsonpath/index.js';
import { compileSynapseExpression, isSynapseExpression } from './synapse/index.js';
import { ExpressionSyntaxError, type CompiledExpression, type NamespaceMap } from './types.js';
import { compileXPath } from './xpath/index.js';

const JSON_EVAL = 'json-eval(';

/** Picks the language by form: `json-eval(...)` -> JSONPath, a whole `${...}` -> Synapse expression, else XPath. Throws ExpressionSyntaxError with offset relative to `source`. */
export function compileExpression(source: string, ns: NamespaceMap): CompiledExpression {
  const text = source.trim();
  const lead = source.indexOf(text);
  if (text.startsWith(JSON_EVAL)) {
    if (!text.endsWith(')')) throw new ExpressionSyntaxError("json-eval( is not closed with ')'", lead + text.length);
    const inner = text.slice(JSON_EVAL.length, -1);
    return withSource(shifted(() => compileJsonPath(inner), lead + JSON_EVAL.length), source);
  }
  if (isSynapseExpression(text)) return withSource(shifted(() => compileSynapseExpression(text, ns), lead), source);
  return compileXPath(source, ns);
}

/** For attributes parsed as a "Value": `{xpath}` or `${...}` is an expression, anything else a literal. Returns {literal} or {expression}. */
export function compileValue(source: string, ns: NamespaceMap): { literal: string } | { expression: CompiledExpression } {
  if (isSynapseExpression(source.trim())) return { expression: compileExpression(source, ns) };
  if (source.startsWith('{') && source.endsWith('}') && source.length > 2) {
    const inner = source.slice(1, -1);
    return { expression: withSource(shifted(() => compileExpression(inner, ns), 1), source) };
  }
  return { literal: source };
}

function shifted<T>(compile: () => T, by: number): T {
  try {
    return compile();
  } catch (e) {
    if (e instanceof ExpressionSyntaxError) throw new ExpressionSyntaxError(e.message, e.offset + by);
    throw e;
  }
}

/** The same expression, reporting the text the user wrote as its source. */
function withSource(expression: CompiledExpression, source: string): CompiledExpression {
  if (expression.source === source) return expression;
  return {
    source,
    language: expression.language,
    readsPayload: expression.readsPayload,
    evaluate: (ctx) => expression.evaluate(ctx),
    evaluateString: (ctx) => expression.evaluateString(ctx),
    evaluateBoolean: (ctx) => expression.evaluateBoolean(ctx),
  };
}
