import { describe, it, expect } from 'vitest';
import { MediationFault } from '../../core/errors.js';
import { ExpressionSyntaxError } from '../types.js';
import { compileXPath } from './index.js';
import type { NamespaceMap } from '../types.js';
import { testContext, SOAP11 } from './test-context.js';

const NS: NamespaceMap = { m0: 'http://services.samples', soapenv: SOAP11, ns: 'urn:other' };
const QUOTE = '<m0:getQuote xmlns:m0="http://services.samples"><m0:request><m0:symbol>IBM</m0:symbol></m0:request></m0:getQuote>';

const str = (expr: string, ctx = testContext({ xml: QUOTE }), ns = NS) => compileXPath(expr, ns).evaluateString(ctx);
const bool = (expr: string, ctx = testContext({ xml: QUOTE }), ns = NS) => compileXPath(expr, ns).evaluateBoolean(ctx);

describe('XPath over the SOAP envelope', () => {
  it('evaluates absolute, relative and descendant paths from the envelope', () => {
    expect(str('/soapenv:Envelope/soapenv:Body/m0:getQuote/m0:request/m0:symbol')).toBe('IBM');
    expect(str('soapenv:Body/m0:getQuote/m0:request/m0:symbol')).toBe('IBM');
    expect(str('//m0:symbol')).toBe('IBM');
    expect(str('//m0:symbol/text()')).toBe('IBM');
  });

  it('resolves prefixes only from the NamespaceMap, not from the message', () => {
    expect(() => str('//m0:symbol', testContext({ xml: QUOTE }), {})).toThrow(MediationFault);
    expect(str('//ns:symbol')).toBe('');
  });

  it('matches no-namespace names only to unqualified elements', () => {
    expect(str('//symbol')).toBe('');
    expect(str('//symbol', testContext({ xml: '<order><symbol>WSO2</symbol></order>' }))).toBe('WSO2');
  });

  it('reads JSON payloads through their jsonObject view', () => {
    const ctx = testContext({ xml: '<jsonObject><name>Ann</name><age>7</age></jsonObject>' });
    expect(str('//jsonObject/name', ctx)).toBe('Ann');
    expect(str('$body/jsonObject/age + 1', ctx)).toBe('8.0');
  });
});

describe('stringValueOf rules', () => {
  it('prints an element with only child elements as XML, with its namespace declared', () => {
    expect(str('$body/*')).toBe(QUOTE);
    expect(str('//m0:request')).toBe('<m0:request xmlns:m0="http://services.samples"><m0:symbol>IBM</m0:symbol></m0:request>');
  });

  it('prints a single element with text as its trimmed direct text, not its descendants', () => {
    const ctx = testContext({ xml: '<a>  hello <b>x</b>\n</a>' });
    expect(str('//a', ctx)).toBe('hello');
    expect(str('string(//a)', ctx)).toBe('  hello x\n');
  });

  it('prints every node of a multi-node set as XML, concatenated', () => {
    const ctx = testContext({ xml: '<r><i>1</i><i>2</i></r>' });
    expect(str('//i', ctx)).toBe('<i>1</i><i>2</i>');
    expect(str('//i/text()', ctx)).toBe('12');
  });

  it('prints the parent element for a single node() match, as MI does', () => {
    const ctx = testContext({ xml: '<r><i>1</i></r>' });
    expect(str('//i/node()', ctx)).toBe('<i>1</i>');
  });

  it('gives attribute values, empty node-sets as "", whitespace-only elements as XML', () => {
    const ctx = testContext({ xml: '<r id="7"><e>\n  </e></r>' });
    expect(str('//r/@id', ctx)).toBe('7');
    expect(str('//nothing', ctx)).toBe('');
    expect(str('//e', ctx)).toBe('<e>\n  </e>');
  });

  it('prints numbers as Java doubles and booleans as true/false', () => {
    const ctx = testContext({ xml: '<r><i>1</i><i>2</i><i>3</i></r>' });
    expect(str('count(//i)', ctx)).toBe('3.0');
    expect(str('sum(//i) div 4', ctx)).toBe('1.5');
    expect(str('1 div 0', ctx)).toBe('Infinity');
    expect(str('100000000', ctx)).toBe('1.0E8');
    expect(str('string(count(//i))', ctx)).toBe('3');
    expect(str('count(//i) > 2', ctx)).toBe('true');
  });

  it('evaluate() returns nodes as DOM nodes and scalars as JS values', () => {
    const ctx = testContext({ xml: QUOTE });
    const nodes = compileXPath('//m0:symbol', NS).evaluate(ctx) as Node[];
    expect(nodes).toHaveLength(1);
    expect(nodes[0]!.textContent).toBe('IBM');
    expect(compileXPath('count(//m0:symbol)', NS).evaluate(ctx)).toBe(1);
    expect(compileXPath("concat('a','b')", NS).evaluate(ctx)).toBe('ab');
  });
});

describe('boolean conversion (filter)', () => {
  it('follows XPath boolean()', () => {
    expect(bool('//m0:symbol')).toBe(true);
    expect(bool('//m0:missing')).toBe(false);
    expect(bool("//m0:symbol = 'IBM'")).toBe(true);
    expect(bool("//m0:symbol = 'MSFT'")).toBe(false);
    expect(bool('$ctx:missing')).toBe(false);
    // A non-empty string is true even when it says "false" (XPath semantics, as in MI).
    expect(bool('$ctx:flag', testContext({ properties: { default: { flag: 'false' } } }))).toBe(true);
    expect(bool('0')).toBe(false);
  });
});

