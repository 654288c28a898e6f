import { describe, it, expect } from 'vitest';
import { ExpressionSyntaxError } from '../types.js';
import { compileJsonPath } from './index.js';
import { testContext } from '../xpath/test-context.js';

const payload = {
  name: 'Ann',
  age: 30,
  nothing: null,
  active: true,
  flag: 'TRUE',
  address: { city: 'Colombo', zip: '00100' },
  items: [
    { id: 1, price: 10 },
    { id: 2, price: 25 },
    { id: 3, price: 5 },
  ],
  tags: ['a', 'b'],
};
const ctx = testContext({ json: payload });
const str = (p: string) => compileJsonPath(p).evaluateString(ctx);
const val = (p: string) => compileJsonPath(p).evaluate(ctx);

describe('json-eval definite paths', () => {
  it('return the value itself', () => {
    expect(val('$.name')).toBe('Ann');
    expect(val('$.items[1].price')).toBe(25);
    expect(val("$['address']['city']")).toBe('Colombo');
    expect(val('$.address')).toEqual({ city: 'Colombo', zip: '00100' });
    expect(val('name')).toBe('Ann'); // Jayway reads a rootless path from $
  });

  it('print strings bare, numbers and booleans as text, objects and arrays as compact JSON, null as "null"', () => {
    expect(str('$.name')).toBe('Ann');
    expect(str('$.age')).toBe('30');
    expect(str('$.active')).toBe('true');
    expect(str('$.address')).toBe('{"city":"Colombo","zip":"00100"}');
    expect(str('$.tags')).toBe('["a","b"]');
    expect(str('$.nothing')).toBe('null');
  });

  it('print "" when nothing matches', () => {
    expect(val('$.missing.deeper')).toBeUndefined();
    expect(str('$.missing')).toBe('');
  });

  it('$ and $. are the whole payload', () => {
    expect(val('$')).toEqual(payload);
    expect(str('$.')).toBe(JSON.stringify(payload));
  });
});

describe('json-eval indefinite paths', () => {
  it('return arrays, even of one match', () => {
    expect(val('$.items[*].id')).toEqual([1, 2, 3]);
    expect(val('$..city')).toEqual(['Colombo']);
    expect(str('$..city')).toBe('["Colombo"]');
    expect(val('$.items[?(@.price > 8)].id')).toEqual([1, 2]);
    expect(val('$.items[0,2].id')).toEqual([1, 3]);
    expect(val('$.items[0:2].id')).toEqual([1, 2]);
    expect(str('$.items[?(@.price > 100)]')).toBe('[]');
  });
});

describe('path functions', () => {
  it('length() is an integer, statistics are Java doubles', () => {
    expect(str('$.items.length()')).toBe('3');
    expect(val('$.tags.size()')).toBe(2);
    expect(str('$.items[*].price.sum()')).toBe('40.0');
    expect(str('$.items[*].price.avg()')).toBe('13.333333333333334');
    expect(str('$.items[*].price.max()')).toBe('25.0');
    expect(val('$.address.keys()')).toEqual(['city', 'zip']);
  });
});

describe('as a condition', () => {
  it('is true only when the string value is "true", ignoring case', () => {
    expect(compileJsonPath('$.active').evaluateBoolean(ctx)).toBe(true);
    expect(compileJsonPath('$.flag').evaluateBoolean(ctx)).toBe(true);
    expect(compileJsonPath('$.name').evaluateBoolean(ctx)).toBe(false);
    expect(compileJsonPath('$.missing').evaluateBoolean(ctx)).toBe(false);
  });
});

describe('without a JSON payload', () => {
  it('prints ""', () => {
    expect(compileJsonPath('$.a').evaluateString(testContext({}))).toBe('');
  });
});

describe('syntax errors', () => {
  const offsetOf = (p: string) => {
    try {
      compileJsonPath(p);
    } catch (e) {
      expect(e).toBeInstanceOf(ExpressionSyntaxError);
      return (e as ExpressionSyntaxError).offset;
    }
    throw new Error(`no error for ${p}`);
  };
  it('reports offsets within the path', () => {
    expect(offsetOf('$.a[0')).toBe(3);
    expect(offsetOf('$.a]')).toBe(3);
    expect(offsetOf("$['a]")).toBe(2);
    expect(offsetOf('$.a..')).toBe(3);
    expect(offsetOf("$.a[?(@.b =~ /x/)]")).toBe(10);
  });
  it('accepts a trailing dot, as MI does', () => {
    expect(compileJsonPath('$.name.').evaluateString(ctx)).toBe('Ann');
  });
});
