import { MediationFault } from '../../core/errors.js';
import type { ExprContext } from '../context.js';
import { ExpressionSyntaxError, type CompiledExpression, type NamespaceMap } from '../types.js';
import type { Expr, Segment } from './ast.js';
import { evaluationFault, shown } from './errors.js';
import { testFilter } from './filter-eval.js';
import { PURE_FUNCTIONS } from './functions/index.js';
import { applyBinary, negate } from './operators.js';
import { PathNotFound, evaluatePath, type PathEnv } from './path-eval.js';
import { readScalarRoot, readVariable } from './roots.js';
import { JLong, XmlNodes, asString, toPlain, type Value } from './values.js';
import { compileXPathForSynapse } from './xpath-bridge.js';

/** Evaluates one parsed expression against one message. */
export class Evaluator implements PathEnv {
  constructor(
    private readonly ctx: ExprContext,
    private readonly xpaths: XPathCache,
  ) {}

  evaluate(expr: Expr): Value {
    switch (expr.kind) {
      case 'literal':
        return expr.value;
      case 'array':
        return expr.items.map((item) => arrayItem(this.evaluate(item)));
      case 'negate':
        return negate(this.evaluate(expr.operand));
      case 'binary':
        return applyBinary(expr.op, this.evaluate(expr.left), this.evaluate(expr.right));
      case 'conditional': {
        const test = this.evaluate(expr.test);
        if (typeof test !== 'boolean') throw evaluationFault(`Condition of a conditional expression is not a boolean: ${shown(test)}`);
        return this.evaluate(test ? expr.whenTrue : expr.whenFalse);
      }
      case 'payload':
        return this.path(this.ctx.payloadJson() ?? null, expr.path);
      case 'variable':
        return this.path(readVariable(this.ctx, expr.name), expr.path);
      case 'header':
        return readScalarRoot(this.ctx, 'header', expr.name);
      case 'property':
        return readScalarRoot(this.ctx, expr.scope === 'axis2' ? 'axis2' : 'synapse', expr.name);
      case 'param':
        return readScalarRoot(this.ctx, expr.source, expr.name);
      case 'config':
        return readScalarRoot(this.ctx, 'config', expr.name);
      case 'call':
        return this.callWithPath(expr);
    }
  }

  test(segment: Extract<Segment, { kind: 'filter' }>, item: unknown): boolean {
    return testFilter(segment.test, item, this);
  }

  private path(root: Value, segments: Segment[]): Value {
    try {
      return evaluatePath(root, segments, this);
    } catch (e) {
      if (e instanceof PathNotFound) throw evaluationFault(e.message);
      throw e;
    }
  }

  private callWithPath(expr: Extract<Expr, { kind: 'call' }>): Value {
    const result = this.call(expr);
    if (expr.path.length === 0) return result;
    // registry(key).a.b and friends: text results are read as JSON first.
    let json: Value = result;
    if (typeof result === 'string') {
      try {
        json = JSON.parse(result) as Value;
      } catch {
        throw evaluationFault(`Could not evaluate JSONPath expression on non-JSON value returned by ${expr.name}()`);
      }
    }
    return this.path(json, expr.path);
  }

  private call(expr: Extract<Expr, { kind: 'call' }>): Value {
    switch (expr.name) {
      case 'exists':
        return this.exists(expr.args[0]!);
      case 'now':
        return new JLong(this.ctx.now());
      case 'wso2-vault':
      case 'hashicorp-vault':
        throw evaluationFault(`${expr.name}() secrets are not available in the embedded runtime`);
    }
    const args = expr.args.map((a) => this.evaluate(a));
    args.forEach((a, i) => {
      if (a === null || a === undefined) {
        throw evaluationFault(`Null ${i === 0 ? 'source' : `argument${i}`} value provided for the function: ${expr.name}`);
      }
    });
    if (expr.name === 'registry') return this.registry(args);
    if (expr.name === 'xpath') return this.xpath(args);
    return PURE_FUNCTIONS[expr.name]!(args);
  }

  /** The only function that never fails: a failing or null argument means false. */
  private exists(arg: Expr): boolean {
    try {
      const v = this.evaluate(arg);
      return v !== null && v !== undefined;
    } catch (e) {
      if (e instanceof MediationFault || e instanceof ExpressionSyntaxError) return false;
      throw e;
    }
  }

  private registry([key, property]: Value[]): Value {
    if (typeof key !== 'string' || (property !== undefined && typeof property !== 'string')) {
      throw evaluationFault(`Invalid argument provided for registry function. regKey: ${shown(key)}, propKey: ${shown(property ?? null)}`);
    }
    if (property !== undefined) {
      const value = this.ctx.getRegistryProperty(key, property);
      if (value === undefined) throw evaluationFault(`Could not find the property: ${property} in the registry resource: ${key}`);
      return value;
    }
    const text = this.ctx.getRegistryResource(key);
    if (text === undefined) throw evaluationFault(`Could not find the registry resource: ${key}`);
    return text;
  }

  /** xpath("expr") over the message; xpath("expr", "v") over variable v (as `$var:v` + expr). */
  private xpath([expression, variable]: Value[]): Value {
    if (typeof expression !== 'string') throw evaluationFault(`Invalid XPATH expression : ${shown(expression)}`);
    if (variable !== undefined && (typeof variable !== 'string' || variable === '')) {
      throw evaluationFault('Invalid variable name provided for XPATH function');
    }
    const source = variable === undefined ? expression : `$var:${variable}${expression}`;
    const compiled = this.xpaths.get(source);
    const raw = compiled.evaluate(this.ctx);
    if (Array.isArray(raw)) return new XmlNodes(raw as Node[], compiled.evaluateString(this.ctx));
    return compiled.evaluateString(this.ctx);
  }
}

/** Array literal items are stored as JSON; XML becomes its text. */
function arrayItem(v: Value): unknown {
  if (v instanceof XmlNodes) return v.text;
  return toPlain(v);
}

/** Compiled xpath() arguments, by source, for one compiled `${}` expression. */
export class XPathCache {
  private readonly compiled = new Map<string, CompiledExpression>();

  constructor(private readonly ns: NamespaceMap) {}

  get(source: string): CompiledExpression {
    let c = this.compiled.get(source);
    if (!c) {
      try {
        c = compileXPathForSynapse(source, this.ns);
      } catch (e) {
        if (e instanceof ExpressionSyntaxError) throw evaluationFault(`Invalid XPATH expression : ${source}`, e);
        throw e;
      }
      this.compiled.set(source, c);
    }
    return c;
  }
}

/** The text MI gives for a whole-expression result (stringValueOf): null is empty. */
export function resultText(v: Value): string {
  return asString(v) ?? '';
}
