/**
 * JSON text ⇄ plain JS values, the way MI reads and writes JSON payloads.
 *
 * Values are plain: objects, arrays, strings, numbers, booleans, null.
 * Numbers keep their source spelling through the side table of
 * json-numbers.ts, so `serializeJson(parseJsonText('{"fee":7000.0}'))` is
 * `{"fee":7000.0}` again, as MI's untouched stream would be.
 */

import { isIndexKey, orderedKeys, recordKeyOrder } from './json-key-order.js';
import { recordNumberSpelling, spellNumber, spellNumberAt } from './json-numbers.js';
import { plainParseIsExact } from './json-plain-parse.js';

/** Malformed JSON text; line and col are 1-based and point at the offending character. */
export class JsonSyntaxError extends Error {
  readonly line: number;
  readonly col: number;

  constructor(message: string, line: number, col: number) {
    super(`${message} at line ${line}, column ${col}`);
    this.name = 'JsonSyntaxError';
    this.line = line;
    this.col = col;
  }
}

/**
 * Deepest nesting accepted. Deeper input is refused rather than risking a
 * stack overflow (the same limit Jackson applies by default).
 */
export const MAX_JSON_DEPTH = 1000;

/**
 * Parses strict JSON (RFC 8259; a leading byte-order mark is skipped). Any
 * JSON value is accepted at the top level; whether a body counts as a JSON
 * payload at all is `jsonPayloadKind`'s question. Duplicate keys: the last
 * value wins, at the position of the first (as JSON.parse).
 *
 * Text whose numbers are all spelled as JavaScript writes them goes through
 * `JSON.parse` (several times faster; json-plain-parse.ts decides); the
 * parser here handles the rest and every error.
 */
export function parseJsonText(text: string): unknown {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (plainParseIsExact(text, start, MAX_JSON_DEPTH)) {
    try {
      return JSON.parse(start === 0 ? text : text.slice(start));
    } catch {
      // Malformed: the parser below says where and why, in MI's terms.
    }
  }
  return new JsonTextParser(text).parseDocument();
}

/** Adds a member without invoking the `__proto__` setter. */
export function setJsonMember(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}

class JsonTextParser {
  private pos = 0;

  constructor(private readonly text: string) {
    if (text.charCodeAt(0) === 0xfeff) this.pos = 1;
  }

  parseDocument(): unknown {
    this.skipWhitespace();
    const value = this.parseValue(0, undefined, '');
    this.skipWhitespace();
    if (this.pos < this.text.length) this.fail(`Unexpected ${this.describeCurrent()} after the JSON value`);
    return value;
  }

  /** Parses one value; a number is recorded as `container[key]`'s spelling. */
  private parseValue(depth: number, container: object | undefined, key: string | number): unknown {
    const ch = this.text[this.pos];
    switch (ch) {
      case '{':
        return this.parseObject(depth + 1);
      case '[':
        return this.parseArray(depth + 1);
      case '"':
        return this.parseString();
      case 't':
        return this.parseLiteral('true', true);
      case 'f':
        return this.parseLiteral('false', false);
      case 'n':
        return this.parseLiteral('null', null);
      default:
        if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9')) return this.parseNumber(container, key);
        return this.fail(ch === undefined ? 'Unexpected end of input, expected a value' : `Unexpected ${this.describeCurrent()}, expected a value`);
    }
  }

