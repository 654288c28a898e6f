/** assertEquals as MI judges it (reference/unit-test-format.md §2.3). */
import { describe, expect, it } from 'vitest';
import { judgeEquals, normalise } from './compare.js';

describe('judgeEquals', () => {
  it('JSON: key order, layout and a CDATA wrapper do not matter; values do', () => {
    expect(judgeEquals('<![CDATA[{"b": [1, 2], "a": {"y": 1, "x": 2}}]]>', '{"a":{"x":2,"y":1},"b":[1,2]}').equal).toBe(true);
    expect(judgeEquals('{"a": [1, 2]}', '{"a": [2, 1]}')).toEqual({ equal: false, reason: 'JSON differs at $.a[0]: expected 1, got 2' });
    expect(judgeEquals('{"a": 1}', '{"a": 1, "b": null}')).toEqual({ equal: false, reason: 'JSON differs at $.b: not expected, got null' });
  });

  it('XML: re-serialised, indentation and the XML declaration ignored; attribute quoting normalised', () => {
    expect(judgeEquals("<?xml version='1.0'?>\n<a x='1'>\n  <b>t</b>\n</a>", '<a x="1"><b>t</b></a>').equal).toBe(true);
    const j = judgeEquals('<a><b>1</b></a>', '<a><b>2</b></a>');
    expect(j.equal).toBe(false);
    expect(j.reason).toMatch(/^XML differs at character 7 of the normalised form/);
  });

  it('as in MI, whitespace inside values is removed too, so "a b" equals "ab"', () => {
    expect(judgeEquals('hello world', 'helloworld').equal).toBe(true);
    expect(judgeEquals('{"s": "a b"}', '{"s": "ab"}').equal).toBe(true);
  });

  it('a value of one kind never equals another kind', () => {
    expect(judgeEquals('<a>1</a>', '{"a": 1}')).toEqual({ equal: false, reason: 'expected XML, got JSON' });
    expect(judgeEquals('x', null)).toEqual({ equal: false, reason: 'the expression has no value' });
  });

  it('normalise keeps plain text that only looks like markup', () => {
    expect(normalise('<not xml')).toEqual({ kind: 'text', text: '<notxml' });
  });
});

describe('judgeEquals on single values', () => {
  it('a status code or a number says plainly what differs', () => {
    expect(judgeEquals('404', '200')).toEqual({ equal: false, reason: 'expected 404, got 200' });
    expect(judgeEquals('"a"', '{"a": 1}')).toEqual({ equal: false, reason: 'expected "a", got {"a":1}' });
  });
});
