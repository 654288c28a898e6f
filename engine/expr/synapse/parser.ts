import { ExpressionSyntaxError } from '../types.js';
import type { BinaryOp, Expr, FilterExpr, FilterOp, FilterOperand, Segment } from './ast.js';
import { PATH_FUNCTIONS, type PathFunction } from './ast.js';
import { FUNCTION_ARITIES, isFunctionName } from './functions/catalog.js';
import { Scanner, describe, type Token } from './scanner.js';
import { JDouble, JLong, isIntRange } from './values.js';

/**
 * Recursive-descent parser for the `${}` grammar of MI 4.4
 * (wso2-synapse ExpressionParser.g4), including its precedence quirk:
 *
 *   expression  := comparison ('?' expression ':' expression)?
 *   comparison  := logical (('=='|'!='|'>'|'<'|'>='|'<=') logical)*
 *   logical     := additive (('and'|'&&'|'or'|'||') logical)?     -- right-nested, and = or
 *   additive    := term (('+'|'-') term)*
 *   term        := unary (('*'|'/'|'%') unary)*
 *
 * so `a > 0 and b < 1` means `(a > (0 and b)) < 1`, exactly as MI reads it.
 * Parses `source[start, end)`; error offsets are indexes into `source`.
 */
export function parseSynapseBody(source: string, start: number, end: number): Expr {
  const scanner = new Scanner(source, start, end);
  if (scanner.peek().kind === 'eof') throw new ExpressionSyntaxError('Empty expression', start);
  const parser = new Parser(scanner);
  const expr = parser.expression();
  const rest = scanner.peek();
  if (rest.kind !== 'eof') throw new ExpressionSyntaxError(`Unexpected ${describe(rest)} after the expression`, rest.start);
  return expr;
}

const COMPARISON_OPS = new Set(['==', '!=', '>', '<', '>=', '<=']);
const FILTER_WORD_OPS = new Set(['in', 'nin', 'subsetof', 'anyof', 'noneof', 'size', 'empty', 'contains']);
const FILTER_SYMBOL_OPS = new Set(['==', '!=', '<', '<=', '>', '>=', '=~']);

class Parser {
  constructor(private readonly s: Scanner) {}

  expression(): Expr {
    const test = this.comparison();
    if (!this.s.isOp('?')) return test;
    this.s.next();
    const whenTrue = this.expression();
    this.s.expectOp(':', 'in the conditional expression');
    const whenFalse = this.expression();
    return { kind: 'conditional', test, whenTrue, whenFalse, start: test.start };
  }

  private comparison(): Expr {
    let left = this.logical();
    for (;;) {
      const t = this.s.peek();
      if (t.kind !== 'op' || !COMPARISON_OPS.has(t.text)) return left;
      this.s.next();
      const right = this.logical();
      left = { kind: 'binary', op: t.text as BinaryOp, left, right, start: left.start };
    }
  }

  private logical(): Expr {
    const left = this.additive();
    const op = this.logicalOperator();
    if (!op) return left;
    this.s.next();
    const right = this.logical();
    return { kind: 'binary', op, left, right, start: left.start };
  }

  private logicalOperator(): 'and' | 'or' | undefined {
    if (this.s.isOp('&&') || this.s.isIdent('and')) return 'and';
    if (this.s.isOp('||') || this.s.isIdent('or')) return 'or';
    return undefined;
  }

  private additive(): Expr {
    let left = this.term();
    while (this.s.isOp('+') || this.s.isOp('-')) {
      const op = this.s.next().text as BinaryOp;
      const right = this.term();
      left = { kind: 'binary', op, left, right, start: left.start };
    }
    return left;
  }

  private term(): Expr {
    let left = this.unary();
    while (this.s.isOp('*') || this.s.isOp('/') || this.s.isOp('%')) {
      const op = this.s.next().text as BinaryOp;
      const right = this.unary();
      left = { kind: 'binary', op, left, right, start: left.start };
    }
    return left;
  }