  private parseObject(depth: number): Record<string, unknown> {
    this.checkDepth(depth);
    const result: Record<string, unknown> = {};
    this.pos++; // '{'
    this.skipWhitespace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return result;
    }
    // Source order of the keys, kept from the first integer-like key on (json-key-order.ts);
    // until then the object's own key order is the source order.
    let order: string[] | undefined;
    for (;;) {
      if (this.text[this.pos] !== '"') this.fail(`Unexpected ${this.describeCurrent()}, expected a string key`);
      const key = this.parseString();
      this.skipWhitespace();
      if (this.text[this.pos] !== ':') this.fail(`Unexpected ${this.describeCurrent()}, expected ':'`);
      this.pos++;
      this.skipWhitespace();
      if (order === undefined && isIndexKey(key)) order = Object.keys(result);
      if (order !== undefined && !Object.hasOwn(result, key)) order.push(key);
      setJsonMember(result, key, this.parseValue(depth, result, key));
      this.skipWhitespace();
      const next = this.text[this.pos];
      if (next === ',') {
        this.pos++;
        this.skipWhitespace();
      } else if (next === '}') {
        this.pos++;
        if (order !== undefined) recordKeyOrder(result, order);
        return result;
      } else {
        this.fail(`Unexpected ${this.describeCurrent()}, expected ',' or '}'`);
      }
    }
  }

  private parseArray(depth: number): unknown[] {
    this.checkDepth(depth);
    const result: unknown[] = [];
    this.pos++; // '['
    this.skipWhitespace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return result;
    }
    for (;;) {
      result.push(this.parseValue(depth, result, result.length));
      this.skipWhitespace();
      const next = this.text[this.pos];
      if (next === ',') {
        this.pos++;
        this.skipWhitespace();
      } else if (next === ']') {
        this.pos++;
        return result;
      } else {
        this.fail(`Unexpected ${this.describeCurrent()}, expected ',' or ']'`);
      }
    }
  }

  private parseString(): string {
    this.pos++; // opening quote
    let out = '';
    let chunkStart = this.pos;
    for (;;) {
      const code = this.text.charCodeAt(this.pos);
      if (Number.isNaN(code)) this.fail('Unterminated string');
      if (code === 0x22) {
        out += this.text.slice(chunkStart, this.pos);
        this.pos++;
        return out;
      }
      if (code < 0x20) this.fail('Unescaped control character in string');
      if (code === 0x5c) {
        out += this.text.slice(chunkStart, this.pos);
        out += this.parseEscape();
        chunkStart = this.pos;
      } else {
        this.pos++;
      }
    }
  }

  private parseEscape(): string {
    const escaped = this.text[this.pos + 1];
    const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
    if (escaped !== undefined && escaped in simple) {
      this.pos += 2;
      return simple[escaped] as string;
    }
    if (escaped === 'u') {
      const hex = this.text.slice(this.pos + 2, this.pos + 6);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
        this.pos += 2;
        this.fail('Invalid \\u escape in string');
      }
      this.pos += 6;
      return String.fromCharCode(parseInt(hex, 16));
    }
    this.pos++;
    return this.fail('Invalid escape in string');
  }

  private parseNumber(container: object | undefined, key: string | number): number {
    const match = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
    match.lastIndex = this.pos;
    const found = match.exec(this.text);
    if (found === null) {
      this.pos++;
      return this.fail('Invalid number');
    }
    const spelling = found[0];
    const after = this.text[this.pos + spelling.length];
    if (after !== undefined && /[0-9.eE+-]/.test(after)) {
      this.pos += spelling.length;
      this.fail('Invalid number');
    }
    this.pos += spelling.length;
    const value = Number(spelling);
    if (container !== undefined && spelling !== spellNumber(value)) recordNumberSpelling(container, key, spelling);
    return value;
  }

  private parseLiteral<T>(word: string, value: T): T {
    if (this.text.startsWith(word, this.pos)) {
      const after = this.text[this.pos + word.length];
      if (after === undefined || !/[A-Za-z0-9_$]/.test(after)) {
        this.pos += word.length;
        return value;
      }
    }
    return this.fail(`Unexpected ${this.describeCurrent()}, expected a value`);
  }

  private skipWhitespace(): void {
    for (;;) {
      const ch = this.text[this.pos];
      if (ch === ' ' || ch === '\n' || ch === '\r' || ch === '\t') this.pos++;
      else return;
    }
  }

  private checkDepth(depth: number): void {
    if (depth > MAX_JSON_DEPTH) this.fail(`JSON nested deeper than ${MAX_JSON_DEPTH} levels`);
  }

  private describeCurrent(): string {
    const ch = this.text[this.pos];
    if (ch === undefined) return 'end of input';
    return `character '${ch}'`;
  }

  private fail(message: string): never {
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < this.pos && i < this.text.length; i++) {
      if (this.text[i] === '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    throw new JsonSyntaxError(message, line, this.pos - lineStart + 1);
  }
}

