import { evaluationFault } from '../errors.js';
import { numberKind, numericValue } from '../values.js';
import { invalidArguments, type PureFunction } from './args.js';
import { formatParts, hasDate, hasTime, localPartsOf, parseWithPattern } from './java-datetime.js';

/**
 * formatDateTime(epochMillis, pattern) formats an instant in the local time
 * zone; formatDateTime(text, fromPattern, toPattern) re-formats a date, time or
 * date-time string. Patterns are Java DateTimeFormatter patterns.
 */
export const DATE_FUNCTIONS: Record<string, PureFunction> = {
  formatDateTime(args) {
    if (args.length === 2) {
      const [millis, pattern] = args;
      if (typeof pattern !== 'string' || !numberKind(millis)) throw invalidArguments('formatDateTime', args);
      return formatParts(localPartsOf(numericValue(millis)), pattern);
    }
    const [text, from, to] = args;
    if (typeof text !== 'string' || typeof from !== 'string' || typeof to !== 'string') {
      throw invalidArguments('formatDateTime', args);
    }
    const parts = parseWithPattern(text, from);
    if (!hasDate(parts) && !hasTime(parts)) {
      throw evaluationFault(`Invalid date format provided for formatDateTime function. Format: ${from}`);
    }
    return formatParts(parts, to);
  },
};
