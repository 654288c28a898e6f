/**
 * Fuzzing the JSON reader and writer that keep number spellings: compact JSON as MI writes it
 * comes back byte for byte (numbers spelled `7000.0`, `1E+5`, `-0`, twenty-digit integers
 * included); any JSON reads as JSON.parse reads it; text JSON.parse refuses is refused with a
 * JsonSyntaxError that points into the text, never another exception; nesting beyond the limit
 * is refused rather than overflowing the stack.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzParameters } from '../../test/support/fuzz.js';
import { JsonSyntaxError, MAX_JSON_DEPTH, parseJsonText, quoteJsonString, serializeJson } from './json-text.js';

/** A number token in any spelling RFC 8259 allows. */
const numberToken = fc
  .record({
    minus: fc.boolean(),
    int: fc.oneof(fc.constant('0'), fc.tuple(fc.integer({ min: 1, max: 9 }), fc.string({ unit: fc.constantFrom(...'0123456789'), maxLength: 22 })).map(([a, b]) => `${a}${b}`)),
    frac: fc.option(fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 8 }), { nil: undefined }),
    exp: fc.option(fc.tuple(fc.constantFrom('e', 'E'), fc.constantFrom('', '+', '-'), fc.integer({ min: 0, max: 400 })), { nil: undefined }),
  })
  .map(({ minus, int, frac, exp }) => `${minus ? '-' : ''}${int}${frac !== undefined ? '.' + frac : ''}${exp ? exp[0] + exp[1] + exp[2] : ''}`);

const stringChar = fc.oneof(fc.constantFrom('"', '\\', '/', '\n', '\t', '\u0000', '\u001f', '\u2028', 'é', '\u{1F600}', ' '), fc.constantFrom(...'abcXYZ0129'));
const key = fc.oneof(fc.string({ unit: stringChar, maxLength: 6 }), fc.constantFrom('__proto__', 'constructor', '$', '@id', '1st'));

/** Compact JSON text in the form serializeJson writes (its string escaping, no spaces, unique keys). */
const compactJson: fc.Arbitrary<string> = fc.letrec<{ value: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    numberToken,
    fc.string({ unit: stringChar, maxLength: 8 }).map(quoteJsonString),
    fc.constantFrom('true', 'false', 'null'),
    fc.array(tie('value'), { maxLength: 4 }).map((items) => `[${items.join(',')}]`),
    fc.uniqueArray(fc.tuple(key, tie('value')), { selector: ([k]) => k, maxLength: 4 }).map((members) => `{${members.map(([k, v]) => `${quoteJsonString(k)}:${v}`).join(',')}}`),
  ),
})).value;

/** Reads `text` as parseJsonText does, turning its refusal into a value to compare. */
function ours(text: string): { value: unknown } | { error: JsonSyntaxError } {
  try {
    return { value: parseJsonText(text) };
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e;
    const lines = text.split(/\r\n|\r|\n/);
    expect(e.line).toBeGreaterThanOrEqual(1);
    expect(e.line).toBeLessThanOrEqual(lines.length);
    expect(e.col).toBeGreaterThanOrEqual(1);
    return { error: e };
  }
}

function reference(text: string): { value: unknown } | { error: unknown } {
  try {
    return { value: JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) };
  } catch (e) {
    return { error: e };
  }
}

/** JSON-ish text: tokens and fragments of JSON, and a few characters JSON does not allow. */
const jsonish = fc.string({
  unit: fc.oneof(
    fc.constantFrom('{', '}', '[', ']', ':', ',', '"', '\\', '\\u', '\\u00', 'e', 'E', '+', '-', '.', '0', '1', ' ', '\n', '\r', '\t', '\u0000', '\uFEFF', '\uD800'),
    fc.constantFrom('true', 'tru', 'null', 'nul', 'false', '"a"', '"a":', '1e', '01', '-.5', '1.', 'NaN', 'Infinity', '\u00A0'),
  ),
  maxLength: 30,
});

describe('JSON text under fuzzing', () => {
  // Found by fuzzing: JS objects list integer-like keys first, so these came back reordered.
  it.each([
    ['an integer-like key after another', '{"v":{"__proto__":1,"2":0}}'],
    ['integer-like keys out of order', '{"b":1,"10":true,"2":"x","a":[{"1":7000.0,"0":1}]}'],
    ['a duplicate integer-like key', '{"9":1,"a":2,"9":3}'],
  ])('keeps the member order of %s', (_what, text) => {
    const once = serializeJson(parseJsonText(text));
    const expected = text === '{"9":1,"a":2,"9":3}' ? '{"9":3,"a":2}' : text;
    expect(once).toBe(expected);
    expect(serializeJson(parseJsonText(` ${text}`))).toBe(expected);
  });

  it('writes compact JSON back exactly as it was read, number spellings included', () => {
    fc.assert(
      fc.property(fc.oneof(compactJson.map((v) => `{"v":${v}}`), compactJson.map((v) => `[${v}]`)), (text) => {
        expect(serializeJson(parseJsonText(text))).toBe(text);
      }),
      fuzzParameters(600),
    );
  });

  it('reads any JSON as JSON.parse reads it', () => {
    fc.assert(
      fc.property(fc.oneof(fc.json(), fc.jsonValue().map((v) => JSON.stringify(v, null, 2)), compactJson), (text) => {
        expect(ours(text)).toEqual(reference(text));
      }),
      fuzzParameters(600),
    );
  });

  it('refuses exactly the text JSON.parse refuses, with a JsonSyntaxError', () => {
    fc.assert(
      fc.property(fc.oneof(jsonish, fc.string({ unit: 'binary', maxLength: 20 }), compactJson.chain((t) => fc.nat(t.length).map((n) => t.slice(0, n)))), (text) => {
        const mine = ours(text);
        const theirs = reference(text);
        expect('error' in mine).toBe('error' in theirs);
        if ('value' in mine && 'value' in theirs) expect(mine.value).toEqual(theirs.value);
      }),
      fuzzParameters(1500),
    );
  });

  it('refuses nesting beyond its limit with a JsonSyntaxError instead of overflowing the stack', () => {
    for (const open of ['[', '{"a":']) {
      const text = open.repeat(50_000);
      expect(() => parseJsonText(text)).toThrow(JsonSyntaxError);
      const close = open === '[' ? ']' : '}';
      expect(() => parseJsonText(open.repeat(MAX_JSON_DEPTH) + '1' + close.repeat(MAX_JSON_DEPTH))).not.toThrow();
    }
  });
});
