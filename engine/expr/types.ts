import type { ExprContext } from './context.js';

export type ExpressionLanguage = 'xpath' | 'jsonpath' | 'synapse';

/**
 * The value of an expression. XPath node-sets are arrays of DOM nodes;
 * JSONPath and `${}` results are plain JSON values (objects, arrays, strings,
 * numbers, booleans, null); XPath scalars are strings, numbers and booleans.
 */
export type ExprValue = unknown;

export interface CompiledExpression {
  readonly source: string;
  readonly language: ExpressionLanguage;
  /** True when evaluating needs the message body parsed (drives pass-through streaming). */
  readonly readsPayload: boolean;
  /** Raw result. Throws MediationFault when evaluation fails (e.g. missing variable in `${}`). */
  evaluate(ctx: ExprContext): ExprValue;
  /** Result converted to a string the way MI does for this language (see each implementation). */
  evaluateString(ctx: ExprContext): string;
  /** Result as a boolean (filter conditions). */
  evaluateBoolean(ctx: ExprContext): boolean;
}

/** Thrown at compile time; `offset` is the 0-based index in `source` where the expression breaks. */
export class ExpressionSyntaxError extends Error {
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(message);
    this.name = 'ExpressionSyntaxError';
    this.offset = offset;
  }
}

/** Namespace prefixes in scope where the expression was written (`xmlns:` declarations). */
export type NamespaceMap = Record<string, string>;
