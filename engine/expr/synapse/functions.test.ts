import { describe, expect, it } from 'vitest';
import { compileSynapseExpression } from './index.js';
import { makeTestContext } from './test-context.js';
import { faultOf, text, value } from './test-helpers.js';

describe('string functions', () => {
  it('length of strings and arrays', () => {
    expect(value('${length("hello")}')).toBe(5);
    expect(value('${length(payload.a)}', { payload: { a: [1, 2] } })).toBe(2);
    expect(faultOf('${length(5)}')).toBe('Invalid argument provided for length function');
  });
  it('toUpper, toLower, trim', () => {
    expect(value('${toUpper("abc")}')).toBe('ABC');
    expect(value('${toLower("AbC")}')).toBe('abc');
    expect(value('${trim("  a b \\t")}')).toBe('a b');
    expect(faultOf('${trim(1)}')).toBe('Invalid argument provided for trim function');
  });
  it('subString with one or two indexes, checking bounds', () => {
    expect(value('${subString("hello", 2)}')).toBe('llo');
    expect(value('${subString("hello", 1, 4)}')).toBe('ell');
    expect(faultOf('${subString("hello", 6)}')).toBe('Invalid index for subString: 6, source string length: 5');
    expect(faultOf('${subString("hello", 3, 2)}')).toBe('Invalid subString indices: start=3, end=2, string length=5');
    expect(faultOf('${subString("hello", "1")}')).toBe('Invalid argument provided for subString function. source: hello, argument1: 1');
  });
  it('startsWith, endsWith, contains', () => {
    expect(value('${startsWith("hello", "he")}')).toBe(true);
    expect(value('${endsWith("hello", "lo")}')).toBe(true);
    expect(value('${contains("hello", "xx")}')).toBe(false);
  });
  it('replace replaces every literal occurrence', () => {
    expect(value('${replace("a.b.c", ".", "-")}')).toBe('a-b-c');
  });
  it('split takes a Java regex and drops trailing empty parts', () => {
    expect(value('${split("a,b,,c,,", ",")}')).toEqual(['a', 'b', '', 'c']);
    expect(value('${split("a1b22c", "[0-9]+")}')).toEqual(['a', 'b', 'c']);
    expect(value('${split("abc", "x")}')).toEqual(['abc']);
  });
  it('indexOf with and without a start, charAt', () => {
    expect(value('${indexOf("hello hello", "llo")}')).toBe(2);
    expect(value('${indexOf("hello hello", "llo", 3)}')).toBe(8);
    expect(value('${indexOf("hello", "z")}')).toBe(-1);
    expect(value('${charAt("hello", 1)}')).toBe('e');
    expect(faultOf('${charAt("hello", 9)}')).toBe('Invalid index provided for charAt function. source: hello, index: 9');
  });
  it('fails on a null argument', () => {
    expect(faultOf('${toUpper(payload.n)}', { payload: { n: null } })).toBe('Null source value provided for the function: toUpper');
  });
});

describe('math functions', () => {
  it('abs, ceil, floor keep ints; doubles follow MI', () => {
    expect(value('${abs(-5)}')).toBe(5);
    expect(text('${abs(-3.25)}')).toBe('3.25');
    expect(text('${ceil(3.2)}')).toBe('4');
    expect(text('${floor(3.7)}')).toBe('3');
    expect(text('${floor(-3.2)}')).toBe('-4');
    expect(text('${ceil(5)}')).toBe('5');
  });
  it('round to an int or to decimals (half up)', () => {
    expect(value('${round(2.5)}')).toBe(3);
    expect(value('${round(-2.5)}')).toBe(-2);
    expect(text('${round(2.756, 2)}')).toBe('2.76');
    expect(text('${round(1.005, 2)}')).toBe('1.01');
    expect(value('${round(7, 2)}')).toBe(7);
    expect(faultOf('${round("x")}')).toBe('Invalid argument provided for round function');
  });
  it('sqrt, log (base 10 by default), pow give doubles', () => {
    expect(text('${sqrt(16)}')).toBe('4.0');
    expect(text('${log(100)}')).toBe('2.0');
    expect(text('${log(8, 2)}')).toBe('3.0');
    expect(text('${pow(2, 10)}')).toBe('1024.0');
    expect(faultOf('${pow("2", 3)}')).toBe('Invalid argument provided for pow function. source: 2, argument1: 3');
  });
});

