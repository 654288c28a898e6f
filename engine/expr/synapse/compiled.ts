import type { ExprContext } from '../context.js';
import type { CompiledExpression, NamespaceMap } from '../types.js';
import { readsPayload } from './analysis.js';
import type { Expr } from './ast.js';
import { Evaluator, XPathCache, resultText } from './evaluator.js';
import { parseSynapseBody } from './parser.js';
import { toPlain, type Value } from './values.js';

/**
 * A compiled `${...}`. evaluate() gives plain JSON (or DOM nodes for XML);
 * evaluateString() gives MI's text (null as "", integers without ".0",
 * doubles as Java prints them, JSON compact); evaluateBoolean() is
 * Boolean.parseBoolean of that text. Evaluation problems throw MediationFault.
 */
export class CompiledSynapseExpression implements CompiledExpression {
  readonly language = 'synapse' as const;
  readonly readsPayload: boolean;
  private readonly xpaths: XPathCache;

  constructor(
    readonly source: string,
    private readonly ast: Expr,
    ns: NamespaceMap,
  ) {
    this.readsPayload = readsPayload(ast);
    this.xpaths = new XPathCache(ns);
  }

  /** The value with Java number kinds kept (for templates and callers that print it). */
  evaluateValue(ctx: ExprContext): Value {
    return new Evaluator(ctx, this.xpaths).evaluate(this.ast);
  }

  evaluate(ctx: ExprContext): unknown {
    return toPlain(this.evaluateValue(ctx));
  }

  evaluateString(ctx: ExprContext): string {
    return resultText(this.evaluateValue(ctx));
  }

  evaluateBoolean(ctx: ExprContext): boolean {
    const v = this.evaluateValue(ctx);
    if (typeof v === 'boolean') return v;
    return typeof v === 'string' && v.toLowerCase() === 'true';
  }
}

/**
 * Compiles `${ body }` found at source[open, close] (open at `$`, close at the
 * final `}`). MI drops stray `}` after the body (its lexer has no `}` token),
 * so trailing braces inside the body are ignored too.
 */
export function compileBody(source: string, open: number, close: number, ns: NamespaceMap, text = source): CompiledSynapseExpression {
  let end = close;
  while (end > open + 2 && /[\s}]/.test(source[end - 1]!)) end -= 1;
  const ast = parseSynapseBody(source, open + 2, end);
  return new CompiledSynapseExpression(text, ast, ns);
}

/** Index just past the `}` that closes the `${` at `open`, skipping quoted strings and brackets; -1 when unclosed. */
export function findExpressionEnd(text: string, open: number): number {
  let depth = 0;
  let i = open + 2;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"' || c === "'") {
      i += 1;
      while (i < text.length && text[i] !== c) i += text[i] === '\\' ? 2 : 1;
    } else if (c === '(' || c === '[') {
      depth += 1;
    } else if (c === ')' || c === ']') {
      depth = Math.max(0, depth - 1);
    } else if (c === '}' && depth === 0) {
      return i + 1;
    }
    i += 1;
  }
  return -1;
}
