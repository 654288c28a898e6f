/** The expression languages of Synapse: XPath 1.0 (+ Synapse functions/variables), JSONPath and MI 4.4 `${}`. */
export type { ExprContext, PropertyScope } from './context.js';
export { ExpressionSyntaxError } from './types.js';
export type { CompiledExpression, ExpressionLanguage, ExprValue, NamespaceMap } from './types.js';
export { compileExpression, compileValue } from './compile.js';
export { compileXPath } from './xpath/index.js';
export { compileJsonPath } from './jsonpath/index.js';
export { compileSynapseExpression, compileInlineTemplate, isSynapseExpression } from './synapse/index.js';
