import { describe, expect, it } from 'vitest';
import { plainParseIsExact } from './json-plain-parse.js';
import { MAX_JSON_DEPTH, parseJsonText, quoteJsonString, serializeJson } from './json-text.js';

describe('plainParseIsExact', () => {
  it.each([
    ['{"price":140.34,"volume":2000,"n":-5,"z":0,"f":0.5}', true],
    ['{"small":0.000001,"int15":123456789012345,"dec15":1234567.89012345}', true],
    ['{"fee":7000.0}', false],
    ['[1.50]', false],
    ['[2e3]', false],
    ['[1E+21]', false],
    ['[1e+21]', true], // JavaScript writes 1e21 exactly so
    ['[-0]', false],
    ['[-0.5]', true],
    ['[0.0000001]', false],
    ['[12345678901234567890]', false],
    ['[1234567890123456]', true], // 16 digits, still exact in a double
    ['[0.30000000000000004]', true],
    ['{"in a string":"7000.0 and 1e5 and -0"}', true],
    ['{"escaped quote":"a\\"1.0","next":1.0}', false],
    ['{"escaped backslash":"a\\\\","next":1.0}', false],
    ['{"escaped backslash":"a\\\\"}', true],
  ])('%s -> %s', (text, exact) => {
    expect(plainParseIsExact(text, 0, MAX_JSON_DEPTH)).toBe(exact);
  });

  it('refuses nesting beyond the limit, counting only brackets outside strings', () => {
    expect(plainParseIsExact('[[[]]]', 0, 3)).toBe(true);
    expect(plainParseIsExact('[[[[]]]]', 0, 3)).toBe(false);
    expect(plainParseIsExact('[[["[[[["]]]', 0, 3)).toBe(true);
  });
});

/** A small deterministic generator (mulberry32), so a failure names its seed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NUMBERS = ['0', '-0', '7', '-12', '140.34', '7000.0', '1.50', '2e3', '1E+5', '-2.5e-3', '0.000001', '0.0000001', '12345678901234567890', '123456789012345', '0.1', '1e400', '9007199254740993', '3.0e0'];
const STRINGS = ['', 'IBM', '7000.0', 'a"b', 'back\\slash\\', 'x\\"1.0', '\n\t', 'é\u2028', '[{"a":1.0}]', '\\'];

function generate(next: () => number, depth: number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const roll = next();
  if (depth < 4 && roll < 0.25) {
    const n = Math.floor(next() * 4);
    return `[${Array.from({ length: n }, () => generate(next, depth + 1)).join(',')}]`;
  }
  if (depth < 4 && roll < 0.5) {
    const n = Math.floor(next() * 4);
    return `{${Array.from({ length: n }, (_, i) => `${quoteJsonString(`k${pick(STRINGS)}${i}`)}:${generate(next, depth + 1)}`).join(',')}}`;
  }
  if (roll < 0.75) return pick(NUMBERS);
  if (roll < 0.9) return quoteJsonString(pick(STRINGS));
  return pick(['true', 'false', 'null']);
}

describe('parseJsonText through JSON.parse or the spelling-keeping parser', () => {
  it('gives the values of JSON.parse and writes every number back as spelled (1,000 generated documents)', () => {
    for (let seed = 1; seed <= 1000; seed++) {
      const next = random(seed);
      // Keys never look like array indices, which objects list first whatever the text order.
      const text = `{"doc":${generate(next, 0)}}`;
      const value = parseJsonText(text);
      expect(value, `seed ${seed}: ${text}`).toEqual(JSON.parse(text));
      expect(serializeJson(value), `seed ${seed}`).toBe(text);
    }
  });

  it('reports malformed text with the position, whichever way it was tried first', () => {
    expect(() => parseJsonText('{"a":1,}')).toThrow(/line 1, column 8/);
    expect(() => parseJsonText('{"a":1.0,}')).toThrow(/line 1, column 10/);
  });
});