describe('Synapse variables', () => {
  const ctx = testContext({
    xml: `<soapenv:Envelope xmlns:soapenv="${SOAP11}"><soapenv:Header><h>1</h></soapenv:Header><soapenv:Body>${QUOTE}</soapenv:Body></soapenv:Envelope>`,
    properties: {
      default: { name: 'Ann', count: 5, on: true, map: new Map([['k', 'v']]) },
      axis2: { HTTP_SC: '201' },
      operation: { op: 'o1' },
      system: { 'user.home': '/home/u' },
    },
    variables: { v: 'var-value' },
    headers: { 'Content-Type': 'application/xml' },
    query: { q: 'a b' },
    funcParams: { p: 'param' },
    config: { 'db.url': 'jdbc:x' },
  });

  it('$body, $header and $env address the SOAP envelope parts', () => {
    expect(str('$body/m0:getQuote/m0:request/m0:symbol', ctx)).toBe('IBM');
    expect(str('$header/h', ctx)).toBe('1');
    expect(str('name($env)', ctx)).toBe('soapenv:Envelope');
    expect(str('local-name($body)', ctx)).toBe('Body');
  });

  it('prefixed variables read scopes without xmlns declarations', () => {
    expect(str('$ctx:name', ctx, {})).toBe('Ann');
    expect(str('$ctx:count', ctx, {})).toBe('5');
    expect(str('$ctx:on', ctx, {})).toBe('true');
    expect(str('$axis2:HTTP_SC', ctx, {})).toBe('201');
    expect(str('$trp:content-type', ctx, {})).toBe('application/xml');
    expect(str('$url:q', ctx, {})).toBe('a b');
    expect(str('$url:missing', ctx, {})).toBe('');
    expect(str('$func:p', ctx, {})).toBe('param');
    expect(str('$var:v', ctx, {})).toBe('var-value');
    expect(str('$operation:op', ctx, {})).toBe('o1');
    expect(str('$sys:user.home', ctx, {})).toBe('/home/u');
    expect(str('$config:db.url', ctx, {})).toBe('jdbc:x');
    expect(str('$map:k', ctx, {})).toBe('v');
    expect(str("concat($ctx:name, '-', $var:v)", ctx, {})).toBe('Ann-var-value');
  });

  it('a numeric property takes part in arithmetic and comparisons', () => {
    expect(bool('$ctx:count > 4', ctx, {})).toBe(true);
    expect(str('$ctx:count * 2', ctx, {})).toBe('10.0');
  });

  it('a property or variable holding XML is a node-set', () => {
    const doc = testContext({ xml: '<stock><price>10</price></stock>' }).envelope();
    const stock = doc.getElementsByTagName('stock')[0]!;
    const c = testContext({ variables: { s: stock }, properties: { default: { s: stock } } });
    expect(str('$var:s/price', c, {})).toBe('10');
    expect(str('get-property("s")/price', c, {})).toBe('10');
  });

  it('template parameters given as expressions are evaluated when read', () => {
    const inner = compileXPath('//m0:symbol', NS);
    const c = testContext({ xml: QUOTE, funcParams: { sym: inner } });
    expect(str('$func:sym', c, {})).toBe('IBM');
  });

  it('an unset template parameter is an empty node-set, and so is a path from it (as MI)', () => {
    const c = testContext({ xml: QUOTE });
    expect(str('$func:missing', c, {})).toBe('');
    expect(str('$func:missing/m0:getQuote/m0:request', c, {})).toBe('');
    expect(str('boolean($func:missing/m0:getQuote)', c, {})).toBe('false');
  });

  it('unknown variables fail at evaluation time', () => {
    expect(() => str('$nope', ctx, {})).toThrow(/\$nope is not defined/);
    expect(() => str('$x:y', ctx, {})).toThrow(MediationFault);
  });
});

describe('readsPayload', () => {
  it('is false for expressions that only read properties, and they never build the envelope', () => {
    const ctx = testContext({ properties: { default: { a: 'x' } } });
    for (const e of ["get-property('a')", '$ctx:a', "concat($trp:h, 'b')", "base64Encode('a')"]) {
      const c = compileXPath(e, {});
      expect(c.readsPayload).toBe(false);
      c.evaluateString(ctx);
    }
    expect(ctx.envelopeReads).toBe(0);
  });

  it('is true for paths, envelope variables and context-node functions', () => {
    for (const e of ['//a', '$body', '$header/x', 'string()', 'name()', "count(.) > 0", 'get-property("a")/b']) {
      expect(compileXPath(e, {}).readsPayload, e).toBe(true);
    }
  });
});

describe('syntax errors', () => {
  const offsetOf = (expr: string) => {
    try {
      compileXPath(expr, NS);
    } catch (e) {
      expect(e).toBeInstanceOf(ExpressionSyntaxError);
      return (e as ExpressionSyntaxError).offset;
    }
    throw new Error(`no error for ${expr}`);
  };

  it('reports the offset of the offending token', () => {
    expect(offsetOf('//a[')).toBe(4);
    expect(offsetOf('//a b')).toBe(4);
    expect(offsetOf("concat('a', 'b'")).toBe(15);
    expect(offsetOf("concat('a, 'b')")).toBe(13); // the unterminated quote
    expect(offsetOf('//a # b')).toBe(4);
    expect(offsetOf('')).toBe(0);
  });

  it('rejects functions MI does not know, at the function name', () => {
    expect(offsetOf("concat('a', tokenize('b c', ' '))")).toBe(12);
    expect(offsetOf('foo:bar()')).toBe(0);
  });
});