  /** MI only allows a sign on number literals; a sign on any factor is accepted here. */
  unary(): Expr {
    if (!this.s.isOp('-')) return this.factor();
    const minus = this.s.next();
    const operand = this.unary();
    if (operand.kind === 'literal' && operand.raw !== undefined) {
      const raw = operand.raw.startsWith('-') ? operand.raw.slice(1) : `-${operand.raw}`;
      return { kind: 'literal', value: numberLiteral(raw, minus.start), raw, start: minus.start };
    }
    return { kind: 'negate', operand, start: minus.start };
  }

  private factor(): Expr {
    const t = this.s.peek();
    switch (t.kind) {
      case 'number':
        this.s.next();
        return { kind: 'literal', value: numberLiteral(t.text, t.start), raw: t.text, start: t.start };
      case 'string':
        this.s.next();
        return { kind: 'literal', value: t.text, start: t.start };
      case 'ident':
        return this.identifierFactor(t);
      case 'op':
        if (t.text === '(') {
          this.s.next();
          const inner = this.expression();
          this.s.expectOp(')', 'to close the parenthesis');
          return inner;
        }
        if (t.text === '[') return this.arrayLiteral();
        if (t.text === '$') {
          this.s.next();
          return { kind: 'payload', path: this.path(), start: t.start };
        }
        break;
      case 'eof':
        break;
    }
    throw new ExpressionSyntaxError(`Unexpected ${describe(t)}`, t.start);
  }

  private identifierFactor(t: Token): Expr {
    this.s.next();
    switch (t.text) {
      case 'true':
      case 'false':
        return { kind: 'literal', value: t.text === 'true', start: t.start };
      case 'null':
        return { kind: 'literal', value: null, start: t.start };
      case 'payload':
        return { kind: 'payload', path: this.path(), start: t.start };
      case 'vars':
      case 'var': {
        const name = this.memberName('a variable name');
        return { kind: 'variable', name, path: this.path(), start: t.start };
      }
      case 'headers':
        return { kind: 'header', name: this.memberName('a header name'), start: t.start };
      case 'configs':
      case 'config':
        return { kind: 'config', name: this.memberName('a config key'), start: t.start };
      case 'props':
      case 'properties':
        return this.propertyAccess(t);
      case 'params':
        return this.parameterAccess(t);
    }
    if (isFunctionName(t.text) && this.s.isOp('(')) return this.call(t);
    if (this.s.isOp('(')) throw new ExpressionSyntaxError(`Unknown function '${t.text}'`, t.start);
    throw new ExpressionSyntaxError(`Unknown identifier '${t.text}'`, t.start);
  }

  private propertyAccess(root: Token): Expr {
    this.s.expectOp('.', `after '${root.text}'`);
    const scope = this.s.next();
    if (scope.kind !== 'ident' || (scope.text !== 'synapse' && scope.text !== 'axis2')) {
      throw new ExpressionSyntaxError(`Expected 'synapse' or 'axis2' after '${root.text}.'`, scope.start);
    }
    const name = this.memberName('a property name');
    return { kind: 'property', scope: scope.text === 'axis2' ? 'axis2' : 'default', name, start: root.start };
  }

  /** `params.uriParams` is the pre-GA spelling of `pathParams`; accepted because published examples use it. */
  private parameterAccess(root: Token): Expr {
    this.s.expectOp('.', "after 'params'");
    const kind = this.s.next();
    const sources: Record<string, 'query' | 'path' | 'function'> = {
      queryParams: 'query',
      pathParams: 'path',
      uriParams: 'path',
      functionParams: 'function',
    };
    const source = kind.kind === 'ident' ? sources[kind.text] : undefined;
    if (!source) {
      throw new ExpressionSyntaxError("Expected 'queryParams', 'pathParams' or 'functionParams' after 'params.'", kind.start);
    }
    return { kind: 'param', source, name: this.memberName('a parameter name'), start: root.start };
  }

