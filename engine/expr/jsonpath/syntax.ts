/**
 * Compile-time checks of a Jayway JSONPath (the inside of `json-eval(...)`):
 * structure (balanced brackets, parentheses and quotes, no dangling dots),
 * definiteness (Jayway returns the value for a definite path and a list for
 * an indefinite one) and the trailing path function (`.length()` ...).
 * Offsets in errors are relative to the path text.
 */
import { ExpressionSyntaxError } from '../types.js';

export const PATH_FUNCTIONS = ['length', 'size', 'min', 'max', 'avg', 'sum', 'stddev', 'keys', 'first', 'last'] as const;
export type PathFunction = (typeof PATH_FUNCTIONS)[number];

/** Filter operators Jayway has and jsonpath-plus's evaluator does not. */
const UNSUPPORTED_FILTER_OPERATORS = /=~|\s(?:nin|in|subsetof|anyof|noneof|size|empty)\s/;

export interface CheckedPath {
  /** The path given to the evaluator, without the trailing function. */
  path: string;
  fn: PathFunction | undefined;
  definite: boolean;
  /** `$` or `$.`: the whole payload. */
  wholePayload: boolean;
}

export function checkJsonPath(source: string): CheckedPath {
  let path = source.trim();
  const lead = source.indexOf(path);
  if (path === '') throw new ExpressionSyntaxError('empty JSONPath', 0);
  // Jayway reads a path without a root as relative to `$`.
  const prefixed = !path.startsWith('$') && !path.startsWith('@');
  if (prefixed) path = `$.${path}`;
  const shift = lead - (prefixed ? 2 : 0);
  if (path.endsWith('.') && !path.endsWith('..')) path = path.slice(0, -1); // MI accepts "$." and "$.a."
  let fn: PathFunction | undefined;
  const call = /\.([a-z]+)\(\)$/.exec(path);
  if (call && (PATH_FUNCTIONS as readonly string[]).includes(call[1]!)) {
    fn = call[1] as PathFunction;
    path = path.slice(0, call.index);
  }
  const definite = scan(path, shift);
  return { path, fn, definite, wholePayload: path === '$' };
}

/** Walks the path once, throwing on structural errors; returns whether it is definite. */
function scan(path: string, shift: number): boolean {
  let definite = true;
  const open: Array<{ char: string; at: number }> = [];
  let i = 1;
  while (i < path.length) {
    const c = path[i]!;
    if (c === "'" || c === '"') {
      const end = path.indexOf(c, i + 1);
      if (end < 0) throw new ExpressionSyntaxError('unterminated string in JSONPath', i + shift);
      i = end + 1;
      continue;
    }
    if (open.length === 0) {
      if (c === '.') {
        if (path[i + 1] === '.') {
          definite = false;
          if (i + 2 >= path.length) throw new ExpressionSyntaxError("JSONPath ends after '..'", i + shift);
          i += 2;
          continue;
        }
        if (i + 1 >= path.length || path[i + 1] === '.' || path[i + 1] === '[') {
          throw new ExpressionSyntaxError("expected a property name after '.'", i + 1 + shift);
        }
      } else if (c === '*') definite = false;
      else if (c === ']' || c === ')') throw new ExpressionSyntaxError(`unexpected '${c}' in JSONPath`, i + shift);
    }
    if (c === '[') {
      const rest = path.slice(i + 1);
      const inner = rest.slice(0, closingBracket(rest));
      if (/^\s*\]/.test(rest)) throw new ExpressionSyntaxError('empty [] in JSONPath', i + shift);
      if (open.length === 0 && (/^\s*\?/.test(rest) || /^\s*\*/.test(rest) || /[,:]/.test(stripQuotes(inner)))) definite = false;
      if (/^\s*\?/.test(rest)) {
        const op = UNSUPPORTED_FILTER_OPERATORS.exec(inner);
        if (op) throw new ExpressionSyntaxError(`JSONPath filter operator '${op[0].trim()}' is not supported`, i + 1 + op.index + shift);
      }
      open.push({ char: ']', at: i });
    } else if (c === '(') open.push({ char: ')', at: i });
    else if (c === ']' || c === ')') {
      const top = open.pop();
      if (!top || top.char !== c) throw new ExpressionSyntaxError(`unexpected '${c}' in JSONPath`, i + shift);
    }
    i++;
  }
  const unclosed = open.pop();
  if (unclosed) throw new ExpressionSyntaxError(`unclosed '${unclosed.char === ']' ? '[' : '('}' in JSONPath`, unclosed.at + shift);
  return definite;
}

function stripQuotes(s: string): string {
  return s.replace(/'[^']*'|"[^"]*"/g, "''");
}

/** Index of the `]` closing a bracket whose content starts at `s[0]` (nested brackets and quotes skipped). */
function closingBracket(s: string): number {
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === "'" || c === '"') {
      const end = s.indexOf(c, i + 1);
      if (end < 0) return s.length;
      i = end;
    } else if (c === '[' || c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ']') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return s.length;
}