describe('encoding functions', () => {
  it('base64 round trip, with charsets', () => {
    expect(value('${base64encode("Hello World")}')).toBe('SGVsbG8gV29ybGQ=');
    expect(value('${base64decode("SGVsbG8gV29ybGQ=")}')).toBe('Hello World');
    expect(value('${base64encode("é", "ISO-8859-1")}')).toBe('6Q==');
    expect(value('${base64encode("é")}')).toBe('w6k=');
    expect(faultOf('${base64encode("a", "NOPE")}')).toBe('Invalid charset provided for base64Encode function. Charset: NOPE');
    expect(faultOf('${base64decode("**")}')).toMatch(/Illegal base64 character/);
  });
  it('urlEncode like MI (%20 and %2A for UTF-8), urlDecode like Java', () => {
    expect(value('${urlEncode("a b*c/é")}')).toBe('a%20b%2Ac%2F%C3%A9');
    expect(value('${urlEncode("a b*c", "ISO-8859-1")}')).toBe('a+b*c');
    expect(value('${urlDecode("a+b%20c%C3%A9")}')).toBe('a b cé');
    expect(faultOf('${urlDecode("%zz")}')).toMatch(/Illegal hex characters/);
  });
});

describe('type functions', () => {
  const payload = { s: 'x', n: 2, d: 2.5, a: [1], o: { k: 1 }, js: '{"k":2}', ja: '[1,2]' };
  it('isString, isNumber, isArray, isObject', () => {
    expect(value('${isString(payload.s)}', { payload })).toBe(true);
    expect(value('${isString(payload.n)}', { payload })).toBe(false);
    expect(value('${isNumber(payload.d)}', { payload })).toBe(true);
    expect(value('${isNumber(now())}', { payload })).toBe(false); // a long, as in MI
    expect(value('${isArray(payload.a)}', { payload })).toBe(true);
    expect(value('${isArray(payload.ja)}', { payload })).toBe(true);
    expect(value('${isObject(payload.o)}', { payload })).toBe(true);
    expect(value('${isObject(payload.js)}', { payload })).toBe(true);
    expect(value('${isObject(payload.a)}', { payload })).toBe(false);
  });
  it('string, integer, float, boolean', () => {
    expect(value('${string(payload.n) + "!"}', { payload })).toBe('2!');
    expect(value('${string(payload.o)}', { payload })).toBe('{"k":1}');
    expect(value('${integer("42") + 1}')).toBe(43);
    expect(faultOf('${integer("4.2")}')).toBe('Invalid argument provided for integer conversion: 4.2');
    expect(text('${float("3")}')).toBe('3.0');
    expect(text('${float(2)}')).toBe('2.0');
    expect(faultOf('${float("abc")}')).toBe('Invalid argument provided for float conversion: abc');
    expect(value('${boolean("TRUE")}')).toBe(true);
    expect(value('${boolean("yes")}')).toBe(false);
  });
  it('object and array parse JSON text, then take a path', () => {
    expect(value('${object(payload.js).k}', { payload })).toBe(2);
    expect(value('${array(payload.ja)[1]}', { payload })).toBe(2);
    expect(faultOf('${object("[1]")}')).toBe('Argument cannot be converted to a JSON object');
    expect(faultOf('${array("x")}')).toBe('Argument cannot be converted to a JSON array');
  });
});

describe('logic functions', () => {
  it('exists never fails', () => {
    const data = { payload: { a: 1, n: null }, vars: { v: 'x' } };
    expect(value('${exists(payload.a)}', data)).toBe(true);
    expect(value('${exists(payload.b)}', data)).toBe(false);
    expect(value('${exists(payload.n)}', data)).toBe(false);
    expect(value('${exists(vars.v)}', data)).toBe(true);
    expect(value('${exists(vars.w)}', data)).toBe(false);
    expect(value('${exists(headers.h)}', data)).toBe(false);
    expect(value('${exists(payload.b) ? payload.b : "d"}', data)).toBe('d');
  });
  it('not negates booleans only', () => {
    expect(value('${not(true)}')).toBe(false);
    expect(value('${not(exists(vars.x))}')).toBe(true);
    expect(faultOf('${not(0)}')).toBe('Value : 0 cannot be converted to boolean');
  });
});

