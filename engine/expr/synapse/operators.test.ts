import { describe, expect, it } from 'vitest';
import { compileSynapseExpression } from './index.js';
import { makeTestContext } from './test-context.js';
import { faultOf, text, value } from './test-helpers.js';

describe('arithmetic', () => {
  it('adds numbers and concatenates two strings', () => {
    expect(value('${1 + 2}')).toBe(3);
    expect(value('${"a" + "b"}')).toBe('ab');
    expect(value('${vars.s + "!"}', { vars: { s: 'hi' } })).toBe('hi!');
  });
  it('refuses string + number, as MI does', () => {
    expect(faultOf('${"a" + 1}')).toBe('Addition between non-numeric values: a and 1');
    expect(faultOf('${true - 1}')).toBe('Arithmetic operation: SUBTRACT between non-numeric values: true and 1');
  });
  it('divides ints to an int when exact, else to a double', () => {
    expect(text('${10 / 2}')).toBe('5');
    expect(text('${7 / 2}')).toBe('3.5');
    expect(text('${7 % 3}')).toBe('1');
    expect(faultOf('${1 / 0}')).toBe('Division by zero');
    expect(faultOf('${1 % 0}')).toBe('Modulo by zero');
  });
  it('promotes int overflow to long', () => {
    expect(text('${2147483647 + 1}')).toBe('2147483648');
    expect(text('${100000 * 100000}')).toBe('10000000000');
  });
  it('computes doubles exactly in decimal and prints them as Java does', () => {
    expect(text('${0.1 + 0.2}')).toBe('0.3');
    expect(text('${1.5 * 2}')).toBe('3.0');
    expect(text('${payload.p - 0.99}', { payload: { p: 10.99 } })).toBe('10.0');
    expect(text('${1.1 * 1.1}')).toBe('1.21');
    expect(text('${10000000.0 * 2}')).toBe('2.0E7');
  });
  it('negates numbers', () => {
    expect(value('${-(2 + 3)}')).toBe(-5);
    expect(value('${10 - -3}')).toBe(13);
    expect(value('${-vars.a}', { vars: { a: 4 } })).toBe(-4);
  });
  it('fails on null operands', () => {
    expect(faultOf('${null + 1}')).toBe('Null inputs for ADD operation: null and 1');
  });
});

describe('comparison', () => {
  it('compares numbers only', () => {
    expect(value('${2 > 1}')).toBe(true);
    expect(value('${2 <= 1.5}')).toBe(false);
    expect(value('${payload.a >= 3}', { payload: { a: 3 } })).toBe(true);
    expect(faultOf('${"b" > "a"}')).toBe('Comparison between non-numeric values: b and a');
  });
  it('compares == and != by their text, null-safe', () => {
    expect(value('${"1" == 1}')).toBe(true);
    expect(value('${vars.x == "fiction"}', { vars: { x: 'fiction' } })).toBe(true);
    expect(value('${null == null}')).toBe(true);
    expect(value('${payload.n != null}', { payload: { n: null } })).toBe(false);
    expect(value('${1.0 == 1}')).toBe(false); // "1.0" vs "1", as in MI
  });
});

describe('logical and conditional', () => {
  it('requires booleans', () => {
    expect(value('${true && false}')).toBe(false);
    expect(value('${true || false}')).toBe(true);
    expect(faultOf('${1 and true}')).toBe('Logical operation between non-boolean values: 1 and true');
  });
  it('needs a boolean condition', () => {
    expect(faultOf('${1 ? 2 : 3}')).toMatch(/not a boolean/);
  });
});

describe('results as text and boolean', () => {
  const ctx = makeTestContext({ payload: { o: { a: [1, 'x'] }, t: 'True', n: 3 } });
  it('prints objects and arrays as compact JSON, numbers in Java form', () => {
    expect(compileSynapseExpression('${payload.o}').evaluateString(ctx)).toBe('{"a":[1,"x"]}');
    expect(compileSynapseExpression('${sqrt(16)}').evaluateString(ctx)).toBe('4.0');
    expect(compileSynapseExpression('${payload.n}').evaluateString(ctx)).toBe('3');
    expect(compileSynapseExpression('${null}').evaluateString(ctx)).toBe('');
  });
  it('evaluates to plain JSON numbers', () => {
    expect(compileSynapseExpression('${sqrt(16)}').evaluate(ctx)).toBe(4);
    expect(compileSynapseExpression('${now()}').evaluate(ctx)).toBe(ctx.now());
  });
  it('reads booleans and "true" text as true, anything else as false', () => {
    expect(compileSynapseExpression('${payload.n > 2}').evaluateBoolean(ctx)).toBe(true);
    expect(compileSynapseExpression('${payload.t}').evaluateBoolean(ctx)).toBe(true);
    expect(compileSynapseExpression('${payload.n}').evaluateBoolean(ctx)).toBe(false);
  });
});