/**
 * Compact JSON (no spaces), as MI's JSON formatter (staxon) writes it:
 * strings escape `"`, `\`, \b \f \n \r \t and other control characters as
 * `\u00XX` (upper-case hex); `/` and non-ASCII characters are written as is.
 * Numbers keep their recorded spelling (see json-numbers.ts). Like
 * JSON.stringify: `toJSON()` is honoured, undefined/functions/symbols are
 * dropped from objects and become null elsewhere, non-finite numbers are null,
 * bigints are written as integers.
 */
export function serializeJson(value: unknown): string {
  const parts: string[] = [];
  writeValue(parts, resolveToJson(value, ''), undefined, '', new Set());
  return parts.join('');
}

/** Writes a value whose toJSON (if any) has already been applied. */
function writeValue(parts: string[], value: unknown, container: object | undefined, key: string | number, path: Set<object>): void {
  switch (typeof value) {
    case 'string':
      parts.push(quoteJsonString(value));
      return;
    case 'number':
      parts.push(spellNumberAt(container, key, value));
      return;
    case 'boolean':
      parts.push(value ? 'true' : 'false');
      return;
    case 'bigint':
      parts.push(value.toString());
      return;
    case 'object':
      if (value === null) {
        parts.push('null');
        return;
      }
      if (path.has(value)) throw new TypeError('Cannot serialize a cyclic structure as JSON');
      path.add(value);
      if (Array.isArray(value)) writeArray(parts, value, path);
      else writeObject(parts, value as Record<string, unknown>, path);
      path.delete(value);
      return;
    default:
      parts.push('null');
  }
}

function writeArray(parts: string[], items: unknown[], path: Set<object>): void {
  parts.push('[');
  for (let i = 0; i < items.length; i++) {
    if (i > 0) parts.push(',');
    writeValue(parts, resolveToJson(items[i], i), items, i, path);
  }
  parts.push(']');
}

function writeObject(parts: string[], object: Record<string, unknown>, path: Set<object>): void {
  parts.push('{');
  let first = true;
  for (const key of orderedKeys(object)) {
    const member = resolveToJson(object[key], key);
    if (member === undefined || typeof member === 'function' || typeof member === 'symbol') continue;
    if (!first) parts.push(',');
    first = false;
    parts.push(quoteJsonString(key), ':');
    writeValue(parts, member, object, key, path);
  }
  parts.push('}');
}

function resolveToJson(value: unknown, key: string | number): unknown {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return (value as { toJSON(key: string): unknown }).toJSON(String(key));
  }
  return value;
}

const SHORT_ESCAPES: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** A JSON string literal with staxon's escaping. */
export function quoteJsonString(text: string): string {
  return `"${text.replace(/["\\\u0000-\u001f]/g, (ch) => SHORT_ESCAPES[ch] ?? `\\u${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`)}"`;
}

/**
 * What MI's JSON builder makes of a request body before parsing it
 * (JsonUtil.getNewJsonPayload): it skips characters up to the first `{` or
 * `[` and calls the body an object or an array by that character — garbage in
 * front is only noticed later, when the body is parsed. A body of nothing but
 * spaces (U+0020 only; a newline does not count) is empty; anything else
 * without `{`/`[` is invalid (MI then faults, except for GET and DELETE).
 */
export function jsonPayloadKind(text: string): 'object' | 'array' | 'empty' | 'invalid' {
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '{') return 'object';
    if (ch === '[') return 'array';
  }
  return /^ *$/.test(text) ? 'empty' : 'invalid';
}
