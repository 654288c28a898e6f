import { describe, expect, it } from 'vitest';
import { JsonSyntaxError, MAX_JSON_DEPTH, jsonPayloadKind, parseJsonText, serializeJson } from './json-text.js';
import { jsonKeyToElementName, elementNameToJsonKey } from './json-names.js';

function syntaxErrorOf(text: string): JsonSyntaxError {
  try {
    parseJsonText(text);
  } catch (error) {
    if (error instanceof JsonSyntaxError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(text)} to be rejected`);
}

describe('parseJsonText', () => {
  it('parses objects, arrays and scalars into plain values', () => {
    expect(parseJsonText(' {"a":[1,-2.5e1,true,false,null,"x\\u00e9\\n"],"b":{}} ')).toEqual({
      a: [1, -25, true, false, null, 'xé\n'],
      b: {},
    });
    expect(parseJsonText('"s"')).toBe('s');
    expect(parseJsonText('\uFEFF[]')).toEqual([]);
  });

  it('keeps the last of duplicate keys and stores "__proto__" as data', () => {
    const value = parseJsonText('{"a":1,"b":2,"a":3,"__proto__":{"polluted":true}}') as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(['a', 'b', '__proto__']);
    expect(value.a).toBe(3);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  });

  it.each([
    ['{"a":1,}', 1, 8, "Unexpected character '}'"],
    ['{\n  "a": 01\n}', 2, 9, 'Invalid number'],
    ['[1 2]', 1, 4, "expected ',' or ']'"],
    ["{'a':1}", 1, 2, 'expected a string key'],
    ['{"a":tru}', 1, 6, 'expected a value'],
    ['{"a":"x', 1, 8, 'Unterminated string'],
    ['{"a":"\\x"}', 1, 8, 'Invalid escape'],
    ['{"a":"tab\there"}', 1, 10, 'Unescaped control character'],
    ['', 1, 1, 'Unexpected end of input'],
    ['{} {}', 1, 4, 'after the JSON value'],
    ['[NaN]', 1, 2, 'expected a value'],
  ])('rejects %j at line %i, column %i', (text, line, col, message) => {
    const error = syntaxErrorOf(text);
    expect(error.line).toBe(line);
    expect(error.col).toBe(col);
    expect(error.message).toContain(message);
  });

  it('refuses nesting deeper than the limit instead of overflowing the stack', () => {
    const deep = '['.repeat(MAX_JSON_DEPTH + 1) + ']'.repeat(MAX_JSON_DEPTH + 1);
    expect(syntaxErrorOf(deep).message).toContain('nested deeper');
    const allowed = '['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH);
    expect(() => parseJsonText(allowed)).not.toThrow();
  });
});

describe('serializeJson', () => {
  it('writes compact JSON with staxon escaping', () => {
    expect(serializeJson({ a: [1, 'x"\\/\u0001\u001f\t\n', null], b: { c: true }, 'k"ey': 'é\u2028' })).toBe(
      '{"a":[1,"x\\"\\\\/\\u0001\\u001F\\t\\n",null],"b":{"c":true},"k\\"ey":"é\u2028"}',
    );
  });

  it('keeps number spellings of parsed JSON until the number changes', () => {
    const text = '{"fee":7000.0,"n":[1.50,2e3],"big":12345678901234567890,"neg":-0}';
    const value = parseJsonText(text) as { fee: number; n: number[]; big: number };
    expect(serializeJson(value)).toBe(text);
    value.fee = 7000; // same number: the source spelling still applies
    expect(serializeJson(value)).toContain('"fee":7000.0');
    value.fee = 7001;
    value.n.push(3.0);
    expect(serializeJson(value)).toBe('{"fee":7001,"n":[1.50,2e3,3],"big":12345678901234567890,"neg":-0}');
  });

  it('moved subtrees keep spellings, copies made through JSON.stringify do not', () => {
    const source = parseJsonText('{"doctor":{"fee":7000.0}}') as { doctor: object };
    expect(serializeJson({ moved: source.doctor })).toBe('{"moved":{"fee":7000.0}}');
    expect(serializeJson(JSON.parse(JSON.stringify(source)))).toBe('{"doctor":{"fee":7000}}');
  });

  it('follows JSON.stringify for values JSON has no form for', () => {
    expect(serializeJson({ a: undefined, b: () => 1, c: [undefined, Number.NaN, Infinity], d: new Date(0), e: 10n })).toBe(
      '{"c":[null,null,null],"d":"1970-01-01T00:00:00.000Z","e":10}',
    );
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => serializeJson(cyclic)).toThrow(/cyclic/);
  });
});

describe('jsonPayloadKind (JsonUtil.getNewJsonPayload sniffing)', () => {
  it.each([
    ['{"a":1}', 'object'],
    ['  [1]', 'array'],
    ['junk{', 'object'],
    ['', 'empty'],
    ['   ', 'empty'],
    ['\n', 'invalid'],
    ['42', 'invalid'],
  ] as const)('%j is %s', (text, kind) => {
    expect(jsonPayloadKind(text)).toBe(kind);
  });
});

describe('JSON key ⇄ element name', () => {
  it.each([
    ['$key', '_JsonReader_PS_key'],
    ['32X32', '_JsonReader_PD_32X32'],
    ['٣x', '_JsonReader_PD_٣x'], // Java's Character.isDigit accepts any Unicode digit
    ['a$b', 'a$b'],
    ['plain', 'plain'],
  ])('%s ⇄ %s', (key, name) => {
    expect(jsonKeyToElementName(key)).toBe(name);
    expect(elementNameToJsonKey(name)).toBe(key);
  });

  it('buildValidNcNames encodes each invalid character by its UTF-16 code', () => {
    expect(jsonKeyToElementName('$a b:c', { buildValidNcNames: true })).toBe('_JsonReader_PS_a_JsonReader_32_b_JsonReader_58_c');
    expect(elementNameToJsonKey('_JsonReader_PS_a_JsonReader_32_b_JsonReader_58_c', { buildValidNcNames: true })).toBe('$a b:c');
    expect(elementNameToJsonKey('a_JsonReader_x_b', { buildValidNcNames: true })).toBe('a_JsonReader_x_b');
  });
});
