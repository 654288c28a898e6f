import { describe, expect, it } from 'vitest';
import { compileSynapseExpression, isSynapseExpression } from './index.js';
import { faultOf, syntaxErrorOf, text, value } from './test-helpers.js';

describe('isSynapseExpression', () => {
  it('accepts exactly one ${...}, with whitespace around', () => {
    expect(isSynapseExpression('${vars.a}')).toBe(true);
    expect(isSynapseExpression('  ${payload.x}\n')).toBe(true);
    expect(isSynapseExpression('${"}"}')).toBe(true);
  });
  it('rejects text around or between expressions', () => {
    expect(isSynapseExpression('a ${vars.a}')).toBe(false);
    expect(isSynapseExpression('${vars.a} and ${vars.b}')).toBe(false);
    expect(isSynapseExpression('{//a}')).toBe(false);
    expect(isSynapseExpression('${vars.a')).toBe(false);
  });
  it('tolerates stray closing braces after the expression, as MI does', () => {
    expect(isSynapseExpression('${payload.a}}')).toBe(true);
    expect(value('${payload.a}}', { payload: { a: 1 } })).toBe(1);
  });
});

describe('syntax errors carry the offset in the source', () => {
  it('points at an unknown character', () => {
    expect(syntaxErrorOf('${vars.a # 1}').offset).toBe(9);
  });
  it('points at an unknown function', () => {
    const e = syntaxErrorOf('${  foo(1)}');
    expect(e).toEqual({ message: "Unknown function 'foo'", offset: 4 });
  });
  it('points at a token left over after a complete expression', () => {
    expect(syntaxErrorOf('${1 2}').offset).toBe(4);
  });
  it('points at an unterminated string', () => {
    expect(syntaxErrorOf('${"abc}').offset).toBe(2);
  });
  it('reports a missing closing bracket', () => {
    expect(syntaxErrorOf('${payload.a[0}').offset).toBe(13);
  });
  it('rejects wrong argument counts at compile time', () => {
    expect(syntaxErrorOf('${toUpper("a", "b")}')).toEqual({ message: 'Function toUpper() takes 1 argument(s), not 2', offset: 2 });
  });
  it('rejects an empty expression and a missing ${', () => {
    expect(syntaxErrorOf('${ }').offset).toBe(2);
    expect(syntaxErrorOf('vars.a}').offset).toBe(0);
  });
  it('rejects unknown roots and property scopes', () => {
    expect(syntaxErrorOf('${foo.bar}').message).toBe("Unknown identifier 'foo'");
    expect(syntaxErrorOf('${props.transport.a}').offset).toBe(8);
    expect(syntaxErrorOf('${params.other.a}').offset).toBe(9);
  });
  it('offsets count from the source start when whitespace leads', () => {
    expect(syntaxErrorOf('  ${1 +}').offset).toBe(7);
  });
});

describe("MI's precedence quirk: logical operators nest inside comparisons", () => {
  const data = { vars: { a: 5, b: 0 } };
  it('reads `a > 0 and b < 1` as `(a > (0 and b)) < 1`, which fails on non-booleans', () => {
    expect(faultOf('${vars.a > 0 and vars.b < 1}', data)).toBe('Logical operation between non-boolean values: 0 and 0');
  });
  it('works once the comparisons are parenthesised', () => {
    expect(value('${(vars.a > 0) and (vars.b < 1)}', data)).toBe(true);
    expect(value('${(vars.a > 0) && (vars.b > 1)}', data)).toBe(false);
    expect(value('${(vars.a < 0) || (vars.b < 1)}', data)).toBe(true);
  });
  it('gives and/or the same precedence, nested to the right', () => {
    // true or (false and false) == true ; (true or false) and false would be false
    expect(value('${true or false and false}')).toBe(true);
    expect(value('${false and false or true}')).toBe(false);
  });
  it('binds arithmetic tighter than comparison, and * tighter than +', () => {
    expect(value('${1 + 2 * 3 == 7}')).toBe(true);
    expect(value('${(1 + 2) * 3}')).toBe(9);
    expect(value('${10 - 4 - 3}')).toBe(3);
  });
  it('makes the ternary the lowest, nesting to the right', () => {
    expect(value('${vars.a > 3 ? "big" : "small"}', data)).toBe('big');
    expect(value('${vars.b > 3 ? "big" : vars.b == 0 ? "zero" : "small"}', data)).toBe('zero');
    expect(value('${1 + 1 == 2 ? 10 : 20}')).toBe(10);
  });
});

describe('literals', () => {
  it('reads numbers, strings, booleans, null and arrays', () => {
    expect(value('${42}')).toBe(42);
    expect(value('${-7}')).toBe(-7);
    expect(text('${2.50}')).toBe('2.5');
    expect(text('${3.0}')).toBe('3.0');
    expect(value("${'single'}")).toBe('single');
    expect(value('${true}')).toBe(true);
    expect(value('${null}')).toBe(null);
    expect(value('${[1, "a", true, [2]]}')).toEqual([1, 'a', true, [2]]);
    expect(value('${[]}')).toEqual([]);
  });
  it('decodes string escapes', () => {
    expect(value('${"a\\tb\\n\\"q\\" \\u0041 \\101 \\/"}')).toBe('a\tb\n"q" A A /');
  });
  it('keeps the source given', () => {
    const c = compileSynapseExpression(' ${vars.a} ');
    expect(c.source).toBe(' ${vars.a} ');
    expect(c.language).toBe('synapse');
  });
});
