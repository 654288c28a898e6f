/**
 * Typed variable values as MI 4.4 stores them: STRING text, INTEGER/LONG/
 * DOUBLE numbers, BOOLEAN booleans, XML a DOM element, JSON a JSON value.
 */
import { MediationFault, ErrorCodes } from '../../core/errors.js';
import { parseXmlStrict } from '../../xml/dom.js';

export const VARIABLE_TYPES = ['STRING', 'INTEGER', 'BOOLEAN', 'DOUBLE', 'LONG', 'XML', 'JSON'] as const;
export type VariableType = (typeof VARIABLE_TYPES)[number];

const INT_RANGE = [-2147483648, 2147483647] as const;

/** Converts a literal `value` (done once, at deploy). Throws Error with MI's wording on a bad value. */
export function convertLiteral(value: string, type: VariableType): unknown {
  switch (type) {
    case 'STRING':
      return value;
    case 'BOOLEAN':
      // Java's JavaUtils.isTrueExplicitly.
      return /^(true|yes|1)$/i.test(value);
    case 'INTEGER':
    case 'LONG': {
      if (!/^[-+]?\d+$/.test(value)) throw new Error(`the value '${value}' cannot be converted into ${type}`);
      const n = Number(value);
      if (type === 'INTEGER' && (n < INT_RANGE[0] || n > INT_RANGE[1])) throw new Error(`the value '${value}' is out of range for INTEGER`);
      return n;
    }
    case 'DOUBLE': {
      const n = Number(value.trim());
      if (value.trim() === '' || Number.isNaN(n)) throw new Error(`the value '${value}' cannot be converted into DOUBLE`);
      return n;
    }
    case 'XML':
      try {
        return parseXmlStrict(value).documentElement;
      } catch (e) {
        throw new Error(`the value is not well-formed XML: ${(e as Error).message}`);
      }
    case 'JSON':
      try {
        return JSON.parse(value);
      } catch {
        // MI's Gson fallback: the text as a JSON string.
        return value;
      }
  }
}

/** Checks an expression result against the declared type, as MI's variable mediator does. */
export function checkExpressionResult(result: unknown, type: VariableType, source: string): unknown {
  const mismatch = (): never => {
    throw new MediationFault(ErrorCodes.GENERIC, `Expression '${source}' result does not match the expected data type '${type}'`);
  };
  switch (type) {
    case 'BOOLEAN':
      return typeof result === 'boolean' ? result : mismatch();
    case 'DOUBLE':
      return typeof result === 'number' ? result : mismatch();
    case 'INTEGER':
    case 'LONG':
      return typeof result === 'number' && Number.isFinite(result) ? Math.trunc(result) : mismatch();
    case 'JSON':
      if (result === undefined || isNodeValue(result)) return mismatch();
      return result;
    default:
      return result;
  }
}

export function isNodeValue(v: unknown): boolean {
  if (v && typeof v === 'object' && typeof (v as Node).nodeType === 'number') return true;
  return Array.isArray(v) && v.length > 0 && v.every((x) => x && typeof x === 'object' && typeof (x as Node).nodeType === 'number');
}