  /** `.name`, `["name"]`, `.["name"]` or `."name"`. */
  private memberName(what: string): string {
    const dotted = this.s.isOp('.');
    if (dotted) this.s.next();
    const t = this.s.peek();
    if (dotted && (t.kind === 'ident' || t.kind === 'string')) return this.s.next().text;
    if (this.s.isOp('[')) {
      this.s.next();
      const key = this.s.next();
      if (key.kind !== 'string') throw new ExpressionSyntaxError(`Expected ${what} in quotes`, key.start);
      this.s.expectOp(']');
      return key.text;
    }
    throw new ExpressionSyntaxError(`Expected ${what}`, t.start);
  }

  private call(name: Token): Expr {
    this.s.expectOp('(');
    const args: Expr[] = [];
    if (!this.s.isOp(')')) {
      args.push(this.expression());
      while (this.s.isOp(',')) {
        this.s.next();
        args.push(this.expression());
      }
    }
    this.s.expectOp(')', `to close the arguments of ${name.text}()`);
    if (name.text === 'registry' && this.s.isOp('.')) this.registryPropertySuffix(args);
    const arities = FUNCTION_ARITIES[name.text]!;
    if (!arities.includes(args.length)) {
      throw new ExpressionSyntaxError(
        `Function ${name.text}() takes ${arities.join(' or ')} argument(s), not ${args.length}`,
        name.start,
      );
    }
    return { kind: 'call', name: name.text, args, path: this.path(), start: name.start };
  }

