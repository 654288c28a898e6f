import type { FilterExpr, FilterOperand, FilterOp } from './ast.js';
import { PathNotFound, evaluatePath, type PathEnv } from './path-eval.js';
import { XmlNodes, isJsonObject, numberKind, numericValue, toPlain, type Value } from './values.js';

/**
 * JSONPath filters (`[?(...)]`) with Jayway's semantics: `==` is typed (a
 * number never equals a string), `<`/`>` compare numbers or strings, a missing
 * `@.field` makes every comparison false (and `!=` true), `&&` binds tighter
 * than `||`, `=~` must match the whole string. Synapse values inside a filter
 * (vars, payload, params, functions) are evaluated first, as MI substitutes them.
 */
export function testFilter(filter: FilterExpr, item: unknown, env: PathEnv): boolean {
  switch (filter.kind) {
    case 'and':
      return testFilter(filter.left, item, env) && testFilter(filter.right, item, env);
    case 'or':
      return testFilter(filter.left, item, env) || testFilter(filter.right, item, env);
    case 'not':
      return !testFilter(filter.operand, item, env);
    case 'exists': {
      const operand = resolve(filter.operand, item, env);
      if (!operand.found) return false;
      return filter.operand.kind === 'current' ? true : operand.value !== false && operand.value !== null;
    }
    case 'relation':
      return relate(filter.op, resolve(filter.left, item, env), resolve(filter.right, item, env), filter.right);
  }
}

interface Resolved {
  found: boolean;
  value: unknown;
}

function resolve(operand: FilterOperand, item: unknown, env: PathEnv): Resolved {
  switch (operand.kind) {
    case 'current':
      try {
        return { found: true, value: plain(evaluatePath(item, operand.path, env, '@')) };
      } catch (e) {
        if (e instanceof PathNotFound) return { found: false, value: undefined };
        throw e;
      }
    case 'value':
      return { found: true, value: plain(env.evaluate(operand.expr)) };
    case 'regex':
      return { found: true, value: operand.regex };
  }
}

/** Evaluated values are plain JSON apart from Java-typed numbers and XML, which filters see as number / text. */
function plain(v: Value): unknown {
  return v instanceof XmlNodes ? v.text : toPlain(v);
}

function relate(op: FilterOp, left: Resolved, right: Resolved, rightOperand: FilterOperand): boolean {
  if (op === '!=') return !(left.found && right.found && jsonEquals(left.value, right.value));
  if (op === 'nin') return !(left.found && right.found && Array.isArray(right.value) && right.value.some((v) => jsonEquals(v, left.value)));
  if (!left.found || !right.found) return false;
  const a = left.value;
  const b = right.value;
  switch (op) {
    case '==':
      return jsonEquals(a, b);
    case '<':
    case '<=':
    case '>':
    case '>=':
      return ordered(op, a, b);
    case '=~':
      return typeof a === 'string' && rightOperand.kind === 'regex' && fullMatch(rightOperand.regex, a);
    case 'in':
      return Array.isArray(b) && b.some((v) => jsonEquals(v, a));
    case 'subsetof':
      return Array.isArray(a) && Array.isArray(b) && a.every((x) => b.some((y) => jsonEquals(x, y)));
    case 'anyof':
      return Array.isArray(a) && Array.isArray(b) && a.some((x) => b.some((y) => jsonEquals(x, y)));
    case 'noneof':
      return Array.isArray(a) && Array.isArray(b) && !a.some((x) => b.some((y) => jsonEquals(x, y)));
    case 'size':
      return (Array.isArray(a) || typeof a === 'string') && typeof b === 'number' && a.length === b;
    case 'empty':
      return (Array.isArray(a) || typeof a === 'string') && typeof b === 'boolean' && (a.length === 0) === b;
    case 'contains':
      if (typeof a === 'string') return typeof b === 'string' && a.includes(b);
      return Array.isArray(a) && a.some((x) => jsonEquals(x, b));
  }
}

function ordered(op: '<' | '<=' | '>' | '>=', a: unknown, b: unknown): boolean {
  const comparable = (numberKind(a) && numberKind(b)) || (typeof a === 'string' && typeof b === 'string');
  if (!comparable) return false;
  const x = typeof a === 'string' ? a : numericValue(a);
  const y = typeof b === 'string' ? b : numericValue(b);
  switch (op) {
    case '<':
      return x < y;
    case '<=':
      return x <= y;
    case '>':
      return x > y;
    case '>=':
      return x >= y;
  }
}

function fullMatch(regex: RegExp, text: string): boolean {
  return new RegExp(`^(?:${regex.source})$`, regex.flags).test(text);
}

function jsonEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => jsonEquals(x, b[i]));
  if (isJsonObject(a) && isJsonObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && jsonEquals(a[k], b[k]));
  }
  return false;
}
