import type { BinaryOp } from './ast.js';
import { decimalArithmetic, isDecimalText } from './decimal.js';
import { evaluationFault, shown } from './errors.js';
import { JDouble, JLong, asString, isIntRange, makeNumber, numberKind, numericValue, type Value } from './values.js';

/** MI's operator names, used in its error messages. */
const OPERATOR_NAMES: Record<BinaryOp, string> = {
  '+': 'ADD',
  '-': 'SUBTRACT',
  '*': 'MULTIPLY',
  '/': 'DIVIDE',
  '%': 'MODULO',
  '==': 'EQUALS',
  '!=': 'NOT_EQUALS',
  '<': 'LESS_THAN',
  '<=': 'LESS_THAN_OR_EQUAL',
  '>': 'GREATER_THAN',
  '>=': 'GREATER_THAN_OR_EQUAL',
  and: 'AND',
  or: 'OR',
};

const isNull = (v: Value): boolean => v === null || v === undefined;

/** MI's BinaryOperationNode semantics (both operands are always evaluated first). */
export function applyBinary(op: BinaryOp, left: Value, right: Value): Value {
  if ((isNull(left) || isNull(right)) && op !== '==' && op !== '!=') {
    throw evaluationFault(`Null inputs for ${OPERATOR_NAMES[op]} operation: ${shown(left)} and ${shown(right)}`);
  }
  switch (op) {
    case '+':
      return add(left, right);
    case '-':
    case '*':
    case '/':
    case '%':
      return arithmetic(op, left, right);
    case '==':
      return asString(left) === asString(right);
    case '!=':
      return asString(left) !== asString(right);
    case '<':
    case '<=':
    case '>':
    case '>=':
      return compare(op, left, right);
    case 'and':
    case 'or':
      if (typeof left !== 'boolean' || typeof right !== 'boolean') {
        throw evaluationFault(`Logical operation between non-boolean values: ${shown(left)} and ${shown(right)}`);
      }
      return op === 'and' ? left && right : left || right;
  }
}

function add(left: Value, right: Value): Value {
  const lk = numberKind(left);
  const rk = numberKind(right);
  if (lk && rk) {
    if (lk === 'double' || rk === 'double') return doubleOp('+', left, right);
    const sum = numericValue(left) + numericValue(right);
    if (lk === 'long' || rk === 'long') return new JLong(sum);
    return isIntRange(sum) ? sum : new JLong(sum);
  }
  if (typeof left === 'string' && typeof right === 'string') return left + right;
  throw evaluationFault(`Addition between non-numeric values: ${shown(left)} and ${shown(right)}`);
}

function arithmetic(op: '-' | '*' | '/' | '%', left: Value, right: Value): Value {
  const lk = numberKind(left);
  const rk = numberKind(right);
  if (!lk || !rk) {
    throw evaluationFault(
      `Arithmetic operation: ${OPERATOR_NAMES[op]} between non-numeric values: ${shown(left)} and ${shown(right)}`,
    );
  }
  const a = numericValue(left);
  const b = numericValue(right);
  if ((op === '/' || op === '%') && b === 0) throw evaluationFault(op === '/' ? 'Division by zero' : 'Modulo by zero');
  if (lk === 'double' || rk === 'double') return doubleOp(op, left, right);
  if (lk === 'long' || rk === 'long') {
    if (op === '/') return makeNumber(a / b, 'double');
    return new JLong(op === '-' ? a - b : op === '*' ? a * b : a % b);
  }
  switch (op) {
    case '-':
      return (a - b) | 0;
    case '*': {
      const product = a * b;
      return isIntRange(product) ? product : new JLong(product);
    }
    case '/':
      return a % b === 0 ? a / b : makeNumber(a / b, 'double');
    case '%':
      return a % b;
  }
}

/** Doubles: `+ - * %` exact in decimal (as MI's BigDecimal), `/` in binary floating point. */
function doubleOp(op: '+' | '-' | '*' | '/' | '%', left: Value, right: Value): Value {
  const a = numericValue(left);
  const b = numericValue(right);
  if (op === '/') return makeNumber(a / b, 'double');
  const at = asString(left)!;
  const bt = asString(right)!;
  if (!isDecimalText(at) || !isDecimalText(bt)) {
    return makeNumber(op === '+' ? a + b : op === '-' ? a - b : op === '*' ? a * b : a % b, 'double');
  }
  return makeNumber(decimalArithmetic(at, bt, op), 'double');
}

function compare(op: '<' | '<=' | '>' | '>=', left: Value, right: Value): boolean {
  if (!numberKind(left) || !numberKind(right)) {
    throw evaluationFault(`Comparison between non-numeric values: ${shown(left)} and ${shown(right)}`);
  }
  const a = numericValue(left);
  const b = numericValue(right);
  switch (op) {
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
  }
}

/** Unary minus (an extension: MI only signs number literals). */
export function negate(v: Value): Value {
  const kind = numberKind(v);
  if (!kind) throw evaluationFault(`Cannot negate non-numeric value: ${shown(v)}`);
  if (v instanceof JDouble) return new JDouble(-v.value);
  return makeNumber(-numericValue(v), kind);
}
