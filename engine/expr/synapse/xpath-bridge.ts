/**
 * The one place `${}` reaches the XPath engine (for xpath("...")), so the
 * dependency stays easy to see and to replace.
 */
import type { CompiledExpression, NamespaceMap } from '../types.js';
import { compileXPath } from '../xpath/index.js';

export function compileXPathForSynapse(source: string, ns: NamespaceMap): CompiledExpression {
  return compileXPath(source, ns);
}
