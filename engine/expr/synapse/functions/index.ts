import type { PureFunction } from './args.js';
import { DATE_FUNCTIONS } from './date-functions.js';
import { ENCODING_FUNCTIONS } from './encoding-functions.js';
import { MATH_FUNCTIONS } from './math-functions.js';
import { STRING_FUNCTIONS } from './string-functions.js';
import { TYPE_FUNCTIONS } from './type-functions.js';

/** Every predefined function that needs nothing but its argument values. */
export const PURE_FUNCTIONS: Readonly<Record<string, PureFunction>> = {
  ...STRING_FUNCTIONS,
  ...MATH_FUNCTIONS,
  ...ENCODING_FUNCTIONS,
  ...TYPE_FUNCTIONS,
  ...DATE_FUNCTIONS,
};
