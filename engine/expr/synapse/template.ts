import { MediationFault } from '../../core/errors.js';
import type { ExprContext } from '../context.js';
import { ExpressionSyntaxError, type NamespaceMap } from '../types.js';
import { compileBody, findExpressionEnd, type CompiledSynapseExpression } from './compiled.js';
import { resultText } from './evaluator.js';

/** Text with embedded `${...}` parts (log <message>, payloadFactory format, enrich inline). */
export interface CompiledTemplate {
  readonly source: string;
  readonly readsPayload: boolean;
  readonly hasExpressions: boolean;
  /**
   * The text with each part replaced by its value as text (objects and arrays
   * as compact JSON, XML serialised, null as empty). A part whose evaluation
   * fails renders as empty text, as MI does.
   */
  render(ctx: ExprContext): string;
}

type Piece = string | CompiledSynapseExpression;

/**
 * Splits `text` at every `${`; each part ends at the first `}` outside quotes
 * and brackets. There is no escape for a literal `${` (MI has none either).
 * Throws ExpressionSyntaxError with the offset in `text`.
 */
export function compileInlineTemplate(text: string, ns: NamespaceMap = {}): CompiledTemplate {
  const pieces: Piece[] = [];
  let literalStart = 0;
  let open = text.indexOf('${');
  while (open >= 0) {
    const end = findExpressionEnd(text, open);
    if (end < 0) throw new ExpressionSyntaxError("'${' is not closed with '}'", open);
    if (open > literalStart) pieces.push(text.slice(literalStart, open));
    pieces.push(compileBody(text, open, end - 1, ns, text.slice(open, end)));
    literalStart = end;
    open = text.indexOf('${', end);
  }
  if (literalStart < text.length) pieces.push(text.slice(literalStart));
  const expressions = pieces.filter((p): p is CompiledSynapseExpression => typeof p !== 'string');
  return {
    source: text,
    readsPayload: expressions.some((e) => e.readsPayload),
    hasExpressions: expressions.length > 0,
    render(ctx: ExprContext): string {
      return pieces.map((p) => (typeof p === 'string' ? p : renderPart(p, ctx))).join('');
    },
  };
}

function renderPart(expression: CompiledSynapseExpression, ctx: ExprContext): string {
  try {
    return resultText(expression.evaluateValue(ctx));
  } catch (e) {
    if (e instanceof MediationFault) return '';
    throw e;
  }
}
