import { evaluationFault } from '../errors.js';
import { asString, numberKind, type Value } from '../values.js';
import { invalidArguments, isInt, type PureFunction } from './args.js';

/** String functions: length toUpper toLower trim subString startsWith endsWith contains replace split indexOf charAt. */
export const STRING_FUNCTIONS: Record<string, PureFunction> = {
  length([s]) {
    if (typeof s === 'string') return s.length;
    if (Array.isArray(s)) return s.length;
    throw evaluationFault('Invalid argument provided for length function');
  },
  toUpper: ([s]) => changeCase(s, 'toUpper'),
  toLower: ([s]) => changeCase(s, 'toLower'),
  trim([s]) {
    if (typeof s !== 'string') throw evaluationFault('Invalid argument provided for trim function');
    return javaTrim(s);
  },
  subString(args) {
    const [s, start, end] = args;
    if (typeof s !== 'string' || !isInt(start) || (args.length === 3 && !isInt(end))) {
      throw invalidArguments('subString', args);
    }
    if (args.length === 2) {
      if (start < 0 || start > s.length) {
        throw evaluationFault(`Invalid index for subString: ${start}, source string length: ${s.length}`);
      }
      return s.substring(start);
    }
    const stop = end as number;
    if (start < 0 || stop < 0 || start > stop || stop > s.length) {
      throw evaluationFault(`Invalid subString indices: start=${start}, end=${stop}, string length=${s.length}`);
    }
    return s.substring(start, stop);
  },
  startsWith: (args) => twoStrings('startsWith', args, (s, x) => s.startsWith(x)),
  endsWith: (args) => twoStrings('endsWith', args, (s, x) => s.endsWith(x)),
  contains: (args) => twoStrings('contains', args, (s, x) => s.includes(x)),
  replace(args) {
    const [s, from, to] = args;
    if (typeof s !== 'string' || typeof from !== 'string' || typeof to !== 'string') throw invalidArguments('replace', args);
    return from === '' ? javaReplaceEmpty(s, to) : s.split(from).join(to);
  },
  split: (args) => twoStrings('split', args, (s, regex) => javaSplit(s, regex)),
  indexOf(args) {
    const [s, x, from] = args;
    if (typeof s !== 'string' || typeof x !== 'string' || (args.length === 3 && !isInt(from))) {
      throw invalidArguments('indexOf', args);
    }
    return args.length === 3 ? s.indexOf(x, Math.max(0, from as number)) : s.indexOf(x);
  },
  charAt(args) {
    const [s, index] = args;
    if (typeof s !== 'string' || !isInt(index)) throw invalidArguments('charAt', args);
    if (index < 0 || index >= s.length) {
      throw evaluationFault(`Invalid index provided for charAt function. source: ${s}, index: ${index}`);
    }
    return s.charAt(index);
  },
};

function changeCase(v: Value, name: 'toUpper' | 'toLower'): string {
  const text = typeof v === 'string' || typeof v === 'boolean' || numberKind(v) ? asString(v)! : undefined;
  if (text === undefined) throw evaluationFault(`Invalid argument provided for ${name} function`);
  return name === 'toUpper' ? text.toUpperCase() : text.toLowerCase();
}

function twoStrings<T>(name: string, args: Value[], fn: (s: string, x: string) => T): T {
  const [s, x] = args;
  if (typeof s !== 'string' || typeof x !== 'string') throw invalidArguments(name, args);
  return fn(s, x);
}

/** Java String.trim: strips characters up to U+0020 at both ends. */
function javaTrim(s: string): string {
  return s.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
}

/** Java String.replace("", x) inserts x between every character and at both ends. */
function javaReplaceEmpty(s: string, insert: string): string {
  return insert + [...s].join(insert) + (s.length > 0 ? insert : '');
}

/**
 * Java String.split(regex): no leading empty part for a zero-width match at
 * the start, trailing empty parts removed, capture groups not included.
 */
export function javaSplit(s: string, regexText: string): string[] {
  let regex: RegExp;
  try {
    regex = new RegExp(regexText, 'g');
  } catch {
    throw evaluationFault(`Invalid regular expression for split function: ${regexText}`);
  }
  if (s === '') return [''];
  const parts: string[] = [];
  let last = 0;
  let matched = false;
  for (const m of s.matchAll(regex)) {
    if (m[0].length === 0 && (m.index === 0 || m.index >= s.length)) continue;
    matched = true;
    parts.push(s.slice(last, m.index));
    last = m.index + m[0].length;
  }
  if (!matched) return [s];
  parts.push(s.slice(last));
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}