  /** `registry(key).property(name)` is the two-argument registry(key, name). */
  private registryPropertySuffix(args: Expr[]): void {
    const s = this.s;
    // Look ahead without consuming unless it really is `.property(`.
    const snapshot = s.peek();
    const sourceText = s.source.slice(snapshot.end).trimStart();
    if (!/^property\s*\(/.test(sourceText)) return;
    s.next();
    s.next();
    s.expectOp('(');
    args.push(this.expression());
    s.expectOp(')', 'to close property()');
  }

  private arrayLiteral(): Expr {
    const open = this.s.expectOp('[');
    const items: Expr[] = [];
    if (!this.s.isOp(']')) {
      items.push(this.expression());
      while (this.s.isOp(',')) {
        this.s.next();
        items.push(this.expression());
      }
    }
    this.s.expectOp(']', 'to close the array');
    return { kind: 'array', items, start: open.start };
  }

  /** A JSONPath tail after payload / a variable / registry(): `.a`, `["a"]`, `[0]`, `..a`, `[?(...)]`, `.length()`. */
  path(): Segment[] {
    const segments: Segment[] = [];
    for (;;) {
      if (this.s.isOp('.')) {
        this.s.next();
        segments.push(this.dottedSegment());
      } else if (this.s.isOp('..')) {
        this.s.next();
        if (this.s.isOp('[')) segments.push({ kind: 'scan', then: this.bracket() });
        else segments.push({ kind: 'scan', then: this.dottedSegment() });
      } else if (this.s.isOp('[')) {
        segments.push(this.bracket());
      } else {
        return segments;
      }
    }
  }

  private dottedSegment(): Segment {
    const t = this.s.peek();
    if (t.kind === 'op' && t.text === '*') {
      this.s.next();
      return { kind: 'wildcard' };
    }
    if (t.kind === 'op' && t.text === '[') return this.bracket();
    if (t.kind === 'string') {
      this.s.next();
      return { kind: 'child', name: t.text };
    }
    if (t.kind !== 'ident') throw new ExpressionSyntaxError(`Expected a field name but found ${describe(t)}`, t.start);
    this.s.next();
    if ((PATH_FUNCTIONS as readonly string[]).includes(t.text) && this.s.isOp('(')) {
      this.s.next();
      this.s.expectOp(')', `after ${t.text}(`);
      return { kind: 'function', name: t.text as PathFunction };
    }
    return { kind: 'child', name: t.text };
  }

  private bracket(): Segment {
    this.s.expectOp('[');
    let segment: Segment;
    if (this.s.isOp('*')) {
      this.s.next();
      segment = { kind: 'wildcard' };
    } else if (this.s.isOp('?')) {
      this.s.next();
      this.s.expectOp('(', "after '?' in a filter");
      const test = this.filterOr();
      this.s.expectOp(')', 'to close the filter');
      segment = { kind: 'filter', test };
    } else {
      segment = this.selectOrSlice();
    }
    this.s.expectOp(']', 'to close the index');
    return segment;
  }

  private selectOrSlice(): Segment {
    const first = this.s.isOp(':') ? undefined : this.expression();
    if (!this.s.isOp(':')) {
      if (!first) throw new ExpressionSyntaxError('Expected an index', this.s.peek().start);
      const items = [first];
      while (this.s.isOp(',')) {
        this.s.next();
        items.push(this.expression());
      }
      return { kind: 'select', items };
    }
    this.s.next();
    const to = this.s.isOp(':') || this.s.isOp(']') ? undefined : this.expression();
    let step: Expr | undefined;
    if (this.s.isOp(':')) {
      this.s.next();
      step = this.s.isOp(']') ? undefined : this.expression();
    }
    return { kind: 'slice', from: first, to, step };
  }

  private filterOr(): FilterExpr {
    let left = this.filterAnd();
    while (this.s.isOp('||') || this.s.isIdent('or')) {
      this.s.next();
      left = { kind: 'or', left, right: this.filterAnd() };
    }
    return left;
  }

  private filterAnd(): FilterExpr {
    let left = this.filterUnary();
    while (this.s.isOp('&&') || this.s.isIdent('and')) {
      this.s.next();
      left = { kind: 'and', left, right: this.filterUnary() };
    }
    return left;
  }

  private filterUnary(): FilterExpr {
    if (this.s.isOp('!')) {
      this.s.next();
      return { kind: 'not', operand: this.filterUnary() };
    }
    if (this.s.isOp('(')) {
      this.s.next();
      const inner = this.filterOr();
      this.s.expectOp(')', 'in the filter');
      return inner;
    }
    const left = this.filterOperand();
    const op = this.filterOperator();
    if (!op) return { kind: 'exists', operand: left };
    this.s.next();
    const right = op === '=~' ? this.regexOperand() : this.filterOperand();
    return { kind: 'relation', op, left, right };
  }

  private filterOperator(): FilterOp | undefined {
    const t = this.s.peek();
    if (t.kind === 'op' && FILTER_SYMBOL_OPS.has(t.text)) return t.text as FilterOp;
    if (t.kind === 'ident' && FILTER_WORD_OPS.has(t.text)) return t.text as FilterOp;
    return undefined;
  }

  private filterOperand(): FilterOperand {
    if (this.s.isOp('@')) {
      this.s.next();
      return { kind: 'current', path: this.path() };
    }
    return { kind: 'value', expr: this.unary() };
  }

  private regexOperand(): FilterOperand {
    if (!this.s.isOp('/')) return this.filterOperand();
    const { pattern, flags, start } = this.s.readRegex();
    try {
      return { kind: 'regex', regex: new RegExp(pattern, flags.replace(/[^imsu]/g, '')) };
    } catch {
      throw new ExpressionSyntaxError(`Invalid regular expression /${pattern}/`, start);
    }
  }
}

/** Integer literals are Java ints (longs past int range); literals with a fraction are doubles. */
function numberLiteral(text: string, offset: number): unknown {
  const n = Number(text);
  if (!Number.isFinite(n)) throw new ExpressionSyntaxError(`Number out of range: ${text}`, offset);
  if (text.includes('.')) return Number.isInteger(n) ? new JDouble(n) : n;
  return isIntRange(n) ? n : new JLong(n);
}

