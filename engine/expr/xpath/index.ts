/**
 * XPath 1.0 with Synapse's functions and variables, compiled once and
 * evaluated per message. The context node is the SOAP Envelope element of
 * `ctx.envelope()` (as Jaxen's context in MI), so `/soapenv:Envelope/...`,
 * `soapenv:Body/...`, `//m0:symbol` and `$body/...` all work. Namespace
 * prefixes in location steps resolve only through the NamespaceMap (never
 * through declarations in the message); an undeclared one is a runtime fault,
 * as in MI, because MI deploys such expressions and fails when they run.
 */
import { ErrorCodes, MediationFault } from '../../core/errors.js';
import { newDocument } from '../../xml/dom.js';
import type { ExprContext } from '../context.js';
import { ExpressionSyntaxError, type CompiledExpression, type NamespaceMap } from '../types.js';
import { CONTEXT_NODE_FUNCTIONS, MESSAGE, functionKind, functionResolver } from './functions.js';
import { lib, isNodeSet, isXBoolean, isXNumber, xnodes, type AstNode, type ParsedXPath, type XPathContext, type XValue } from './lib.js';
import { parseXPath, type Token } from './parse.js';
import { synapseStringValue } from './string-value.js';
import { ENVELOPE_VARIABLES, parseVariableName, resolveVariable, type VariableRef } from './variables.js';
import { compileSimplePath, type SimplePath } from './fast-path.js';

const XML_NS = 'http://www.w3.org/XML/1998/namespace';

interface Analysis {
  variables: VariableRef[];
  readsPayload: boolean;
}

export function compileXPath(source: string, ns: NamespaceMap): CompiledExpression {
  const { parsed, tokens } = parseXPath(source);
  const analysis = analyse(parsed.expression, tokens);
  return new CompiledXPath(source, ns, parsed, analysis);
}

/**
 * Walks the AST once: checks function names, gives every variable reference
 * an internal colon-free name (so the `xpath` package does not try to resolve
 * `ctx:` as a namespace prefix) and notes whether the payload is read.
 */
function analyse(root: AstNode, tokens: Token[]): Analysis {
  const variables: VariableRef[] = [];
  let readsPayload = false;
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const n = node as AstNode & { predicates?: AstNode[]; expression?: AstNode };
    if (typeof n.functionName === 'string') {
      const local = n.functionName.slice(n.functionName.indexOf(':') + 1);
      const kind = functionKind(local);
      if (kind === 'unknown') {
        const at = tokens.find((t) => t.type === lib.XPathParser.FUNCTIONNAME && t.value === n.functionName);
        throw new ExpressionSyntaxError(`unsupported XPath function ${n.functionName}()`, at?.offset ?? 0);
      }
      if (kind === 'core' && CONTEXT_NODE_FUNCTIONS.has(local) && (n.arguments ?? []).length === 0) readsPayload = true;
      n.functionName = local;
    }
    if (typeof n.variable === 'string') {
      const ref = parseVariableName(n.variable);
      if (ref.prefix === undefined && ENVELOPE_VARIABLES.has(ref.local)) readsPayload = true;
      n.variable = `v${variables.length}`;
      variables.push(ref);
    }
    if (Array.isArray(n.steps)) readsPayload = true;
    for (const key of ['expression', 'lhs', 'rhs', 'filter', 'locationPath'] as const) visit(n[key]);
    for (const key of ['arguments', 'filterPredicates', 'predicates', 'steps'] as const) {
      const list = (n as unknown as Record<string, unknown>)[key];
      if (Array.isArray(list)) list.forEach(visit);
    }
  };
  visit(root);
  return { variables, readsPayload };
}

let placeholder: Document | undefined;
/** Context node for expressions that never touch the payload, so evaluating them does not build the message. */
function placeholderNode(): Document {
  placeholder ??= newDocument();
  return placeholder;
}

class CompiledXPath implements CompiledExpression {
  readonly language = 'xpath' as const;
  readonly readsPayload: boolean;
  private readonly mentionsNodeTest: boolean;
  private readonly namespaceResolver: XPathContext['namespaceResolver'];

  constructor(
    readonly source: string,
    ns: NamespaceMap,
    private readonly parsed: ParsedXPath,
    private readonly analysis: Analysis,
  ) {
    this.readsPayload = analysis.readsPayload;
    this.mentionsNodeTest = source.includes('node()');
    const namespaces: NamespaceMap = { ...ns, xml: XML_NS };
    this.namespaceResolver = { getNamespace: (prefix) => (prefix === '' ? null : (namespaces[prefix] ?? null)) };
    const vars = analysis.variables;
    this.simplePath = compileSimplePath(parsed.expression, (prefix) => namespaces[prefix] ?? null, (internal) => {
      const ref = vars[Number(internal.slice(1))];
      return !!ref && ref.prefix === undefined && ENVELOPE_VARIABLES.has(ref.local);
    });
  }

  /** Set when the expression is a plain location path the direct evaluator handles (same result, no package overhead). */
  private readonly simplePath: SimplePath | undefined;

  private run(ctx: ExprContext): XValue {
    if (this.simplePath) return this.runSimplePath(this.simplePath, ctx);
    const c = new lib.XPathContext();
    c.functionResolver = functionResolver;
    c.namespaceResolver = this.namespaceResolver;
    c.variableResolver = { getVariable: (internal) => resolveVariable(ctx, this.analysis.variables[Number(internal.slice(1))]!) };
    const doc = this.readsPayload ? ctx.envelope() : placeholderNode();
    c.expressionContextNode = doc.documentElement ?? doc;
    c[MESSAGE] = ctx;
    try {
      return this.parsed.evaluate(c);
    } catch (e) {
      if (e instanceof MediationFault) throw e;
      const reason = e instanceof Error ? e.message : String(e);
      throw new MediationFault(ErrorCodes.GENERIC, `Evaluation of the XPath expression ${this.source} resulted in an error: ${reason}`, { cause: e });
    }
  }

  private runSimplePath(path: SimplePath, ctx: ExprContext): XValue {
    let start: Node[];
    if (path.start === 'root' || path.start === 'context') {
      const doc = ctx.envelope();
      const contextNode: Node = doc.documentElement ?? doc;
      start = [path.start === 'context' || contextNode.nodeType === 9 ? contextNode : contextNode.ownerDocument!];
    } else {
      const v = resolveVariable(ctx, this.analysis.variables[path.start.variable]!);
      start = isNodeSet(v) ? v.toArray() : [];
    }
    return xnodes(path.select(start));
  }

  /** Node-sets as arrays of DOM nodes (document order); numbers, booleans and strings as JS values. */
  evaluate(ctx: ExprContext): unknown {
    const v = this.run(ctx);
    if (isNodeSet(v)) return v.toArray();
    if (isXNumber(v)) return v.numberValue();
    if (isXBoolean(v)) return v.booleanValue();
    return v.stringValue();
  }

  /** SynapseXPath.stringValueOf (see string-value.ts). */
  evaluateString(ctx: ExprContext): string {
    return synapseStringValue(this.run(ctx), this.mentionsNodeTest);
  }

  /** XPath boolean(): non-empty node-set, non-empty string, non-zero number. */
  evaluateBoolean(ctx: ExprContext): boolean {
    return this.run(ctx).booleanValue();
  }
}
