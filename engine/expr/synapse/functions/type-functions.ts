import { evaluationFault, shown } from '../errors.js';
import { asString, isJsonObject, makeNumber, numberKind, numericValue, parseJavaInt, parseJavaNumber, type Value } from '../values.js';
import type { PureFunction } from './args.js';

/** Type checks and conversions: isString isNumber isArray isObject string integer float boolean object array not. */
export const TYPE_FUNCTIONS: Record<string, PureFunction> = {
  isString: ([v]) => typeof v === 'string',
  // MI checks isInteger() || isDouble(): a computed long (e.g. now()) is not a "number".
  isNumber: ([v]) => numberKind(v) === 'int' || numberKind(v) === 'double',
  isArray: ([v]) => Array.isArray(v) || (typeof v === 'string' && Array.isArray(parseJsonText(v))),
  isObject: ([v]) => isJsonObject(v) || (typeof v === 'string' && isJsonObject(parseJsonText(v))),
  string: ([v]) => asString(v),
  integer([v]) {
    if (numberKind(v) === 'int') return v;
    const n = parseJavaInt(asString(v)!);
    if (n === undefined) throw evaluationFault(`Invalid argument provided for integer conversion: ${shown(v)}`);
    return n;
  },
  float([v]) {
    if (numberKind(v) === 'double') return v;
    const n = parseJavaNumber(asString(v)!);
    if (n === undefined) throw evaluationFault(`Invalid argument provided for float conversion: ${shown(v)}`);
    return makeNumber(numericValue(n), 'double');
  },
  boolean: ([v]) => (typeof v === 'boolean' ? v : asString(v)!.toLowerCase() === 'true'),
  object([v]) {
    if (isJsonObject(v)) return v;
    const parsed = typeof v === 'string' ? parseJsonText(v) : undefined;
    if (isJsonObject(parsed)) return parsed;
    throw evaluationFault('Argument cannot be converted to a JSON object');
  },
  array([v]) {
    if (Array.isArray(v)) return v;
    const parsed = typeof v === 'string' ? parseJsonText(v) : undefined;
    if (Array.isArray(parsed)) return parsed;
    throw evaluationFault('Argument cannot be converted to a JSON array');
  },
  not([v]) {
    if (typeof v !== 'boolean') throw evaluationFault(`Value : ${shown(v)} cannot be converted to boolean`);
    return !v;
  },
};

/** MI parses JSON held in strings after dropping surrounding quotes and every backslash. */
function parseJsonText(text: string): unknown {
  let body = text;
  if (body.length >= 2 && body.startsWith('"') && body.endsWith('"')) body = body.slice(1, -1);
  try {
    return JSON.parse(body.replaceAll('\\', '')) as Value;
  } catch {
    return undefined;
  }
}
