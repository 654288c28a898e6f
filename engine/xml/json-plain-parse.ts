/**
 * When `JSON.parse` may stand in for the spelling-keeping JSON parser.
 *
 * json-text.ts parses JSON by hand so that a number keeps the spelling it was
 * written with (`7000.0`, `1e5`, see json-numbers.ts); that is several times
 * slower than V8's `JSON.parse`. For text in which every number is already
 * spelled the way JavaScript writes it back (`140.34`, `2000`), and whose
 * nesting is within the parser's limit, both give the same value and the
 * spelling table stays empty. This module answers that question with one
 * pass over the text that skips strings with `indexOf`.
 */

import { isIndexKey } from './json-key-order.js';
import { spellNumber } from './json-numbers.js';

/**
 * True when `JSON.parse(text.slice(start))` builds exactly what the
 * spelling-keeping parser would: no number outside a string whose source
 * spelling differs from `String(Number(spelling))`, and no array or object
 * nested deeper than `maxDepth`. Meant for well-formed JSON; on malformed
 * text the answer does not matter, because `JSON.parse` then throws and the
 * caller falls back to the full parser for the error.
 */
export function plainParseIsExact(text: string, start: number, maxDepth: number): boolean {
  const end = text.length;
  let depth = 0;
  let i = start;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const open = i;
      i = afterString(text, i);
      if (i < 0) return true;
      // A key JS would list first (`"2":`) needs the parser that keeps member order.
      const first = text.charCodeAt(open + 1);
      if (first >= DIGIT_0 && first <= DIGIT_9 && isIndexKeyToken(text, open, i)) return false;
    } else if (c === MINUS || (c >= DIGIT_0 && c <= DIGIT_9)) {
      i = afterNumber(text, i);
      if (i < 0) return false;
    } else {
      if (c === OPEN_BRACE || c === OPEN_BRACKET) {
        if (++depth > maxDepth) return false;
      } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) depth--;
      i++;
    }
  }
  return true;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const MINUS = 0x2d;
const DOT = 0x2e;
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/** Whether the string literal from `open` to `after` is an object key JS orders as an array index. */
function isIndexKeyToken(text: string, open: number, after: number): boolean {
  let j = after;
  while (text.charCodeAt(j) === 0x20 || text.charCodeAt(j) === 0x0a || text.charCodeAt(j) === 0x0d || text.charCodeAt(j) === 0x09) j++;
  return text.charCodeAt(j) === 0x3a && isIndexKey(text.slice(open + 1, after - 1));
}

/** Index after the string literal opening at `open`, or -1 when it is not closed. */
function afterString(text: string, open: number): number {
  let from = open + 1;
  for (;;) {
    const close = text.indexOf('"', from);
    if (close < 0) return -1;
    let backslashes = 0;
    while (text.charCodeAt(close - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return close + 1;
    from = close + 1;
  }
}

/**
 * Index after the number token starting at `first`, or -1 when JavaScript
 * would spell it differently. Most tokens are settled by their shape: an
 * integer or a decimal fraction of at most 15 digits (so it survives the
 * round trip through a double), without an exponent, a trailing fraction
 * zero, `-0`, or a magnitude under 1e-6 (which JavaScript writes with an
 * exponent), is written back as it is. Other tokens are compared exactly.
 */
function afterNumber(text: string, first: number): number {
  let i = first;
  let digits = 0;
  let dot = false;
  let other = false;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= DIGIT_0 && c <= DIGIT_9) digits++;
    else if (c === DOT) dot = true;
    else if (c === 0x65 || c === 0x45 || c === 0x2b || (c === MINUS && i > first)) other = true; // e E + and a minus inside an exponent
    else if (c !== MINUS) break;
  }
  const leadingDigit = text.charCodeAt(first) === MINUS ? first + 1 : first;
  const risky =
    other ||
    digits > 15 ||
    (dot && (text.charCodeAt(i - 1) === DIGIT_0 || text.startsWith('0.000000', leadingDigit))) ||
    (i - first === 2 && leadingDigit === first + 1 && text.charCodeAt(leadingDigit) === DIGIT_0);
  if (!risky) return i;
  const spelling = text.slice(first, i);
  return spellNumber(Number(spelling)) === spelling ? i : -1;
}
