import { describe, expect, it } from 'vitest';
import { compileSynapseExpression } from './index.js';
import { makeTestContext } from './test-context.js';
import { faultOf, text, value } from './test-helpers.js';

describe('payload / $', () => {
  const payload = { user: { 'first name': 'Ann', id: 7, tags: ['a', 'b'] }, n: null };
  it('reads the whole payload and fields, by dot or bracket', () => {
    expect(value('${payload}', { payload })).toEqual(payload);
    expect(value('${$}', { payload })).toEqual(payload);
    expect(value('${payload.user.id}', { payload })).toBe(7);
    expect(value('${$.user.id}', { payload })).toBe(7);
    expect(value('${payload.user["first name"]}', { payload })).toBe('Ann');
    expect(value("${payload['user'].tags[1]}", { payload })).toBe('b');
  });
  it('fails on a missing field with Jayway\'s message (MI logs it and yields no value)', () => {
    expect(faultOf('${payload.user.age}', { payload })).toBe("No results for path: $['user']['age']");
    expect(faultOf('${payload.user.tags[5]}', { payload })).toBe("No results for path: $['user']['tags'][5]");
  });
  it('gives null for a field holding null, printed as empty text', () => {
    expect(value('${payload.n}', { payload })).toBe(null);
    expect(text('${payload.n}', { payload })).toBe('');
  });
  it('marks only payload access as reading the payload', () => {
    expect(compileSynapseExpression('${payload.user}').readsPayload).toBe(true);
    expect(compileSynapseExpression('${length($.user.tags)}').readsPayload).toBe(true);
    expect(compileSynapseExpression('${vars.a[?(@.x > payload.min)]}').readsPayload).toBe(true);
    expect(compileSynapseExpression('${vars.a + headers.b}').readsPayload).toBe(false);
    const ctx = makeTestContext({ vars: { a: 1 }, payload: {} });
    compileSynapseExpression('${vars.a + 1}').evaluate(ctx);
    expect(ctx.payloadReads).toBe(0);
  });
});

describe('vars', () => {
  it('reads variables by dot, bracket, and the pre-GA `var.` spelling', () => {
    const vars = { name: 'john', 'my var': 'x', obj: { list: [{ k: 1 }, { k: 2 }] } };
    expect(value('${vars.name}', { vars })).toBe('john');
    expect(value('${vars["my var"]}', { vars })).toBe('x');
    expect(value('${var.name}', { vars })).toBe('john');
    expect(value('${vars.obj.list[1].k}', { vars })).toBe(2);
    expect(value('${vars.obj.list[*].k}', { vars })).toEqual([1, 2]);
  });
  it('reads text variables as numbers or JSON when they parse, as MI does', () => {
    const vars = { n: '42', d: '2.5', b: 'true', j: '{"a":[1]}', s: 'hello', e: '' };
    expect(value('${vars.n + 1}', { vars })).toBe(43);
    expect(text('${vars.d * 2}', { vars })).toBe('5.0');
    expect(value('${vars.b}', { vars })).toBe(true);
    expect(value('${vars.j.a[0]}', { vars })).toBe(1);
    expect(value('${vars.s}', { vars })).toBe('hello');
    expect(value('${vars.e}', { vars })).toBe('');
  });
  it('fails on an undefined variable', () => {
    expect(faultOf('${vars.missing}')).toBe('Variable missing is not defined');
  });
  it('allows hyphens in names', () => {
    expect(value('${vars.my-var}', { vars: { 'my-var': 3 } })).toBe(3);
  });
});

describe('headers', () => {
  const headers = { 'Content-Type': 'application/json', 'X-Count': '12', 'X-Price': '9.5' };
  it('reads headers case-insensitively, by dot (hyphens allowed) or bracket', () => {
    expect(value('${headers.Content-Type}', { headers })).toBe('application/json');
    expect(value('${headers["content-type"]}', { headers })).toBe('application/json');
  });
  it('reads numeric header values as numbers', () => {
    expect(value('${headers.X-Count + 1}', { headers })).toBe(13);
    expect(text('${headers.X-Price}', { headers })).toBe('9.5');
  });
  it('fails on a missing header', () => {
    expect(faultOf('${headers.Nope}', { headers })).toBe('Header Nope is not defined');
  });
});

describe('props / properties', () => {
  it('reads synapse and axis2 scopes under both spellings', () => {
    const data = { props: { method: 'get', count: '3' }, axis2Props: { HTTP_SC: '200' } };
    expect(value('${props.synapse.method}', data)).toBe('get');
    expect(value('${properties.synapse.method}', data)).toBe('get');
    expect(value('${props.synapse["count"] * 2}', data)).toBe(6);
    expect(value('${properties.axis2.HTTP_SC}', data)).toBe(200);
    expect(faultOf('${props.axis2.method}', data)).toBe('Axis2 property method is not defined');
  });
  it('keeps JSON property values as JSON', () => {
    expect(value('${props.synapse.obj}', { props: { obj: { a: 1 } } })).toEqual({ a: 1 });
  });
});

describe('params', () => {
  const data = { query: { age: '3', q: 'books' }, path: { name: 'john' }, funcParams: { limit: '10' } };
  it('reads query, path and function parameters', () => {
    expect(value('${params.queryParams.age}', data)).toBe(3);
    expect(value('${params.queryParams.q}', data)).toBe('books');
    expect(value('${params.pathParams.name}', data)).toBe('john');
    expect(value('${params.functionParams.limit}', data)).toBe(10);
  });
  it('accepts the pre-GA params.uriParams for path parameters', () => {
    expect(value('${params.uriParams.name}', data)).toBe('john');
  });
  it('fails on a missing parameter', () => {
    expect(faultOf('${params.queryParams.zzz}', data)).toBe('Query parameter zzz is not defined');
  });
});

describe('configs', () => {
  it('reads configs by dot and bracket, also as config', () => {
    const data = { configs: { 'db.url': 'jdbc:x', port: '8080' } };
    expect(value('${configs["db.url"]}', data)).toBe('jdbc:x');
    expect(value('${configs.port}', data)).toBe(8080);
    expect(value('${config.port}', data)).toBe(8080);
    expect(faultOf('${configs.none}', data)).toBe('Config none is not defined');
  });
});