describe('date functions', () => {
  const now = new Date(2024, 11, 5, 14, 7, 9, 45).getTime(); // local time, as MI uses the system zone
  it('now() is the epoch milliseconds of the context clock', () => {
    expect(value('${now()}', { now })).toBe(now);
    expect(value('${now() - now()}', { now })).toBe(0);
  });
  it('formatDateTime(millis, pattern) with Java patterns', () => {
    expect(value('${formatDateTime(now(), "yyyy-MMM-dd")}', { now })).toBe('2024-Dec-05');
    expect(value('${formatDateTime(now(), "yyyy-MM-dd\'T\'HH:mm:ss.SSS")}', { now })).toBe('2024-12-05T14:07:09.045');
    expect(value('${formatDateTime(now(), "EEEE, d MMMM yy h:mm a")}', { now })).toBe('Thursday, 5 December 24 2:07 PM');
    expect(value('${formatDateTime(now(), "D \'\'Q\'\' \'Q\'")}', { now })).toBe("340 '4' Q");
    expect(faultOf('${formatDateTime(now(), "yyyy Z")}', { now })).toMatch(/zone/);
    expect(faultOf('${formatDateTime(now(), "bb")}', { now })).toBe('Unknown pattern letter: b');
  });
  it('formatDateTime(text, from, to) re-formats date-times, dates and times', () => {
    expect(value('${formatDateTime("2024-03-08 14:30", "yyyy-MM-dd HH:mm", "dd/MM/yyyy hh:mm a")}')).toBe('08/03/2024 02:30 PM');
    expect(value('${formatDateTime("2024-03-08", "yyyy-MM-dd", "dd/MM/yyyy")}')).toBe('08/03/2024');
    expect(value('${formatDateTime("14:30:00", "HH:mm:ss", "hh:mm a")}')).toBe('02:30 PM');
    expect(value('${formatDateTime("08-Mar-2024", "dd-MMM-yyyy", "EEE yyyyMMdd")}')).toBe('Fri 20240308');
    expect(faultOf('${formatDateTime("2024-02-30", "yyyy-MM-dd", "dd")}')).toMatch(/could not be parsed/);
    expect(faultOf('${formatDateTime("2024-03-08", "yyyy-MM-dd", "HH")}')).toMatch(/Unsupported field/);
  });
});

describe('registry and secrets', () => {
  const registry = {
    'gov:config/app.json': { text: '{"student":{"name":"Ann"},"n":[1,2]}', properties: { prop1: 'v1' } },
    'conf:note.txt': 'plain text',
  };
  it('reads resources, their properties and JSON inside them', () => {
    expect(value("${registry('conf:note.txt')}", { registry })).toBe('plain text');
    expect(value("${registry('gov:config/app.json', 'prop1')}", { registry })).toBe('v1');
    expect(value("${registry('gov:config/app.json').property('prop1')}", { registry })).toBe('v1');
    expect(value("${registry('gov:config/app.json').student.name}", { registry })).toBe('Ann');
    expect(value("${registry('gov:config/app.json').n[1]}", { registry })).toBe(2);
  });
  it('fails on missing resources and properties', () => {
    expect(faultOf("${registry('gov:none')}", { registry })).toBe('Could not find the registry resource: gov:none');
    expect(faultOf("${registry('conf:note.txt', 'p')}", { registry })).toBe(
      'Could not find the property: p in the registry resource: conf:note.txt',
    );
  });
  it('reports vault secrets as unavailable in the embedded runtime', () => {
    expect(faultOf('${wso2-vault("alias")}')).toMatch(/not available in the embedded runtime/);
    expect(faultOf('${hashicorp-vault("path", "field")}')).toMatch(/not available in the embedded runtime/);
  });
  it('does not read the payload for registry access', () => {
    expect(compileSynapseExpression("${registry('conf:note.txt')}").readsPayload).toBe(false);
    const ctx = makeTestContext({ registry });
    compileSynapseExpression("${registry('conf:note.txt')}").evaluate(ctx);
    expect(ctx.payloadReads).toBe(0);
  });
});
