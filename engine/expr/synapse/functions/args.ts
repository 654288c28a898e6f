import { evaluationFault, shown } from '../errors.js';
import { numberKind, numericValue, type Value } from '../values.js';

/** A predefined function over already evaluated, non-null arguments. */
export type PureFunction = (args: Value[]) => Value;

/** MI's generic message for arguments of the wrong type. */
export function invalidArguments(name: string, args: Value[]): Error {
  const parts = args.map((a, i) => `${i === 0 ? 'source' : `argument${i}`}: ${shown(a)}`);
  return evaluationFault(`Invalid argument provided for ${name} function. ${parts.join(', ')}`);
}

export const isInt = (v: Value): v is number => numberKind(v) === 'int';
export const isNumber = (v: Value): boolean => numberKind(v) !== undefined;
export const num = numericValue;
