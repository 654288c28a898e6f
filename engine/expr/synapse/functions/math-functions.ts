import { roundHalfUp } from '../decimal.js';
import { evaluationFault } from '../errors.js';
import { JDouble, JLong, asString, makeNumber, numberKind, type Value } from '../values.js';
import { invalidArguments, isInt, isNumber, num, type PureFunction } from './args.js';

/** Math functions: abs ceil floor round sqrt log pow. */
export const MATH_FUNCTIONS: Record<string, PureFunction> = {
  abs([x]) {
    const kind = numberKind(x);
    if (!kind) throw evaluationFault('Invalid argument provided for abs function');
    if (x instanceof JLong) return new JLong(Math.abs(x.value));
    return makeNumber(Math.abs(num(x)), kind);
  },
  ceil: ([x]) => integral(x, 'ceil', Math.ceil),
  floor: ([x]) => integral(x, 'floor', Math.floor),
  round(args) {
    const [x, places] = args;
    const kind = numberKind(x);
    if (args.length === 1) {
      if (kind === 'double') return Math.floor(num(x) + 0.5);
      if (kind === 'int') return x;
      throw evaluationFault('Invalid argument provided for round function');
    }
    if (kind === 'double' && isInt(places) && places > 0) return makeNumber(roundHalfUp(asString(x)!, places), 'double');
    if (kind === 'int' || kind === 'long') return x;
    throw evaluationFault('Invalid argument provided for round function');
  },
  sqrt: ([x]) => doubleOf('sqrt', [x], (a) => Math.sqrt(a)),
  log: (args) => doubleOf('log', args, (a, base) => (base === undefined ? Math.log10(a) : Math.log(a) / Math.log(base))),
  pow: (args) => doubleOf('pow', args, (a, b) => Math.pow(a, b!)),
};

/**
 * ceil/floor keep ints as they are; for doubles MI returns a scale-0
 * BigDecimal, which prints without a fraction ("4"), so the result is integral.
 */
function integral(x: Value, name: string, fn: (n: number) => number): Value {
  const kind = numberKind(x);
  if (kind === 'int' || kind === 'long') return x;
  if (kind === 'double') {
    const r = fn(num(x));
    return Number.isFinite(r) ? r : new JDouble(r);
  }
  throw evaluationFault(`Invalid argument provided for ${name} function`);
}

function doubleOf(name: string, args: Value[], fn: (a: number, b?: number) => number): Value {
  if (!args.every(isNumber)) throw invalidArguments(name, args);
  const [a, b] = args.map(num);
  return makeNumber(fn(a!, b), 'double');
}
