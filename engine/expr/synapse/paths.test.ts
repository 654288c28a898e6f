import { describe, expect, it } from 'vitest';
import { faultOf, text, value } from './test-helpers.js';

const payload = {
  store: {
    book: [
      { category: 'reference', title: 'Sayings', price: 8.95, tags: ['x'] },
      { category: 'fiction', title: 'Moby Dick', price: 8.99, isbn: '0-553', tags: ['x', 'y'] },
      { category: 'fiction', title: 'LOTR', price: 22.99, isbn: '0-395', tags: [] },
    ],
    bicycle: { color: 'red', price: 19.95 },
  },
  nums: [5, 1, 4],
  expensive: 10,
};

describe('path tails', () => {
  it('selects with wildcards and deep scan', () => {
    expect(value('${payload.store.book[*].title}', { payload })).toEqual(['Sayings', 'Moby Dick', 'LOTR']);
    expect(value('${payload.store.bicycle.*}', { payload })).toEqual(['red', 19.95]);
    expect(value('${payload..price}', { payload })).toEqual([8.95, 8.99, 22.99, 19.95]);
    expect(value('${payload..isbn}', { payload })).toEqual(['0-553', '0-395']);
    expect(value('${payload.store..color}', { payload })).toEqual(['red']);
  });
  it('gives an empty array when an indefinite path matches nothing', () => {
    expect(value('${payload..nothing}', { payload })).toEqual([]);
  });
  it('indexes from the end, slices, and picks several indexes', () => {
    expect(value('${payload.nums[-1]}', { payload })).toBe(4);
    expect(value('${payload.nums[0:2]}', { payload })).toEqual([5, 1]);
    expect(value('${payload.nums[1:]}', { payload })).toEqual([1, 4]);
    expect(value('${payload.nums[:-1]}', { payload })).toEqual([5, 1]);
    expect(value('${payload.nums[-2:]}', { payload })).toEqual([1, 4]);
    expect(value('${payload.nums[0:3:2]}', { payload })).toEqual([5, 4]);
    expect(value('${payload.nums[0,2]}', { payload })).toEqual([5, 4]);
    expect(value("${payload.store.bicycle['color','price']}", { payload })).toEqual({ color: 'red', price: 19.95 });
  });
  it('indexes with an expression', () => {
    expect(value('${payload.nums[vars.i]}', { payload, vars: { i: 2 } })).toBe(4);
    expect(value('${payload.nums[vars.i - 1]}', { payload, vars: { i: 2 } })).toBe(1);
    expect(value('${payload.store[vars.k].color}', { payload, vars: { k: 'bicycle' } })).toBe('red');
  });
  it('applies JSONPath functions', () => {
    expect(value('${payload.nums.length()}', { payload })).toBe(3);
    expect(value('${payload.nums.size()}', { payload })).toBe(3);
    expect(text('${payload.nums.sum()}', { payload })).toBe('10.0');
    expect(text('${payload.nums.min()}', { payload })).toBe('1.0');
    expect(text('${payload.nums.max()}', { payload })).toBe('5.0');
    expect(text('${payload.nums.avg()}', { payload })).toBe('3.3333333333333335');
    expect(text('${payload..price.max()}', { payload })).toBe('22.99');
    expect(value('${payload.store.bicycle.keys()}', { payload })).toEqual(['color', 'price']);
    expect(value('${payload.nums.first()}', { payload })).toBe(5);
    expect(value('${payload.nums.last()}', { payload })).toBe(4);
    expect(Number(text('${payload.nums.stddev()}', { payload }))).toBeCloseTo(1.69967, 4);
  });
  it('treats a field called like a function as a field when no () follows', () => {
    expect(value('${payload.length}', { payload: { length: 9 } })).toBe(9);
  });
});

describe('filters', () => {
  it('compares fields with literals', () => {
    expect(value('${payload.store.book[?(@.price < 10)].title}', { payload })).toEqual(['Sayings', 'Moby Dick']);
    expect(value("${payload.store.book[?(@.category == 'fiction')].title}", { payload })).toEqual(['Moby Dick', 'LOTR']);
    expect(value('${payload.store.book[?(@.category != "fiction")].title}', { payload })).toEqual(['Sayings']);
  });
  it('tests existence and its negation', () => {
    expect(value('${payload.store.book[?(@.isbn)].title}', { payload })).toEqual(['Moby Dick', 'LOTR']);
    expect(value('${payload.store.book[?(!@.isbn)].title}', { payload })).toEqual(['Sayings']);
  });
  it('uses variables, payload and params inside the filter', () => {
    const data = { payload, vars: { min: 9, cat: 'fiction' }, query: { max: '20' } };
    expect(value('${payload.store.book[?(@.price >= vars.min)].title}', data)).toEqual(['LOTR']);
    expect(value('${payload..book[?(@.category == vars.cat && @.price > payload.expensive)].title}', data)).toEqual(['LOTR']);
    expect(value('${payload..book[?(@.price < params.queryParams.max)].title}', data)).toEqual(['Sayings', 'Moby Dick']);
  });
  it('combines with && and || (&& first) and parentheses', () => {
    expect(value("${payload.store.book[?(@.price > 20 || @.category == 'reference' && @.price < 9)].title}", { payload })).toEqual(['Sayings', 'LOTR']);
    expect(value("${payload.store.book[?((@.price > 20 || @.category == 'reference') && @.price < 9)].title}", { payload })).toEqual(['Sayings']);
  });
  it('supports in, nin, subsetof, anyof, noneof, size, empty, =~', () => {
    const d = { payload };
    expect(value("${payload.store.book[?(@.category in ['reference', 'x'])].title}", d)).toEqual(['Sayings']);
    expect(value("${payload.store.book[?(@.category nin ['reference'])].title}", d)).toEqual(['Moby Dick', 'LOTR']);
    expect(value("${payload.store.book[?(@.tags subsetof ['x'])].title}", d)).toEqual(['Sayings', 'LOTR']);
    expect(value("${payload.store.book[?(@.tags anyof ['y'])].title}", d)).toEqual(['Moby Dick']);
    expect(value("${payload.store.book[?(@.tags noneof ['y'])].title}", d)).toEqual(['Sayings', 'LOTR']);
    expect(value('${payload.store.book[?(@.tags size 2)].title}', d)).toEqual(['Moby Dick']);
    expect(value('${payload.store.book[?(@.tags empty true)].title}', d)).toEqual(['LOTR']);
    expect(value('${payload.store.book[?(@.title =~ /moby.*/i)].title}', d)).toEqual(['Moby Dick']);
    expect(value('${payload.store.book[?(@.title =~ /Moby/)].title}', d)).toEqual([]);
  });
  it('filters plain values with @ and applies functions in filters', () => {
    expect(value('${payload.nums[?(@ > 2)]}', { payload })).toEqual([5, 4]);
    expect(value('${payload.store.book[?(@.tags.length() > 1)].title}', { payload })).toEqual(['Moby Dick']);
  });
  it('treats a missing field as not matching', () => {
    expect(value("${payload.store.book[?(@.isbn == '0-553')].title}", { payload })).toEqual(['Moby Dick']);
  });
  it('keeps Jayway typing: a number never equals a string', () => {
    expect(value("${payload.nums[?(@ == '5')]}", { payload })).toEqual([]);
  });
  it('fails when a variable used in a filter is missing', () => {
    expect(faultOf('${payload.nums[?(@ > vars.none)]}', { payload })).toBe('Variable none is not defined');
  });
});
