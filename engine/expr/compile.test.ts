import { describe, it, expect } from 'vitest';
import { compileExpression, compileValue } from './compile.js';
import { ExpressionSyntaxError } from './types.js';
import { testContext, SOAP11 } from './xpath/test-context.js';

const NS = { m0: 'http://services.samples', soapenv: SOAP11 };
const ctx = testContext({
  xml: '<m0:order xmlns:m0="http://services.samples"><m0:id>42</m0:id></m0:order>',
  json: { order: { id: 42 } },
  variables: { who: 'Ann' },
  properties: { default: { p: 'prop' } },
});

function offsetOf(source: string): number {
  try {
    compileExpression(source, NS);
  } catch (e) {
    expect(e).toBeInstanceOf(ExpressionSyntaxError);
    return (e as ExpressionSyntaxError).offset;
  }
  throw new Error(`no error for ${source}`);
}

describe('compileExpression picks the language by form', () => {
  it('json-eval(...) is JSONPath over the JSON payload', () => {
    const e = compileExpression('json-eval($.order.id)', NS);
    expect(e.language).toBe('jsonpath');
    expect(e.source).toBe('json-eval($.order.id)');
    expect(e.evaluateString(ctx)).toBe('42');
  });

  it('a whole ${...} is a Synapse expression', () => {
    const e = compileExpression('${vars.who}', NS);
    expect(e.language).toBe('synapse');
    expect(e.evaluateString(ctx)).toBe('Ann');
  });

  it('anything else is XPath', () => {
    const e = compileExpression('//m0:id', NS);
    expect(e.language).toBe('xpath');
    expect(e.evaluateString(ctx)).toBe('42');
    expect(compileExpression("get-property('p')", NS).evaluateString(ctx)).toBe('prop');
  });

  it('reports syntax errors at offsets in the text as written', () => {
    expect(offsetOf('//m0:id[')).toBe(8);
    expect(offsetOf('  json-eval($.a[0)')).toBe(15);
    expect(offsetOf('json-eval($.a')).toBe(13);
  });
});

describe('compileValue', () => {
  it('a plain value is a literal', () => {
    expect(compileValue('hello', NS)).toEqual({ literal: 'hello' });
    expect(compileValue('{}', NS)).toEqual({ literal: '{}' });
  });

  it('{xpath} is an XPath expression, {json-eval(...)} a JSONPath one', () => {
    const v = compileValue('{//m0:id}', NS);
    if (!('expression' in v)) throw new Error('expected an expression');
    expect(v.expression.language).toBe('xpath');
    expect(v.expression.evaluateString(ctx)).toBe('42');
    const j = compileValue('{json-eval($.order.id)}', NS);
    if (!('expression' in j)) throw new Error('expected an expression');
    expect(j.expression.language).toBe('jsonpath');
  });

  it('${...} is a Synapse expression', () => {
    const v = compileValue('${vars.who}', NS);
    if (!('expression' in v)) throw new Error('expected an expression');
    expect(v.expression.language).toBe('synapse');
  });

  it('errors inside {…} are reported relative to the whole value', () => {
    try {
      compileValue('{//a[}', NS);
      throw new Error('no error');
    } catch (e) {
      expect(e).toBeInstanceOf(ExpressionSyntaxError);
      expect((e as ExpressionSyntaxError).offset).toBe(5);
    }
  });
});
