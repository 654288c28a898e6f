/**
 * Parses XPath 1.0 with the `xpath` package's own grammar tables, but drives
 * the LR automaton here so a syntax error can name the 0-based offset of the
 * token where the expression breaks (the package only says "parse error").
 */
import { ExpressionSyntaxError } from '../types.js';
import { lib, type ParsedXPath } from './lib.js';

export interface Token {
  type: number;
  value: string;
  /** 0-based offset of the token's first character in the source. */
  offset: number;
}

const parser = new lib.XPathParser();

export interface ParseResult {
  parsed: ParsedXPath;
  tokens: Token[];
}

export function parseXPath(source: string): ParseResult {
  if (source.trim() === '') throw new ExpressionSyntaxError('empty XPath expression', 0);
  const tokens = tokenize(source);
  return { parsed: runParser(source, tokens), tokens };
}

function tokenize(source: string): Token[] {
  let types: number[];
  let values: string[];
  try {
    [types, values] = parser.tokenize(source);
  } catch (e) {
    throw tokenizeError(source, e instanceof Error ? e.message : String(e));
  }
  const tokens: Token[] = [];
  let cursor = 0;
  for (let i = 0; i < types.length; i++) {
    const type = types[i]!;
    const value = values[i]!;
    while (cursor < source.length && ' \t\r\n'.includes(source[cursor]!)) cursor++;
    tokens.push({ type, value, offset: Math.min(cursor, source.length) });
    if (type === 1) break; // end of input
    cursor += type === lib.XPathParser.LITERAL ? value.length + 2 : value.length;
  }
  return tokens;
}

const ACCEPTED_OUTSIDE_LITERALS = /[\s()[\]@,|+\-=$.*:/!<>_0-9\p{L}\p{M}\u00B7]/u;

/** Locates what the package's tokenizer rejected: an unterminated literal or a character XPath does not know. */
function tokenizeError(source: string, message: string): ExpressionSyntaxError {
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === "'" || c === '"') {
      const end = source.indexOf(c, i + 1);
      if (end < 0) return new ExpressionSyntaxError(`unterminated string literal`, i);
      i = end;
      continue;
    }
    const lone = (c === '!' && source[i + 1] !== '=') || (c === ':' && source[i + 1] !== ':' && source[i - 1] !== ':' && !/[\w*]/.test(source[i + 1] ?? ''));
    if (lone || !ACCEPTED_OUTSIDE_LITERALS.test(c)) {
      return new ExpressionSyntaxError(`unexpected character '${c}'`, i);
    }
  }
  return new ExpressionSyntaxError(message, 0);
}

function runParser(source: string, tokens: Token[]): ParsedXPath {
  const P = lib.XPathParser;
  const state: number[] = [0];
  const tokenType: number[] = [1];
  const tokenValue: unknown[] = ['_S'];
  let pos = 0;
  let token = tokens[pos++]!;
  for (;;) {
    const s = state[state.length - 1]!;
    const action = P.actionTable[s]!.charAt(token.type - 1);
    const number = P.actionTableNumber[s]!.charCodeAt(token.type - 1) - 32;
    if (action === P.SHIFT) {
      tokenType.push(-token.type);
      tokenValue.push(token.value);
      state.push(number);
      token = tokens[pos++] ?? tokens[tokens.length - 1]!;
    } else if (action === P.REDUCE) {
      const [lhsSymbol, length] = P.productions[number]!;
      const rhs: unknown[] = [];
      for (let i = 0; i < length; i++) {
        tokenType.pop();
        rhs.unshift(tokenValue.pop());
        state.pop();
      }
      const below = state[state.length - 1]!;
      tokenType.push(lhsSymbol);
      const reduce = parser.reduceActions[number];
      tokenValue.push(reduce === undefined ? rhs[0] : reduce.call(parser, rhs));
      state.push(P.gotoTable[below]!.charCodeAt(lhsSymbol - 2) - 33);
    } else if (action === P.ACCEPT) {
      return new lib.XPath(tokenValue.pop());
    } else {
      const what = token.type === 1 ? 'unexpected end of expression' : `unexpected '${token.type === P.LITERAL ? source.slice(token.offset, token.offset + token.value.length + 2) : token.value}'`;
      throw new ExpressionSyntaxError(`XPath syntax error: ${what}`, token.offset);
    }
  }
}
