import { ExpressionSyntaxError } from '../types.js';

/**
 * On-demand tokenizer for `${}` bodies. The parser drives it one token at a
 * time because a `/` after `=~` inside a JSONPath filter starts a regex
 * literal, which only the parser can tell apart from division.
 * Offsets are indexes into the full source string (including `${`).
 */

export type TokenKind = 'number' | 'string' | 'ident' | 'op' | 'eof';

export interface Token {
  readonly kind: TokenKind;
  /** Operator text, identifier name, number text, or decoded string value. */
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

const OPERATORS = ['..', '==', '!=', '>=', '<=', '&&', '||', '=~', '+', '-', '*', '/', '%', '>', '<', '!', '?', ':', ',', '.', '(', ')', '[', ']', '@', '$'];

const SIMPLE_ESCAPES: Record<string, string> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', '"': '"', "'": "'", '\\': '\\', '/': '/' };

export class Scanner {
  private pos: number;
  private peeked: Token | undefined;

  constructor(
    readonly source: string,
    start: number,
    private readonly limit: number,
  ) {
    this.pos = start;
  }

  peek(): Token {
    this.peeked ??= this.scan();
    return this.peeked;
  }

  next(): Token {
    const t = this.peek();
    this.peeked = undefined;
    return t;
  }

  /** True when the next token is the operator `op`. */
  isOp(op: string): boolean {
    const t = this.peek();
    return t.kind === 'op' && t.text === op;
  }

  /** True when the next token is the identifier `name`. */
  isIdent(name: string): boolean {
    const t = this.peek();
    return t.kind === 'ident' && t.text === name;
  }

  expectOp(op: string, what?: string): Token {
    const t = this.peek();
    if (t.kind !== 'op' || t.text !== op) {
      throw new ExpressionSyntaxError(`Expected '${op}'${what ? ` ${what}` : ''} but found ${describe(t)}`, t.start);
    }
    return this.next();
  }

  /** True when no whitespace separates the previous token from the next one. */
  nextIsAdjacent(prevEnd: number): boolean {
    return this.peek().start === prevEnd;
  }

  /**
   * Reads a `/pattern/flags` regex literal whose opening `/` is the peeked
   * token. Returns the pattern and flags as written.
   */
  readRegex(): { pattern: string; flags: string; start: number } {
    const open = this.peek();
    const start = open.start;
    let i = start + 1;
    let pattern = '';
    while (i < this.limit && this.source[i] !== '/') {
      if (this.source[i] === '\\' && i + 1 < this.limit) {
        pattern += this.source.slice(i, i + 2);
        i += 2;
      } else {
        pattern += this.source[i];
        i += 1;
      }
    }
    if (i >= this.limit) throw new ExpressionSyntaxError('Unterminated regular expression', start);
    i += 1;
    let flags = '';
    while (i < this.limit && /[a-z]/i.test(this.source[i]!)) flags += this.source[i++];
    this.pos = i;
    this.peeked = undefined;
    return { pattern, flags, start };
  }

  private scan(): Token {
    const s = this.source;
    while (this.pos < this.limit && /\s/.test(s[this.pos]!)) this.pos += 1;
    const start = this.pos;
    if (start >= this.limit) return { kind: 'eof', text: '', start, end: start };
    const c = s[start]!;
    if (/[0-9]/.test(c)) {
      let i = start;
      while (i < this.limit && /[0-9]/.test(s[i]!)) i += 1;
      if (s[i] === '.' && i + 1 < this.limit && /[0-9]/.test(s[i + 1]!)) {
        i += 1;
        while (i < this.limit && /[0-9]/.test(s[i]!)) i += 1;
      }
      this.pos = i;
      return { kind: 'number', text: s.slice(start, i), start, end: i };
    }
    if (/[A-Za-z_]/.test(c)) {
      let i = start + 1;
      while (i < this.limit && /[A-Za-z_0-9-]/.test(s[i]!)) i += 1;
      this.pos = i;
      return { kind: 'ident', text: s.slice(start, i), start, end: i };
    }
    if (c === '"' || c === "'") return this.scanString(c, start);
    for (const op of OPERATORS) {
      if (s.startsWith(op, start) && start + op.length <= this.limit) {
        this.pos = start + op.length;
        return { kind: 'op', text: op, start, end: this.pos };
      }
    }
    throw new ExpressionSyntaxError(`Unexpected character '${c}'`, start);
  }

  private scanString(quote: string, start: number): Token {
    const s = this.source;
    let i = start + 1;
    let value = '';
    while (i < this.limit && s[i] !== quote) {
      if (s[i] !== '\\') {
        value += s[i];
        i += 1;
        continue;
      }
      const e = s[i + 1];
      if (e !== undefined && e in SIMPLE_ESCAPES) {
        value += SIMPLE_ESCAPES[e];
        i += 2;
      } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(s.slice(i + 2, i + 6))) {
        value += String.fromCharCode(parseInt(s.slice(i + 2, i + 6), 16));
        i += 6;
      } else if (e !== undefined && /[0-7]/.test(e)) {
        const octal = /^[0-3]?[0-7][0-7]|^[0-7]/.exec(s.slice(i + 1, i + 4))![0];
        value += String.fromCharCode(parseInt(octal, 8));
        i += 1 + octal.length;
      } else {
        throw new ExpressionSyntaxError('Invalid escape sequence in string literal', i);
      }
    }
    if (i >= this.limit) throw new ExpressionSyntaxError('Unterminated string literal', start);
    this.pos = i + 1;
    return { kind: 'string', text: value, start, end: this.pos };
  }
}

export function describe(t: Token): string {
  if (t.kind === 'eof') return 'end of expression';
  if (t.kind === 'string') return 'a string';
  return `'${t.text}'`;
}
