/**
 * MI 4.4 Synapse Expressions (`${...}`): grammar, semantics and functions of
 * wso2-synapse's synapse_expression package. See compiled.ts for how results
 * become text/booleans and template.ts for inline templates.
 */
import { ExpressionSyntaxError, type CompiledExpression, type NamespaceMap } from '../types.js';
import { compileBody, findExpressionEnd } from './compiled.js';

export { compileInlineTemplate, type CompiledTemplate } from './template.js';

/**
 * Compiles a whole-value expression, `source` INCLUDING the surrounding `${`
 * and `}` (whitespace around is allowed). Throws ExpressionSyntaxError with
 * the 0-based offset in `source` where it breaks.
 */
export function compileSynapseExpression(source: string, ns: NamespaceMap = {}): CompiledExpression {
  const open = source.search(/\S/);
  if (open < 0 || !source.startsWith('${', open)) {
    throw new ExpressionSyntaxError("A Synapse expression must start with '${'", Math.max(open, 0));
  }
  const close = source.trimEnd().length - 1;
  if (close <= open + 1 || source[close] !== '}') {
    throw new ExpressionSyntaxError("A Synapse expression must end with '}'", source.trimEnd().length);
  }
  return compileBody(source, open, close, ns);
}

/** True when `text` is exactly one `${...}` expression (whitespace around allowed; MI also ignores extra `}` after it). */
export function isSynapseExpression(text: string): boolean {
  const open = text.search(/\S/);
  if (open < 0 || !text.startsWith('${', open)) return false;
  const end = findExpressionEnd(text, open);
  return end > 0 && /^[\s}]*$/.test(text.slice(end));
}
